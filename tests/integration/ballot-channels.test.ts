import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { recount } from '../../functions/src/domain/recount';

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api);
});
afterAll(() => stack.close());

const tallyOf = async (targetId: string) => {
  const r = await api.get(`/rounds/${county.roundId}/tallies`, county.admin);
  expect(r.status).toBe(200);
  return r.body.targets.find((t: { targetId: string }) => t.targetId === targetId);
};

describe('the three ballot channels', () => {
  it('accepts a window ballot for the window’s section and tallies each answer', async () => {
    const citizen = await api.login('zhang-san');
    const landing = await api.get(`/landing/${encodeURIComponent(county.windowTokens.w111!)}`);
    expect(landing.status).toBe(200);
    expect(landing.body.window).toEqual({ id: 'w111', name: '户政1号窗口' });
    expect(landing.body.rounds[0].targets.map((t: { id: string }) => t.id)).toEqual(['s11']);
    expect(landing.body.rounds[0].targets[0].path.map((p: { name: string }) => p.name)).toEqual(['执法监督组', '公安局', '户政科']);

    const r = await api.post('/ballots', ballot(county.windowTokens.w111!, { answers: { overall: 'unsatisfied', problems: ['cold', 'push'] }, comment: '等了很久' }), citizen);
    expect(r.status).toBe(201);
    expect(r.body.replayed).toBe(false);
    expect(r.body.receipt).toMatchObject({ roundId: 'r1', targetId: 's11', targetName: '户政科', channel: 'window' });
    expect(r.body.receipt.receiptId).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);

    const t = await tallyOf('s11');
    expect(t.channels.window.ballots).toBe(1);
    // The blank optional item counts as its blankAs option ('normal').
    expect(t.channels.window.answers).toEqual({ overall: { unsatisfied: 1 }, problems: { cold: 1, push: 1 }, speed: { normal: 1 } });
  });

  it('accepts a sampling ballot for a section the evaluator picks', async () => {
    const citizen = await api.login('li-si');
    const landing = await api.get(`/landing/${county.samplingToken}`);
    expect(landing.body.channel).toBe('sampling');
    expect(landing.body.rounds[0].targets.map((t: { id: string }) => t.id).sort()).toEqual(['s11', 's12', 's21']);
    expect(Object.keys(landing.body.rounds[0].forms).sort()).toEqual(['default', 'school']);
    const r = await api.post('/ballots', ballot(county.samplingToken, { targetId: 's21' }), citizen);
    expect(r.status).toBe(201);
    expect((await tallyOf('s21')).channels.sampling).toEqual({ ballots: 1, answers: { overall: { satisfied: 1 } } });
  });

  it('uses the target’s own form: an item of the default form is rejected on the school form', async () => {
    const citizen = await api.login('wang-wu');
    const r = await api.post('/ballots', ballot(county.samplingToken, { targetId: 's21', answers: { overall: 'satisfied', speed: 'good' } }), citizen);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('ANSWERS_INVALID');
    expect(r.body.error.details.problems).toEqual([{ item: 'speed', problem: 'unknown_item' }]);
  });

  it('accepts a directed ballot on the invitation alone, without a session', async () => {
    const inv = county.invitations[0]!;
    const landing = await api.get(`/landing/${inv.token}`);
    expect(landing.body.channel).toBe('directed');
    expect(landing.body.invitation.expiresAt).toBeDefined();
    const r = await api.post('/ballots', ballot(inv.token, { targetId: 's12', answers: { overall: 'satisfied', speed: 'good' } }));
    expect(r.status).toBe(201);
    expect((await tallyOf('s12')).channels.directed).toEqual({ ballots: 1, answers: { overall: { satisfied: 1 }, speed: { good: 1 } } });
  });

  it('stores only a pseudonym for a WeChat evaluator, never the openid', async () => {
    const login = await api.post('/auth/wechat', { code: 'dev-wx-person' });
    expect(login.status).toBe(200);
    expect(JSON.stringify(login.body)).not.toMatch(/openid|session_key/);
    expect((await api.post('/ballots', ballot(county.windowTokens.w121!), login.body.token)).status).toBe(201);
    const scan = await stack.db.send(new ScanCommand({ TableName: stack.tableName }));
    const everything = JSON.stringify(scan.Items);
    expect(everything).not.toContain('local-openid-wx-person');
    expect(everything).not.toContain('wx-person');
    const stored = scan.Items!.find((i) => i.entity === 'ballot' && i.windowId === 'w121')!;
    expect(stored.evaluator).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('agrees with a recount from the raw ballots', async () => {
    const report = await recount(stack.deps, county.roundId);
    expect(report.ballots).toBe(4);
    expect(report.tallied).toBe(4);
    expect(report.mismatches).toEqual([]);
  });
});
