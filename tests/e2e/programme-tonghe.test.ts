import type { Browser } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ensureH5Build, H5_DIR, launchChromium, shot } from './support/browser';
import {
  chinaDay, closeRoundOnScreen, createProgrammeOnScreen, createRoundOnScreen, enterInputs, goAdmin, importOrganisation, importPhoneSurvey, issuePaperForms,
  keyPaperForm, officePage, printAllForms, publishOnScreen, readPublished, readReviewRanking,
} from './support/office-ui';

jest.setTimeout(600_000);

/**
 * 通河 2011 (tonghe-2011.txt) from an empty county to a published result, through the admin
 * screens alone at phone size: the organisation in its groups (执法监督组, 社会服务组) imported
 * from CSV, a yearly programme and its round on four units picked by name, the 电话测评 file
 * imported, the hearing's 听证评议计分表 printed with serials and keyed twice by two clerks (dated
 * the day of the hearing), 工作考核分, 政风建设年 and 到会人数 entered, close, review, publish.
 * The API is read only to check. Every expected number is computed here from what was entered:
 * total = 测评×40% + 政风建设年×20% + 听证×20% + 工作考核×20% (社会服务组 60/20/20), 听证 = Σ sheets ÷
 * representatives present, 群众满意单位 = the first ⌊40% × group⌋ places.
 */
type Mark = 'good' | 'fairly_good' | 'fair' | 'poor' | null;
const POINTS: Record<Exclude<Mark, null>, number> = { good: 20, fairly_good: 15, fair: 10, poor: 5 };
const ITEMS = ['openness', 'lawful', 'service', 'integrity', 'institutions'] as const;
type Unit = { id: string; name: string; group: 'enforcement' | 'service'; calls: [satisfied: number, of: number]; sheets: Mark[][]; present: number; work: number; styleYear?: number };
const UNITS: Unit[] = [
  { id: 'u1', name: '工商行政管理局', group: 'enforcement', calls: [4, 5], sheets: [['good', 'good', 'good', 'good', 'good'], ['fairly_good', 'fairly_good', 'fairly_good', 'fairly_good', 'fairly_good']], present: 2, work: 90, styleYear: 85 },
  // One item left blank on the sheet (单项空白按“一般”计算), and a third representative present who returned no sheet.
  { id: 'u2', name: '地方税务局', group: 'enforcement', calls: [4, 5], sheets: [['good', 'good', 'fair', 'fair', null], ['fairly_good', 'fairly_good', 'fairly_good', 'poor', 'poor']], present: 3, work: 80, styleYear: 80 },
  { id: 'u3', name: '公安局', group: 'enforcement', calls: [3, 5], sheets: [['good', 'good', 'good', 'good', 'good'], ['good', 'good', 'good', 'good', 'fairly_good']], present: 2, work: 70, styleYear: 75 },
  { id: 'u4', name: '电业局', group: 'service', calls: [5, 5], sheets: [['fair', 'fair', 'fair', 'fair', 'fair'], ['fairly_good', 'fairly_good', 'fairly_good', 'fairly_good', 'fairly_good']], present: 2, work: 95 },
];
const GROUPS = [{ id: 'enforcement', label: '执法监督组' }, { id: 'service', label: '社会服务组' }] as const;
// The groups' ids are the scheme's group ids: a round maps a target to the group of its 组别.
const ORG_CSV = ['类型,编号,名称,上级编号,表单', ...GROUPS.map((g) => `组别,${g.id},${g.label},,`), ...UNITS.map((u) => `单位,${u.id},${u.name},${u.group},`)].join('\n');

const sheetScore = (s: Mark[]) => s.reduce((n, m) => n + POINTS[m ?? 'fair'], 0);
function expected(u: Unit) {
  const survey = (u.calls[0] / u.calls[1]) * 100;
  const hearing = u.sheets.reduce((n, s) => n + sheetScore(s), 0) / u.present;
  const total = u.group === 'service' ? survey * 0.6 + hearing * 0.2 + u.work * 0.2 : survey * 0.4 + u.styleYear! * 0.2 + hearing * 0.2 + u.work * 0.2;
  return { survey, hearing, total };
}
const shown = (x: number) => String(Number(x.toFixed(2)));
/** Each group best first, with the 群众满意单位 quota ⌊40% × n⌋ (no ties in this data). */
function ranked() {
  return GROUPS.map((g) => {
    const units = UNITS.filter((u) => u.group === g.id).sort((a, b) => expected(b).total - expected(a).total);
    expect(new Set(units.map((u) => expected(u).total.toFixed(6))).size).toBe(units.length);
    return { group: g, units, titled: units.slice(0, Math.floor(0.4 * units.length)) };
  });
}

let stack: TestStack;
let api: ApiClient;
let browser: Browser;

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

