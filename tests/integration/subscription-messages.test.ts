import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { tableDigest } from '../support/snapshot';
import { WechatStandIn } from '../support/wechat-stand-in';
import { wechatTime } from '../../functions/src/domain/message-fields';

/**
 * Subscription messages in the production configuration: WeChat credentials and template ids
 * set, so code2Session, stable_token and subscribeMessage.send are the real adapters, talking
 * HTTP to the loopback WeChat stand-in. Members and staff bind through the API; invitations,
 * reminders and rectification deadlines reach the WeChat users who accepted them; the outbox
 * records every outcome and never an openid.
 */
let wechat: WechatStandIn;
let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
const TEMPLATES = { invitation: 'TPL-INV', reminder: 'TPL-REM', rectification_deadline: 'TPL-RECT' };

beforeAll(async () => {
  wechat = await WechatStandIn.start('app-secret');
  stack = await startStack({
    env: {
      WECHAT_APPID: 'wx-county',
      WECHAT_SECRET: 'app-secret',
      WECHAT_API_BASE: wechat.baseUrl,
      WECHAT_TEMPLATE_INVITATION: TEMPLATES.invitation,
      WECHAT_TEMPLATE_REMINDER: TEMPLATES.reminder,
      WECHAT_TEMPLATE_RECTIFICATION: TEMPLATES.rectification_deadline,
    },
  });
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api);
});
afterAll(async () => {
  await stack.close();
  await wechat.close();
});

const unchanged = async (action: () => Promise<void>) => {
  const before = await tableDigest(stack.db, stack.tableName);
  await action();
  expect(await tableDigest(stack.db, stack.tableName)).toEqual(before);
};
const outbox = async () => (await api.get('/admin/outbox', county.admin)).body.messages as Array<{ memberId: string; template: string; page: string; data: Record<string, string>; deliveries?: Array<{ recipient: string; status: string; errcode?: number }> }>;
const invitationOf = (memberId: string) => county.invitations.find((i) => i.memberId === memberId)!;

describe('what the client asks consent for', () => {
  it('names the configured WeChat template ids', async () => {
    const r = await api.get('/messages/templates');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ templates: TEMPLATES, local: false });
  });
});

describe('a panel member subscribing from the invitation', () => {
  it("binds the WeChat user who opened the invitation to the member's invitations and reminders", async () => {
    const r = await api.post('/invitations/subscribe', { token: invitationOf('m-001').token, code: 'wx-zhang', accepted: ['reminder', 'invitation', 'rectification_deadline'] });
    expect(r.status).toBe(200);
    // rectification_deadline is not a member's template: it is dropped, not granted.
    expect(r.body).toEqual({ subscribed: ['invitation', 'reminder'] });
    expect(JSON.stringify(r.body)).not.toContain('oStandIn');
    wechat.subscribe(WechatStandIn.openidOf('zhang'), TEMPLATES.reminder);
  });

  it('refuses what is not a valid invitation or WeChat user, and stores nothing', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ token: county.windowTokens.w111, code: 'wx-zhang', accepted: ['reminder'] }, 422, 'NOT_AN_INVITATION'],
      [{ token: county.samplingToken, code: 'wx-zhang', accepted: ['reminder'] }, 422, 'NOT_AN_INVITATION'],
      [{ token: `${invitationOf('m-001').token.slice(0, -2)}xx`, code: 'wx-zhang', accepted: ['reminder'] }, 403, 'TOKEN_INVALID'],
      [{ token: invitationOf('m-002').token, code: 'not-a-code', accepted: ['reminder'] }, 403, 'WECHAT_LOGIN_FAILED'],
      [{ token: invitationOf('m-002').token, code: 'wx-li', accepted: ['spam'] }, 400, 'VALIDATION_FAILED'],
      [{ token: invitationOf('m-002').token, code: 'wx-li', accepted: ['reminder', 'reminder'] }, 400, 'VALIDATION_FAILED'],
      [{ token: invitationOf('m-002').token, code: 'wx-li', accepted: ['reminder'], openid: 'oStandIn_li' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      await unchanged(async () => {
        const r = await api.post('/invitations/subscribe', body);
        expect([r.status, r.body.error?.code]).toEqual([status, code]);
      });
    }
  });

  it('pushes the reminder to the subscribed member through WeChat, and records who could not be reached', async () => {
    const sentBefore = wechat.sent.length;
    const r = await api.post(`/admin/rounds/${county.roundId}/reminders`, { withinHours: 8 * 24 }, county.admin);
    expect(r.status).toBe(200);
    expect(r.body.reminded).toBe(2);
    const pushed = wechat.sent.slice(sentBefore);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({ touser: WechatStandIn.openidOf('zhang'), template_id: TEMPLATES.reminder, miniprogram_state: 'formal', lang: 'zh_CN' });
    expect(decodeURIComponent(pushed[0]!.page.split('token=')[1]!)).toBe(invitationOf('m-001').token);
    expect(pushed[0]!.data.time2!.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$/);

    const reminders = (await outbox()).filter((m) => m.template === 'reminder');
    const byMember = Object.fromEntries(reminders.map((m) => [m.memberId, m.deliveries]));
    expect(byMember).toEqual({ 'm-001': [{ recipient: 'member', status: 'sent' }], 'm-002': [] });
    expect(reminders.find((m) => m.memberId === 'm-001')!.data.time2).toBe(pushed[0]!.data.time2!.value);
  });

  it('records a WeChat refusal (43101) when the user withdrew the subscription in WeChat', async () => {
    // m-002 subscribes with us, but the WeChat user never accepted the template in WeChat.
    expect((await api.post('/invitations/subscribe', { token: invitationOf('m-002').token, code: 'wx-li', accepted: ['invitation', 'reminder'] })).status).toBe(200);
    const expiresAt = new Date(Date.now() + 3 * 86400_000).toISOString();
    const issued = await api.post(`/admin/rounds/${county.roundId}/invitations`, { members: [{ memberId: 'm-002' }], expiresAt }, county.admin);
    expect(issued.status).toBe(201);
    const r = await api.post(`/admin/rounds/${county.roundId}/reminders`, { withinHours: 4 * 24 }, county.admin);
    expect(r.body.reminded).toBe(1);
    const last = (await outbox()).filter((m) => m.template === 'reminder' && m.memberId === 'm-002').at(-1)!;
    expect(last.deliveries).toEqual([{ recipient: 'member', status: 'refused', errcode: 43101 }]);
    expect(last.data.time2).toBe(wechatTime(expiresAt));
  });
});

