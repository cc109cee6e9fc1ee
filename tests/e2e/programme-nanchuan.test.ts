import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot } from './support/browser';
import {
  chinaDay, closeRoundOnScreen, createProgrammeOnScreen, createRoundOnScreen, importOrganisation, issuePaperForms, keyPaperForm, officePage, printAllForms, publishOnScreen,
  readPublished, readReviewRanking,
} from './support/office-ui';
import { answerInvitation, importRepresentatives, inviteMembers, recordMisconduct } from './support/office-ui-panels';

jest.setTimeout(600_000);

/**
 * 南川 “最难办事科室群众评” (nanchuan-2021.txt, preset `nanchuan`) from an empty county to a
 * published result on the H5 admin screens at phone size: a directed list of named people
 * (定向评议名单库, imported, then 定向邀请 by their numbers), the ballot printed in 《南川日报》
 * coming back as clippings stamped with serials and keyed twice, a verified misconduct report
 * (the section goes straight to first place), close, publish. 办事难度分 = mean share of the five
 * problems ticked × 100, worst first; a section needs 30 ballots to be ranked; the top ten are
 * exposed, talked to and lose assessment points 10, 9, 8 …, the top three are interviewed.
 */
let stack: TestStack;
let api: ApiClient;
let browser: Browser;
let office: Page;

const ROUND = 'nc26q4';
const SECTIONS = [
  { id: 's-bdc', name: '不动产登记中心' },
  { id: 's-jcjy', name: '基础教育科' },
  { id: 's-djk', name: '登记注册科' },
];
const ORG_CSV = [
  '类型,编号,名称,上级编号,表单',
  '组别,c-xz,行政审批和服务,,',
  '单位,u-gh,区规划和自然资源局,c-xz,',
  '科室,s-bdc,不动产登记中心,u-gh,',
  '单位,u-jw,区教委,c-xz,',
  '科室,s-jcjy,基础教育科,u-jw,',
  '单位,u-sc,区市场监管局,c-xz,',
  '科室,s-djk,登记注册科,u-sc,',
].join('\n');
const MEMBERS = Array.from({ length: 32 }, (_, i) => `N${String(i + 1).padStart(3, '0')}`);
const LIBRARY = ['编号,姓名,类别,片区,工作单位编号,户号', ...MEMBERS.map((id, i) => `${id},${['王', '李', '张', '刘'][i % 4]}${'一二三四五六七八'[i % 8]}${i},${i % 3 ? '服务对象' : '企业代表'},东城街道,,`)].join('\n');

/** What member `i` ticks for a section (冷 懒 推 乱 贪 → cold lazy shirk arbitrary greedy). */
function ticksOf(i: number, sectionId: string): string[] {
  if (sectionId === 's-bdc') return i < 20 ? ['cold', 'lazy'] : [];
  if (sectionId === 's-jcjy') return i < 10 ? ['cold'] : [];
  return i < 12 ? ['lazy', 'shirk', 'arbitrary'] : [];
}
/** The newspaper clippings returned, one per section, at most one problem ticked on each. */
const CLIPPINGS: Record<string, string[]> = { 's-bdc': ['cold'], 's-jcjy': [], 's-djk': ['greedy'] };
const MISCONDUCT = 's-jcjy';

