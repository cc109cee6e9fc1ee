import type { Browser, Locator, Page } from 'playwright-core';
import { ACTION_KINDS, ACTION_ORDER, type ActionKind } from '@shared/scoring/action-kinds';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot } from './support/browser';
import { loginSupervisorInBrowser } from './support/staff';
import { NanchuanHistory } from './support/nanchuan-history';

jest.setTimeout(240_000);

/**
 * The supervising office's consequence sheet on 南川's third quarter: s11 is among the worst three
 * in all three quarters (免去分管领导职务 over nc1–nc3), s21 in the last two (免去科室负责人职务 over
 * nc2–nc3). nc1 and nc2 are published, nc3 is only closed: first a preview, then the published version.
 */
let stack: TestStack;
let api: ApiClient;
let supervisor: string;
let history: NanchuanHistory;
let browser: Browser;

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  supervisor = await api.login('jiwei-3', 'supervisor');
  history = new NanchuanHistory(api, supervisor);
  await history.quarter(1, { s11: 30 }, { publish: true });
  await history.quarter(2, { s11: 30, s21: 30 }, { publish: true });
  await history.quarter(3, { s11: 30, s21: 30, s12: 30 }, { publish: false });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const loginSupervisor = (page: Page, next: string) => loginSupervisorInBrowser(page, stack.baseUrl, '纪委王科长', next);
const text = async (l: Locator) => (await l.textContent())?.trim() ?? '';
const quarter = NanchuanHistory.quarterLabel;

/** What the API says the office must do about nc3, in its order. */
async function apiActions(): Promise<{ source: string; version?: number; actions: Array<{ ruleId: string; targetId: string; actions?: ActionKind[] }> }> {
  const r = await api.get('/admin/rounds/nc3/consequences', supervisor);
  expect(r.status).toBe(200);
  return r.body;
}

const rowsOf = (r: { actions: Array<{ ruleId: string; targetId: string }> }) => r.actions.map((a) => `${a.ruleId}-${a.targetId}`);

/** Follows a link to the sheet; resolves with its source banner once the sheet has loaded. */
async function openSheet(page: Page, link: string): Promise<Locator> {
  await page.getByTestId(link).click();
  const banner = page.getByTestId('consequence-source');
  await banner.waitFor({ timeout: 60_000 });
  return banner;
}