describe("unit staff subscribing to their unit's rectification deadlines", () => {
  let wang: string;
  let bindAs: (accountId: string, code: string) => Promise<string>;

  beforeAll(async () => {
    bindAs = async (accountId, code) => {
      const created = await api.post('/admin/accounts', { accountId, name: accountId, role: 'staff', unitId: 'u1' }, county.admin);
      const bound = await api.post('/auth/wechat/bind', { code, bindCode: created.body.bindCode });
      expect(bound.status).toBe(200);
      return bound.body.token as string;
    };
    wang = await bindAs('wang', 'wx-wang');
  });

  it("subscribes the WeChat user bound to the session's own account, to staff templates only", async () => {
    const r = await api.post('/auth/wechat/subscribe', { code: 'wx-wang', accepted: ['rectification_deadline', 'invitation'] }, wang);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ subscribed: ['rectification_deadline'] });
    wechat.subscribe(WechatStandIn.openidOf('wang'), TEMPLATES.rectification_deadline);
  });

  it("refuses another person's WeChat, an unbound one, and callers who are not staff, storing nothing", async () => {
    const zhao = await bindAs('zhao', 'wx-zhao');
    const devStaff = await api.login('dev-staff', 'staff', 'u1');
    const cases: Array<[string | undefined, unknown, number, string]> = [
      [wang, { code: 'wx-zhao', accepted: ['rectification_deadline'] }, 403, 'NOT_BOUND'],
      [wang, { code: 'wx-nobody', accepted: ['rectification_deadline'] }, 403, 'NOT_BOUND'],
      [devStaff, { code: 'wx-wang', accepted: ['rectification_deadline'] }, 403, 'NOT_BOUND'],
      [undefined, { code: 'wx-wang', accepted: ['rectification_deadline'] }, 401, 'UNAUTHENTICATED'],
      [county.admin, { code: 'wx-wang', accepted: ['rectification_deadline'] }, 403, 'FORBIDDEN'],
      [zhao, { code: 'garbage', accepted: ['rectification_deadline'] }, 403, 'WECHAT_LOGIN_FAILED'],
    ];
    for (const [token, body, status, code] of cases) {
      await unchanged(async () => {
        const r = await api.post('/auth/wechat/subscribe', body, token);
        expect([r.status, r.body.error?.code]).toEqual([status, code]);
      });
    }
  });

  it("sends a due task's reminder to each subscribed staff member of the unit, once a day", async () => {
    const li = await bindAs('li', 'wx-lisi');
    expect((await api.post('/auth/wechat/subscribe', { code: 'wx-lisi', accepted: ['rectification_deadline'] }, li)).status).toBe(200); // but not in WeChat
    const zhou = await bindAs('zhou', 'wx-zhou');
    expect((await api.post('/auth/wechat/subscribe', { code: 'wx-zhou', accepted: ['rectification_deadline'] }, zhou)).status).toBe(200);
    expect((await api.post('/auth/wechat/subscribe', { code: 'wx-zhou', accepted: [] }, zhou)).body).toEqual({ subscribed: [] }); // withdrawn
    wechat.subscribe(WechatStandIn.openidOf('zhou'), TEMPLATES.rectification_deadline);
    const task = await api.post('/admin/tasks', { targetId: 's11', source: 'inspection', problem: '上班时间窗口无人值守，群众等候超过半小时仍无人受理', deadlineWorkingDays: 1 }, county.admin);
    expect(task.status).toBe(201);
    const sentBefore = wechat.sent.length;
    const r = await api.post('/admin/tasks/reminders', undefined, county.admin);
    expect(r.body).toEqual({ sent: 1, skipped: 0 });
    const pushed = wechat.sent.slice(sentBefore);
    expect(pushed.map((m) => [m.touser, m.template_id])).toEqual([[WechatStandIn.openidOf('wang'), TEMPLATES.rectification_deadline]]);
    expect(pushed[0]!.data.thing2!.value).toBe('上班时间窗口无人值守，群众等候超过半小时'); // a thing keyword: 20 characters
    expect(pushed[0]!.data.time3!.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    const logged = (await outbox()).filter((m) => m.template === 'rectification_deadline');
    expect(logged).toHaveLength(1);
    expect([...logged[0]!.deliveries!].sort((a, b) => a.recipient.localeCompare(b.recipient))).toEqual([
      { recipient: 'li', status: 'refused', errcode: 43101 },
      { recipient: 'wang', status: 'sent' },
      { recipient: 'zhou', status: 'not_subscribed' },
    ]);
    expect((await api.post('/admin/tasks/reminders', undefined, county.admin)).body).toEqual({ sent: 0, skipped: 1 });
    expect(wechat.sent.length - sentBefore).toBe(1);
  });

  it('never shows an openid in the outbox', async () => {
    expect(JSON.stringify(await outbox())).not.toContain('oStandIn');
  });
});
