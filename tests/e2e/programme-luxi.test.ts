import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot } from './support/browser';
import {
  chinaDay, closeRoundOnScreen, createProgrammeOnScreen, createRoundOnScreen, importOrganisation, officePage, publishOnScreen, readPublished, readReviewRanking,
} from './support/office-ui';
import { answerInvitation, importRepresentatives, inviteDrawn, lettersOf, printLetters, readPdf, runDraw } from './support/office-ui-panels';

jest.setTimeout(600_000);

/**
 * 泸西 2012 (luxi-2012.txt) from an empty county to a published result, every office step on the
 * H5 admin screens at phone size: the agencies imported, a yearly programme on the `luxi`
 * preset, a round on three agency party organisations, the representative library from the
 * Chinese template, a public draw 55 : 35 : 10 (服务对象和群众代表 : 两代表一委员 : 离退休老干部),
 * invitations and printed letters, the members answering through their letters (one by the
 * link's QR, one typing the 邀请码, the rest posting as their phones would), close, publish.
 * 满意率 = (满意 + 基本满意) ÷ 评议人数; below 60% the rule calls for 诫勉谈话. The API only checks.
 */
let stack: TestStack;
let api: ApiClient;
let browser: Browser;
let office: Page;

const ROUND = 'lx26';
const UNITS = [
  { id: 'u-nyj', name: '县农业局党组' },
  { id: 'u-jtj', name: '县交通运输局党组' },
  { id: 'u-rsj', name: '县人社局党组' },
];
const ORG_CSV = ['类型,编号,名称,上级编号,表单', '组别,c-jg,机关党组织,,', ...UNITS.map((u) => `单位,${u.id},${u.name},c-jg,agency`)].join('\n');
/** The library: 30 服务对象, 20 两代表一委员, 6 离退休老干部; two public members work for 县人社局 and are never drawn. */
const LIBRARY = [
  '编号,姓名,类别,片区,工作单位编号,户号',
  ...Array.from({ length: 56 }, (_, i) => {
    const n = i + 1;
    const category = n <= 30 ? '服务对象' : n <= 50 ? '两代表一委员' : '离退休老干部';
    return `L${String(n).padStart(3, '0')},代表${n},${category},${n % 2 ? '中枢镇' : '金马镇'},${n <= 2 ? 'u-rsj' : ''},H${n}`;
  }),
].join('\n');
const DRAWN = 20;
const PARTIES = { 县纪委: 'luxi-jw-20261207-3317', 县公证处: 'luxi-gz-20261207-8842' };

/**
 * What member `i` (0-based, in letter order) answers for a unit: 农业局 satisfied but for one,
 * 交通运输局 satisfied or basically satisfied for the first 14 (70%), 人社局 for the first 10 (50%).
 */
const SUCCESS = { 'u-nyj': DRAWN - 1, 'u-jtj': 14, 'u-rsj': 10 } as Record<string, number>;
const answersOf = (i: number, unitId: string) => ({
  focus: i % 3 === 0 ? 'basically_satisfied' : 'satisfied',
  overall: i < SUCCESS[unitId]! ? (i % 2 ? 'basically_satisfied' : 'satisfied') : 'unsatisfied',
});

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