/** Every action row as the page shows it (`<ruleId>-<targetId>`), in page order. */
async function shownRows(page: Page): Promise<string[]> {
  return page.locator('[data-testid^="action-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('action-'.length)));
}

/** The consecutive-round removals, each with the rounds behind it and s11's / s21's place in them; a one-round rule beside them. */
async function expectRemovals(page: Page): Promise<void> {
  const supervisorRule = page.getByTestId('rule-nanchuan-remove-supervisor');
  expect(await text(supervisorRule)).toContain('连续3次评议结果位列前3名，免去分管领导职务');
  // The rule's internal id is for tools, not the office's paper.
  expect(await text(supervisorRule)).not.toContain('nanchuan-remove-supervisor');
  const s11 = supervisorRule.getByTestId('action-nanchuan-remove-supervisor-s11');
  expect(await text(s11)).toContain('户政科');
  // 南川 counts quarters (每季度评选 … 连续3次评议): the engine's unit and periods, not "N rounds".
  expect(await text(s11)).toContain('连续3个季度：2026年第一季度、2026年第二季度、2026年第三季度');
  expect(await text(s11)).not.toContain('连续 3 轮');
  // Three sections are ranked and the rule names the worst three: every ranked section is among
  // them whatever the sampling error (n − k = 0 others need be confidently better), so confident.
  const certainty = s11.getByTestId('certainty-nanchuan-remove-supervisor-s11');
  expect(await text(certainty)).toContain('确定属于最差3名');
  expect(await text(certainty)).toContain('按95%同时置信度，抽样误差不改变这一结论');
  expect(await s11.locator('[data-testid^="trigger-"]').count()).toBe(3);
  expect(await text(s11.getByTestId('span-nanchuan-remove-supervisor-s11'))).toBe(`依据轮次（3 轮：${quarter(1)}至${quarter(3)}）`);
  expect(await text(s11.getByTestId('trigger-nc1'))).toBe(`${quarter(1)} · 测试轮次：第 1 名`);
  expect(await text(s11.getByTestId('trigger-nc2'))).toBe(`${quarter(2)} · 测试轮次：第 1 名`);
  expect(await text(s11.getByTestId('trigger-nc3'))).toBe(`${quarter(3)} · 测试轮次：第 1 名（本轮）`);
  // s21 was not ranked in nc1 (no ballots): only the head's removal, over two quarters.
  expect(await supervisorRule.getByTestId('action-nanchuan-remove-supervisor-s21').count()).toBe(0);
  const s21 = page.getByTestId('action-nanchuan-remove-head-s21');
  expect(await s21.locator('[data-testid^="trigger-"]').count()).toBe(2);
  expect(await text(s21)).toContain('连续2个季度：2026年第二季度、2026年第三季度');
  expect(await text(s21.getByTestId('trigger-nc2'))).toBe(`${quarter(2)} · 测试轮次：第 2 名`);
  expect(await text(s21.getByTestId('trigger-nc3'))).toContain(`${quarter(3)} · 测试轮次：第 2 名`);
  // A single-round rule rests on this round alone: its place here, no list of rounds.
  const interview = page.getByTestId('action-nanchuan-interview-s12');
  expect(await text(interview)).toContain('出入境管理科');
  expect(await text(interview)).toContain('第 2 名');
  expect(await text(interview)).toContain('依据本轮');
  expect(await interview.locator('[data-testid^="trigger-"]').count()).toBe(0);
}

/**
 * The whole sheet in one picture: a Taro H5 page scrolls inside its own element, so a full-page
 * shot shows one screen; the page is opened alone and the viewport made as tall as its content.
 */
async function sheetShot(page: Page, route: string, name: string): Promise<void> {
  await page.goto(`${stack.baseUrl}/#${route}`);
  await page.reload();
  await page.getByTestId('consequence-source').waitFor({ timeout: 60_000 });
  const height = await page.locator('.taro_page_show').last().evaluate((e) => e.scrollHeight);
  await page.setViewportSize({ width: 390, height });
  await shot(page, name, { docs: true });
}

describe('the supervising office reads the consequence actions of a round', () => {
  it('previews an unpublished round: the consecutive-round rules from the published quarters before it', async () => {
    const api3 = await apiActions();
    expect(api3.source).toBe('preview');
    expect(api3.actions.filter((a) => a.ruleId === 'nanchuan-remove-supervisor').map((a) => a.targetId)).toEqual(['s11']);

    const page = await phonePage(browser);
    await loginSupervisor(page, '/admin/pages/rounds/index');
    const banner = await openSheet(page, 'consequences-nc3');
    expect(await banner.getAttribute('data-source')).toBe('preview');
    expect(await text(banner)).toBe('预览：本轮尚未发布，处理措施以发布结果为准');
    await expectRemovals(page);
    // Every action the API lists is on the page, in the API's (the scheme's rule) order.
    expect(await shownRows(page)).toEqual(rowsOf(api3));
    expect(await text(page.getByTestId('consequence-count'))).toBe(`共 ${api3.actions.length} 项处理措施，涉及 3 个评议对象`);
    // By kind of action: the removals name 户政科 (分管领导, 3 rounds) and 基础教育科 (科室负责人, 2 rounds).
    const removal = page.getByTestId('kind-removal');
    expect(await text(removal)).toContain(ACTION_KINDS.removal);
    expect(await text(removal)).toContain('户政科');
    expect(await text(removal)).toContain('基础教育科');
    expect(await text(page.getByTestId('kind-interview'))).toContain('出入境管理科');
    const kindsShown = await page.locator('[data-testid^="kind-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('kind-'.length)));
    const kindsInApi = new Set(api3.actions.flatMap((a) => a.actions ?? []));
    expect(kindsShown.filter((k) => k !== 'summary')).toEqual(ACTION_ORDER.filter((k) => kindsInApi.has(k)));
  });

  it('shows the published version with its number and hash once the round is published', async () => {
    await history.publish('nc3');
    const published = await api.get('/public/rounds/nc3/results');
    const hash = published.body.hash as string;
    const api3 = await apiActions();
    expect([api3.source, api3.version]).toEqual(['published', 1]);

    const page = await phonePage(browser);
    await loginSupervisor(page, '/admin/pages/review/index?id=nc3');
    // The review page's ranking: the quota line and s11's rank set beside its place.
    const ranking = page.getByTestId('result-ranking');
    await ranking.waitFor({ timeout: 60_000 });
    expect(await text(ranking.getByTestId('cut-headline').first())).toMatch(/^名额说明：前(3|10)名/);
    expect(await text(ranking.getByTestId('ranking-s11').getByTestId('marks'))).toContain('名次区间 1');
    const banner = await openSheet(page, 'consequences-link');
    expect(await banner.getAttribute('data-source')).toBe('published');
    expect(await text(banner)).toContain('依据已发布的第 1 版结果');
    expect(await text(page.getByTestId('consequence-hash'))).toBe(`SHA-256：${hash.slice(0, 12)}…`);
    expect(await text(banner)).not.toContain('预览');
    await expectRemovals(page);
    expect(await shownRows(page)).toEqual(rowsOf(api3));
    await sheetShot(page, '/admin/pages/consequences/index?roundId=nc3', '18-consequences');
    // One phone screen at the removals: certainty and the quarters behind each.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('rule-nanchuan-remove-supervisor').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot(page, '20-consequences-certainty-periods', { docs: true });
    // On paper (forwarded to the organisation department) the controls go, the banner stays.
    expect(await page.getByTestId('consequences-print').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('consequences-print').isVisible()).toBe(false);
    expect(await page.getByTestId('consequence-hash').isVisible()).toBe(true);
  });

  it('shows the public ranking with the group\'s cut sentence, its details folded', async () => {
    const published = (await api.get('/public/rounds/nc3/results')).body;
    const group = published.snapshot.results.groups[0] as { cuts: Array<{ text: string; tie: unknown }> };
    // The headline is the cut with a tie at the line, else the first one (client/src/lib/rank-notes.ts).
    const headline = (group.cuts.find((c) => c.tie !== null) ?? group.cuts[0])!.text;
    expect(headline).toMatch(/^前(3|10)名/);
    const page = await phonePage(browser);
    await page.goto(`${stack.baseUrl}/#/public/pages/round/index?id=nc3`);
    const line = page.getByTestId('cut-headline').first();
    await line.waitFor({ timeout: 60_000 });
    expect(await text(line)).toBe(`名额说明：${headline}`);
    expect(await page.getByTestId('cut-details').count()).toBe(0);
    await page.getByTestId('cut-toggle').first().click();
    const details = page.getByTestId('cut-details').first();
    for (const c of group.cuts) expect(await text(details)).toContain(c.text);
    expect(await text(details)).toContain('95%把握在名额内：');
    // Each ranked section carries its rank confidence set beside its row.
    const s11 = published.snapshot.results.targets.find((t: { targetId: string }) => t.targetId === 's11').rankSet as { lower: number; upper: number };
    expect(s11.lower).toBe(1);
    expect(await text(page.getByTestId('result-s11').getByTestId('marks'))).toContain(s11.upper === 1 ? '名次区间 1' : `名次区间 1–${s11.upper}`);
    await page.getByTestId('result-group').first().evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot(page, '21-public-ranking-cut', { docs: true });
  });

  it('says so when a round triggers nothing, and shows the server’s reason when the round is unknown', async () => {
    await history.quarter(4, {}, { publish: false });
    const page = await phonePage(browser);
    await loginSupervisor(page, '/admin/pages/consequences/index?roundId=nc4');
    await page.getByTestId('consequences-empty').waitFor({ timeout: 60_000 });
    expect(await text(page.getByTestId('consequences-empty'))).toBe('本轮没有触发处理措施');
    expect(await page.getByTestId('consequence-source').getAttribute('data-source')).toBe('preview');

    const unknown = await api.get('/admin/rounds/nc9/consequences', supervisor);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'ROUND_NOT_FOUND']);
    await page.goto(`${stack.baseUrl}/#/admin/pages/consequences/index?roundId=nc9`);
    await page.reload();
    await page.getByTestId('consequences-error').waitFor({ timeout: 60_000 });
    expect(await text(page.getByTestId('consequences-error'))).toBe(unknown.body.error.message);
  });
});