describe('通河 through the admin screens alone', () => {
  it('goes from an empty county to published totals, ranks and the 群众满意单位 titles', async () => {
    const base = stack.baseUrl;
    const office = await officePage(browser, base, '纠风办李主任', '/admin/pages/rounds/index');
    const check = await api.login('check-tonghe', 'supervisor');

    expect(await importOrganisation(office, base, ORG_CSV)).toBe(`已导入 ${GROUPS.length + UNITS.length} 个节点`);
    await createProgrammeOnScreen(office, base, { id: 'th', name: '通河县“关注民生、服务发展”群众满意单位评议', schemeId: 'tonghe', cadence: 'year', targetKind: 'unit' });
    const channels = await createRoundOnScreen(office, base, {
      id: 'th2026', name: '2026年群众满意单位评议', period: '2026年度', programmeId: 'th', schemeId: 'tonghe', targetKind: 'unit',
      targets: UNITS, start: chinaDay(-5), end: chinaDay(25),
    });
    expect([...channels].sort()).toEqual(['hearing', 'phone']);
    expect([...(await api.get('/rounds/th2026', check)).body.round.targetIds].sort()).toEqual(UNITS.map((u) => u.id));

    // 电话测评: the call centre's file, one row per call.
    const calls = UNITS.flatMap((u) => Array.from({ length: u.calls[1] }, (_, i) => `${u.id}-${i + 1},${u.id},${i < u.calls[0] ? 'satisfied' : 'unsatisfied'}`));
    const total = UNITS.reduce((n, u) => n + u.calls[1], 0);
    expect(await importPhoneSurvey(office, base, ['callId,targetId,overall', ...calls].join('\n'))).toBe(`共 ${total} 行：计入 ${total} 张，已导入过 0 张`);

    // The hearing's sheets: printed with serials, filled in by the representatives, keyed twice.
    await issuePaperForms(office, base, 'th2026', UNITS.map((u) => u.id), 2, 'hearing');
    const printed = await printAllForms(office);
    expect(printed).toHaveLength(UNITS.length * 2);
    expect(printed.every((f) => f.text.includes('听证评议计分表'))).toBe(true);
    const serialsOf = (u: Unit) => printed.filter((f) => new RegExp(`评议对象：${u.name}\\s`).test(f.text)).map((f) => f.serial);
    const sheets = UNITS.flatMap((u) => {
      expect(serialsOf(u)).toHaveLength(2);
      return u.sheets.map((marks, i) => ({ serial: serialsOf(u)[i]!, answers: Object.fromEntries(ITEMS.flatMap((item, j) => (marks[j] ? [[item, marks[j]!]] : []))) }));
    });
    const hearingDay = chinaDay(-1);
    for (const clerk of ['录入员甲', '录入员乙']) {
      const page = await officePage(browser, base, clerk, '/admin/pages/paper-intake/index?id=th2026');
      for (const s of sheets) expect(await keyPaperForm(page, s.serial, s.answers, hearingDay)).toContain(clerk === '录入员甲' ? '已录入第一遍' : '两遍录入一致，已计入');
      if (clerk === '录入员乙') await shot(page, '46-tonghe-hearing-sheet-keyed', { docs: true });
      await page.context().close();
    }

    // 工作考核分, 政风建设年 (not for 社会服务组) and 到会人数, pasted from Excel.
    const rows = UNITS.map((u) => [u.name, String(u.work), String(u.present), u.styleYear === undefined ? '' : String(u.styleYear)]);
    const saved = await enterInputs(office, base, 'th2026', [['单位', '工作考核分', '到会人数（听证评议）', '“政风建设年”活动评议分'], ...rows]);
    expect(saved).toContain(`已保存 ${UNITS.length * 2 + UNITS.filter((u) => u.styleYear !== undefined).length} 项`);
    await office.getByText('数据已录齐').waitFor({ timeout: 60_000 });
    await shot(office, '47-tonghe-inputs', { docs: true });

    await closeRoundOnScreen(office, base, 'th2026');
    const order = ranked();
    const review = await readReviewRanking(office, base, 'th2026');
    expect(review.map((r) => [r.targetId, r.value])).toEqual(order.flatMap((g) => g.units.map((u) => [u.id, shown(expected(u).total)])));
    const titles = order.reduce((n, g) => n + g.titled.length, 0);
    const preview = await publishOnScreen(office);
    expect(preview).toContain(`将公布 ${UNITS.length} 个评议对象的结果（${UNITS.length} 个参加排名），处理措施 ${titles} 项。`);
    await shot(office, '48-tonghe-published', { docs: true });

    const published = await readPublished(office, base, 'th2026');
    expect(published.rows.map((r) => [r.targetId, r.rank, r.total])).toEqual(order.flatMap((g) => g.units.map((u, i) => [u.id, String(i + 1), shown(expected(u).total)])));
    for (const u of UNITS) {
      const line = published.rows.find((r) => r.targetId === u.id)!.lines.join(' ');
      expect(line).toContain(`听证评议分 ${shown(expected(u).hearing)}`);
      expect(line).toContain(`群众满意度测评分 ${shown(expected(u).survey)}`);
    }
    expect(published.consequences).toEqual(order.flatMap((g) => g.titled.map((u, i) => `${u.name}（第 ${i + 1} 名） 群众满意单位`)));
    await shot(office, '49-tonghe-public-result', { docs: true });

    // The snapshot holds the same: the hearing divided by those present, the sheets on the hearing channel.
    const targets = (await api.get('/public/rounds/th2026/results')).body.snapshot.results.targets as Array<{ targetId: string; total: number; components: Record<string, { value: number | null }> }>;
    for (const u of UNITS) {
      const t = targets.find((x) => x.targetId === u.id)!;
      expect(t.total).toBeCloseTo(expected(u).total, 6);
      expect(t.components.hearing!.value).toBeCloseTo(expected(u).hearing, 6);
    }
    const tallies = (await api.get('/rounds/th2026/tallies', check)).body.targets as Array<{ targetId: string; channels: Record<string, { ballots: number }> }>;
    for (const u of UNITS) expect(tallies.find((t) => t.targetId === u.id)!.channels.hearing!.ballots).toBe(u.sheets.length);
    await goAdmin(office, base, '/admin/pages/consequences/index?roundId=th2026');
    await office.getByTestId('consequence-count').waitFor({ timeout: 60_000 });
  });
});