describe('泸西 through the admin screens: 55/35/10 draw, letters, members answer, publish', () => {
  let check: string;
  let letters: Array<{ code: string; token: string }>;

  it('sets up the county, the programme and the round on the screens', async () => {
    office = await officePage(browser, stack.baseUrl, '泸西县委组织部李科长', '/admin/pages/rounds/index');
    expect(await importOrganisation(office, stack.baseUrl, ORG_CSV)).toBe('已导入 4 个节点');
    await createProgrammeOnScreen(office, stack.baseUrl, { id: 'luxi', name: '泸西县群众评议机关党组织', schemeId: 'luxi', cadence: 'year', targetKind: 'unit' });
    const channels = await createRoundOnScreen(office, stack.baseUrl, {
      id: ROUND, name: '2026年机关党组织群众评议', period: '2026年', programmeId: 'luxi', schemeId: 'luxi', targetKind: 'unit', targets: UNITS, start: chinaDay(0), end: chinaDay(30),
    });
    expect([...channels].sort()).toEqual(['directed', 'sampling', 'window']);
    check = await api.login('check-luxi', 'supervisor');
    const round = (await api.get(`/rounds/${ROUND}`, check)).body.round;
    expect({ status: round.status, schemeId: round.schemeId, targetIds: [...round.targetIds].sort(), programmeId: round.programmeId }).toEqual({ status: 'open', schemeId: 'luxi', targetIds: UNITS.map((u) => u.id).sort(), programmeId: 'luxi' });
  });

  it('imports the representatives and draws 55/35/10 by category names, in public', async () => {
    expect(await importRepresentatives(office, stack.baseUrl, LIBRARY)).toBe('已导入 56 人（新增 56，更新 0）');
    expect(await office.getByTestId('reps-cat-deputies').textContent()).toBe('两代表一委员 20');
    await shot(office, '50-luxi-representatives', { docs: true });

    await runDraw(office, stack.baseUrl, ROUND, { id: 'lxd1', label: '2026年机关评议代表', n: DRAWN, strata: '服务对象:55，两代表一委员:35，离退休老干部:10', parties: PARTIES });
    const drawn = (await api.get('/draws/lxd1')).body;
    expect(drawn).toMatchObject({ status: 'drawn', n: DRAWN, quotas: { public: 11, deputies: 7, retired: 2 } });
    const ids = (drawn.selection as Array<{ ids: string[] }>).flatMap((s) => s.ids);
    expect(new Set(ids).size).toBe(DRAWN);
    // Those who work for a unit under evaluation are never in the pool (回避本单位).
    expect(ids.filter((id) => id === 'L001' || id === 'L002')).toEqual([]);
  });

  it('invites the drawn members and prints their letters: one page each with a QR and a 邀请码', async () => {
    await inviteDrawn(office, 'lxd1', chinaDay(20));
    // Nobody is on WeChat or has answered yet: every member needs a paper letter.
    const letterChoice = office.getByTestId('draw-lxd1').getByTestId('draw-letters-needs-paper');
    await letterChoice.waitFor({ timeout: 60_000 });
    expect(await letterChoice.textContent()).toBe(`需要纸质邀请函的代表（${DRAWN}）`);
    const pdf = readPdf(await printLetters(office, 'lxd1'));
    expect(pdf.pages).toBe(DRAWN);
    expect(pdf.firstPagePng).toBeGreaterThan(5_000);
    expect(pdf.text).toContain('评议代表邀请函');
    expect(pdf.text).toContain('2026年机关党组织群众评议');
    letters = lettersOf(pdf.text);
    expect(new Set(letters.map((l) => l.code)).size).toBe(DRAWN);
    await shot(office, '51-luxi-draw-invited', { docs: true });
  });

  it('lets the members answer: one scans the letter’s QR, one types the 邀请码, the others post from their phones', async () => {
    const unitOf = (name: string) => UNITS.find((u) => u.name === name)!.id;
    // Member 0 opens the letter's link (the QR) on a phone.
    const first = await phonePage(browser);
    await first.goto(`${stack.baseUrl}/#/pages/invite/index?token=${encodeURIComponent(letters[0]!.token)}`);
    expect((await answerInvitation(first, (name) => answersOf(0, unitOf(name)))).sort()).toEqual(UNITS.map((u) => u.name).sort());
    expect(await first.getByTestId('receipt-progress').textContent()).toBe('已评 3 / 共 3，全部完成，感谢您的参与！');
    await shot(first, '52-luxi-member-done', { docs: true });

    // Member 1 types the code printed under the QR on the home page.
    const second = await phonePage(browser);
    await second.goto(`${stack.baseUrl}/#/pages/index/index`);
    await second.getByTestId('home-code').locator('input').fill(letters[1]!.code.toLowerCase());
    await second.getByTestId('home-code-go').click();
    expect((await answerInvitation(second, (name) => answersOf(1, unitOf(name)))).length).toBe(3);

    // Everyone else, as their phones would post it.
    for (let i = 2; i < DRAWN; i++) {
      const citizen = await api.login(`luxi-member-${i}`);
      for (const u of UNITS) {
        const r = await api.post('/ballots', { clientBallotId: randomUUID(), token: letters[i]!.token, roundId: ROUND, targetId: u.id, answers: answersOf(i, u.id) }, citizen);
        expect([i, u.id, r.status]).toEqual([i, u.id, 201]);
      }
    }
    const rate = (await api.get(`/rounds/${ROUND}/return-rate?channel=directed`, check)).body;
    expect(rate.members).toMatchObject({ invited: DRAWN, answeredAll: DRAWN, answeredNone: 0 });
  });

  it('closes, publishes after reading the ranking, and shows 满意率 and the 诫勉谈话 it calls for', async () => {
    await closeRoundOnScreen(office, stack.baseUrl, ROUND);
    const rate = (id: string) => SUCCESS[id]! / DRAWN;
    const expected = [...UNITS].sort((a, b) => rate(b.id) - rate(a.id));
    const rows = await readReviewRanking(office, stack.baseUrl, ROUND);
    expect(rows.map((r) => r.targetId)).toEqual(expected.map((u) => u.id));
    rows.forEach((r, i) => {
      expect(r.rank).toContain(String(i + 1));
      expect(r.value).toBe(`${(rate(r.targetId) * 100).toFixed(1)}%`);
    });
    await shot(office, '53-luxi-review', { docs: true });
    const preview = await publishOnScreen(office);
    expect(preview).toContain('3');

    const results = (await api.get(`/rounds/${ROUND}/results`, check)).body;
    for (const u of UNITS) {
      const t = results.targets.find((x: { targetId: string }) => x.targetId === u.id);
      expect(t.components.satisfaction).toMatchObject({ numerator: SUCCESS[u.id], denominator: DRAWN });
      expect(t.components.satisfaction.value).toBeCloseTo(rate(u.id), 10);
      expect(t.rank).toBe(expected.findIndex((x) => x.id === u.id) + 1);
      const talks = t.consequences.map((c: { ruleId: string }) => c.ruleId);
      expect(talks).toEqual(rate(u.id) < 0.6 ? ['luxi-once-below-60'] : []);
    }

    const published = await readPublished(office, stack.baseUrl, ROUND);
    expect(published.rows.map((r) => r.targetId)).toEqual(expected.map((u) => u.id));
    expect(published.consequences.some((c) => c.includes('县人社局党组') && c.includes('诫勉谈话'))).toBe(true);
    expect(published.consequences.some((c) => c.includes('县交通运输局党组'))).toBe(false);
    await shot(office, '54-luxi-published', { docs: true });
  });
});