function difficulty(sectionId: string): { score: number; ballots: number } {
  const all = [...MEMBERS.map((_, i) => ticksOf(i, sectionId)), CLIPPINGS[sectionId]!];
  return { score: (all.reduce((s, t) => s + t.length / 5, 0) / all.length) * 100, ballots: all.length };
}

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('南川 through the admin screens: a directed list, newspaper returns, a misconduct report, publish', () => {
  let check: string;
  let links: Record<string, string>;

  it('sets up the county, the quarterly programme and the round', async () => {
    office = await officePage(browser, stack.baseUrl, '南川区纪委监委陈主任', '/admin/pages/rounds/index');
    expect(await importOrganisation(office, stack.baseUrl, ORG_CSV)).toBe('已导入 7 个节点');
    await createProgrammeOnScreen(office, stack.baseUrl, { id: 'nanchuan', name: '南川区“最难办事科室群众评”', schemeId: 'nanchuan', cadence: 'quarter', targetKind: 'section' });
    const channels = await createRoundOnScreen(office, stack.baseUrl, {
      id: ROUND, name: '2026年第四季度最难办事科室群众评', period: '2026年第四季度', programmeId: 'nanchuan', schemeId: 'nanchuan', targetKind: 'section', targets: SECTIONS, start: chinaDay(0), end: chinaDay(30),
    });
    expect([...channels].sort()).toEqual(['directed', 'sampling']);
    check = await api.login('check-nanchuan', 'supervisor');
    const round = (await api.get(`/rounds/${ROUND}`, check)).body.round;
    expect({ status: round.status, schemeId: round.schemeId, targetIds: [...round.targetIds].sort() }).toEqual({ status: 'open', schemeId: 'nanchuan', targetIds: SECTIONS.map((s) => s.id).sort() });
  });

  it('imports the directed list of named people and invites them by number', async () => {
    expect(await importRepresentatives(office, stack.baseUrl, LIBRARY)).toBe(`已导入 ${MEMBERS.length} 人（新增 ${MEMBERS.length}，更新 0）`);
    links = await inviteMembers(office, stack.baseUrl, MEMBERS, chinaDay(20));
    expect(Object.keys(links)).toHaveLength(MEMBERS.length);
    for (const l of Object.values(links)) expect(l).toMatch(/\?token=I\./);
    await shot(office, '59-nanchuan-directed-list', { docs: true });
  });

  it('takes the members’ ballots: one on the phone from the link, the others as their phones post them', async () => {
    const tokenOf = (link: string) => decodeURIComponent(/token=([^&#\s]+)/.exec(link)![1]!);
    const first = await phonePage(browser);
    await first.goto(`${stack.baseUrl}/#/pages/invite/index?token=${encodeURIComponent(tokenOf(links[MEMBERS[0]!]!))}`);
    const byName = (name: string) => SECTIONS.find((s) => s.name === name)!.id;
    // A multi-choice item: each ticked problem is one tap.
    const rated = await answerInvitation(first, (name) => ({ problems: ticksOf(0, byName(name)) }));
    expect(rated.sort()).toEqual(SECTIONS.map((s) => s.name).sort());
    for (let i = 1; i < MEMBERS.length; i++) {
      const citizen = await api.login(`nanchuan-member-${i}`);
      for (const s of SECTIONS) {
        const r = await api.post('/ballots', { clientBallotId: randomUUID(), token: tokenOf(links[MEMBERS[i]!]!), roundId: ROUND, targetId: s.id, answers: { problems: ticksOf(i, s.id) } }, citizen);
        expect([i, s.id, r.status]).toEqual([i, s.id, 201]);
      }
    }
  });

  it('keys the newspaper clippings twice, each under the serial stamped on it', async () => {
    await issuePaperForms(office, stack.baseUrl, ROUND, SECTIONS.map((s) => s.id), 1, 'newspaper');
    const forms = await printAllForms(office);
    expect(forms).toHaveLength(SECTIONS.length);
    const serialOf = (s: { name: string }) => forms.find((f) => f.text.includes(s.name))!.serial;
    const clerks = [await officePage(browser, stack.baseUrl, '录入员甲', `/admin/pages/paper-intake/index?id=${ROUND}`), await officePage(browser, stack.baseUrl, '录入员乙', `/admin/pages/paper-intake/index?id=${ROUND}`)];
    for (const [n, clerk] of clerks.entries()) {
      await clerk.getByTestId('intake-serial').waitFor({ timeout: 60_000 });
      for (const s of SECTIONS) {
        const said = await keyPaperForm(clerk, serialOf(s), Object.fromEntries(CLIPPINGS[s.id]!.map((t) => ['problems', t])));
        expect(said).toContain(n === 0 ? '已录入第一遍' : '两遍录入一致，已计入');
      }
    }
    await shot(clerks[1]!, '59-nanchuan-newspaper-keyed', { docs: true });
    for (const s of SECTIONS) expect((await api.get(`/admin/paper/serials/${serialOf(s)}`, check)).body).toMatchObject({ status: 'counted', targetId: s.id, kind: 'newspaper' });
  });

  it('closes, records the verified misconduct, publishes, and applies the preset’s consequences by place', async () => {
    await closeRoundOnScreen(office, stack.baseUrl, ROUND);
    await recordMisconduct(office, stack.baseUrl, ROUND, SECTIONS.find((s) => s.id === MISCONDUCT)!.name, '科室干部吃拿卡要，经区纪委监委查实');
    const others = SECTIONS.filter((s) => s.id !== MISCONDUCT).sort((a, b) => difficulty(b.id).score - difficulty(a.id).score);
    const order = [SECTIONS.find((s) => s.id === MISCONDUCT)!, ...others];
    const rows = await readReviewRanking(office, stack.baseUrl, ROUND);
    expect(rows.map((r) => r.targetId)).toEqual(order.map((s) => s.id));
    await publishOnScreen(office);

    const results = (await api.get(`/rounds/${ROUND}/results`, check)).body;
    for (const [i, s] of order.entries()) {
      const t = results.targets.find((x: { targetId: string }) => x.targetId === s.id);
      expect(t.components.difficulty.value).toBeCloseTo(difficulty(s.id).score, 9);
      expect(t.rank).toBe(i + 1);
      const rules = t.consequences.map((c: { ruleId: string }) => c.ruleId).sort();
      expect(rules).toEqual(['nanchuan-deduction', 'nanchuan-interview', 'nanchuan-published', 'nanchuan-talk']);
      expect(t.consequences.find((c: { ruleId: string }) => c.ruleId === 'nanchuan-deduction').points).toBe(10 - i);
    }
    expect(results.targets.find((x: { targetId: string }) => x.targetId === MISCONDUCT).flags.map((f: { id: string }) => f.id)).toContain('misconduct_first');

    const published = await readPublished(office, stack.baseUrl, ROUND);
    expect(published.rows.map((r) => r.targetId)).toEqual(order.map((s) => s.id));
    for (const s of order) expect(published.consequences.some((c) => c.includes(s.name) && c.includes('约谈'))).toBe(true);
    await shot(office, '59-nanchuan-published', { docs: true });
  });
});
