import type { Browser, Page } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot } from './support/browser';
import {
  chinaDay, closeRoundOnScreen, createProgrammeOnScreen, createRoundOnScreen, enterInputs, importOrganisation, issuePaperForms, keyPaperForm, officePage, printAllForms,
  publishOnScreen, readPublished, readReviewRanking, type PrintedForm,
} from './support/office-ui';
import { fileInstantSheet, loginMonitor } from './support/office-ui-panels';

jest.setTimeout(600_000);

/**
 * 区效能办 2012 (efficiency-office-2012.txt, preset `efficiency-office`) from an empty county to a
 * published result on the H5 admin screens at phone size. A monitor point (监测点) files one
 * 即时监测表 on its phone today; its BACKLOG of paper sheets — 即时监测表 filled weeks ago and a
 * 综合测评表 — is issued, printed and keyed twice by two clerks with each sheet's own date
 * (back-dated inside the round's period, audited). A 整改 record is entered on 录入数据. The
 * test computes each section's 满意率 = Σ分 ÷ (次数 × 90), 综合满意度 (the monitor parts
 * renormalised: no 明察暗访 or 集中测评 this round), 总得分 = 综合满意度 × 80 + 整改情况 (20 less
 * 3 per late rectification), and the rules' consequences, and checks the screens agree.
 */
let stack: TestStack;
let api: ApiClient;
let browser: Browser;
let office: Page;

const ROUND = 'xn26';
const SECTIONS = [
  { id: 's-djg', name: '注册登记股' },
  { id: 's-hz', name: '户政科' },
  { id: 's-cgs', name: '车辆管理所' },
];
const ORG_CSV = [
  '类型,编号,名称,上级编号,表单',
  '组别,enforcement,行政执法类,,',
  '单位,u-gs,区工商局,enforcement,',
  '科室,s-djg,注册登记股,u-gs,',
  '单位,u-ga,区公安分局,enforcement,',
  '科室,s-hz,户政科,u-ga,',
  '科室,s-cgs,车辆管理所,u-ga,',
].join('\n');
const POINTS: Record<string, number> = { excellent: 90, good: 75, fair: 60, poor: 45, bad: 30 };
const START = chinaDay(-45);

/** The backlog on paper: per section, its 即时监测表 (grade, day filled) and one 综合测评表. */
const BACKLOG: Record<string, { instant: Array<[string, string]>; monthly: [string, string] }> = {
  's-djg': { instant: [['excellent', chinaDay(-40)], ['good', chinaDay(-25)]], monthly: ['excellent', chinaDay(-14)] },
  's-hz': { instant: [['good', chinaDay(-38)], ['fair', chinaDay(-20)]], monthly: ['good', chinaDay(-14)] },
  's-cgs': { instant: [['poor', chinaDay(-33)], ['bad', chinaDay(-21)]], monthly: ['fair', chinaDay(-14)] },
};
/** Filed on the monitor point's phone today. */
const ONLINE: Record<string, string> = { 's-hz': 'excellent' };
/** 整改记录: 户政科 once late (未按时间节点整改), 3 points off its 20. */
const LATE: Record<string, number> = { 's-hz': 1 };

const rate = (grades: string[]) => grades.reduce((s, g) => s + POINTS[g]!, 0) / (grades.length * 90);
function expectedOf(id: string) {
  const instant = rate([...BACKLOG[id]!.instant.map(([g]) => g), ...(ONLINE[id] ? [ONLINE[id]!] : [])]);
  const monthly = rate([BACKLOG[id]!.monthly[0]]);
  const composite = (0.2 * instant + 0.2 * monthly) / 0.4;
  const total = composite * 80 + Math.max(0, 20 - 3 * (LATE[id] ?? 0));
  return { instant, monthly, composite, total };
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

describe('效能办 through the admin screens: a monitor point’s backlog of paper sheets, with their real dates', () => {
  let check: string;
  let forms: PrintedForm[];

  it('sets up the county, the programme and a round that began six weeks ago', async () => {
    office = await officePage(browser, stack.baseUrl, '区效能办刘主任', '/admin/pages/rounds/index');
    expect(await importOrganisation(office, stack.baseUrl, ORG_CSV)).toBe('已导入 6 个节点');
    await createProgrammeOnScreen(office, stack.baseUrl, { id: 'xiaoneng', name: '区直单位内设机构测评', schemeId: 'efficiency-office', cadence: 'year', targetKind: 'section' });
    const channels = await createRoundOnScreen(office, stack.baseUrl, {
      id: ROUND, name: '2026年内设机构测评', period: '2026年', programmeId: 'xiaoneng', schemeId: 'efficiency-office', targetKind: 'section', targets: SECTIONS, start: START, end: chinaDay(15),
    });
    expect(channels).toContain('monitor');
    check = await api.login('check-xiaoneng', 'supervisor');
    const round = (await api.get(`/rounds/${ROUND}`, check)).body.round;
    expect({ status: round.status, schemeId: round.schemeId, targetIds: [...round.targetIds].sort(), start: round.period.start }).toEqual({ status: 'open', schemeId: 'efficiency-office', targetIds: SECTIONS.map((s) => s.id).sort(), start: START });
  });

  it('takes today’s 即时监测表 from the monitor point’s phone', async () => {
    const monitor = await phonePage(browser);
    await loginMonitor(monitor, stack.baseUrl, '城北监测点');
    for (const [id, grade] of Object.entries(ONLINE)) expect(await fileInstantSheet(monitor, id, grade)).toMatch(/^已提交，回执 /);
    await shot(monitor, '55-efficiency-monitor-sheet', { docs: true });
  });

  it('issues and prints the backlog’s sheets, one serial each', async () => {
    const perSection = 3;
    await issuePaperForms(office, stack.baseUrl, ROUND, SECTIONS.map((s) => s.id), perSection, 'monitor');
    forms = await printAllForms(office);
    expect(forms).toHaveLength(SECTIONS.length * perSection);
    expect(new Set(forms.map((f) => f.serial)).size).toBe(forms.length);
    for (const s of SECTIONS) expect(forms.filter((f) => f.text.includes(s.name))).toHaveLength(perSection);
    expect(forms[0]!.text).toContain('监测点测评表');
  });

  it('keys every sheet twice with the day it was filled in; a day before the round is refused', async () => {
    const clerks = [await officePage(browser, stack.baseUrl, '录入员甲', `/admin/pages/paper-intake/index?id=${ROUND}`), await officePage(browser, stack.baseUrl, '录入员乙', `/admin/pages/paper-intake/index?id=${ROUND}`)];
    await clerks[0]!.getByTestId('intake-serial').waitFor({ timeout: 60_000 });
    await clerks[1]!.getByTestId('intake-serial').waitFor({ timeout: 60_000 });
    const sheets = SECTIONS.flatMap((s) => {
      const mine = forms.filter((f) => f.text.includes(s.name)).map((f) => f.serial);
      const b = BACKLOG[s.id]!;
      return [
        ...b.instant.map(([grade, day], i) => ({ serial: mine[i]!, answers: { instant: grade }, day })),
        { serial: mine[b.instant.length]!, answers: { monthly: b.monthly[0] }, day: b.monthly[1] },
      ];
    });

    // A sheet dated before the round began: refused in words, nothing stored.
    const a = clerks[0]!;
    await a.getByTestId('intake-serial').locator('input').fill(sheets[0]!.serial);
    await a.getByTestId('intake-find').click();
    await a.getByTestId('intake-date').locator('input').fill(chinaDay(-50));
    await a.getByTestId('option-instant-excellent').click();
    await a.getByTestId('intake-form').getByTestId('submit').click();
    await a.getByTestId('intake-message').getByText('日期不在本轮评议期内，或晚于今天').waitFor({ timeout: 60_000 });
    expect((await api.get(`/admin/paper/serials/${sheets[0]!.serial}`, check)).body.status).toBe('not_returned');
    await a.reload();

    for (const s of sheets) expect(await keyPaperForm(clerks[0]!, s.serial, s.answers, s.day)).toContain('已录入第一遍');
    for (const s of sheets) expect(await keyPaperForm(clerks[1]!, s.serial, s.answers, s.day)).toContain('两遍录入一致，已计入');
    await shot(clerks[1]!, '56-efficiency-backlog-keyed', { docs: true });

    // Each counted sheet carries its own day, and the back-dating is in the round's audit log.
    const audit = (await api.get(`/admin/rounds/${ROUND}/audit`, check)).body.entries as Array<{ action: string; details?: Record<string, unknown> }>;
    expect(audit.filter((e) => JSON.stringify(e).includes(chinaDay(-40)))).not.toHaveLength(0);
  });

  it('enters the 整改 record, closes, publishes, and the numbers are the ones the document’s formulas give', async () => {
    const message = await enterInputs(office, stack.baseUrl, ROUND, [['科室', '整改记录：未按时间节点整改或整改不到位'], ...Object.entries(LATE).map(([id, n]) => [SECTIONS.find((s) => s.id === id)!.name, String(n)])]);
    expect(message).toBe('已保存 1 项');
    await closeRoundOnScreen(office, stack.baseUrl, ROUND);

    const expected = SECTIONS.map((s) => ({ ...s, ...expectedOf(s.id) })).sort((a, b) => b.total - a.total);
    const rows = await readReviewRanking(office, stack.baseUrl, ROUND);
    expect(rows.map((r) => r.targetId)).toEqual(expected.map((s) => s.id));
    await shot(office, '57-efficiency-review', { docs: true });
    await publishOnScreen(office);

    const results = (await api.get(`/rounds/${ROUND}/results`, check)).body;
    for (const [i, e] of expected.entries()) {
      const t = results.targets.find((x: { targetId: string }) => x.targetId === e.id);
      expect(t.components.monitor_instant.value).toBeCloseTo(e.instant, 9);
      expect(t.components.monitor_monthly.value).toBeCloseTo(e.monthly, 9);
      expect(t.components.composite.value).toBeCloseTo(e.composite, 9);
      expect(t.total).toBeCloseTo(e.total, 9);
      expect(t.rank).toBe(i + 1);
      const rules = [...(i < 6 ? ['efficiency-satisfied-section'] : []), ...(e.total < 70 ? ['efficiency-below-70'] : [])];
      expect(t.consequences.map((c: { ruleId: string }) => c.ruleId).sort()).toEqual(rules.sort());
    }
    const published = await readPublished(office, stack.baseUrl, ROUND);
    expect(published.rows.map((r) => r.targetId)).toEqual(expected.map((s) => s.id));
    for (const r of published.rows) expect(r.total).toBe(String(Number(expected.find((s) => s.id === r.targetId)!.total.toFixed(2))));
    const low = expected.filter((s) => s.total < 70);
    expect(low.length).toBeGreaterThan(0);
    for (const s of low) expect(published.consequences.some((c) => c.includes(s.name) && c.includes('限期整改'))).toBe(true);
    await shot(office, '58-efficiency-published', { docs: true });
  });
});
