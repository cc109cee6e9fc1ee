import type { Browser, Page } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot } from './support/browser';
import { confirmModal } from './support/office-ui';
import { loginSupervisorInBrowser, TINY_PNG } from './support/staff';

jest.setTimeout(180_000);

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let supervisor: string;
let browser: Browser;

/** Receipts of the ballots cast, in order: s11 gets 3 satisfied and 1 unsatisfied. */
const receipts: string[] = [];

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { schemeId: 'ganquan', channels: ['window'] });
  supervisor = await api.login('jiwei-2', 'supervisor');
  // The three satisfied ones say the same words: the identical-comments detector flags them.
  for (const [i, overall] of ['satisfied', 'satisfied', 'satisfied', 'unsatisfied'].entries()) {
    const extra = overall === 'satisfied' ? { comment: '窗口服务热情周到，非常满意' } : {};
    const r = await api.post('/ballots', ballot(county.windowTokens.w111!, { answers: { overall }, ...extra }), await api.login(`voter-${i}`));
    expect(r.status).toBe(201);
    receipts.push(r.body.receipt.receiptId as string);
  }
  const inputs = { targets: [{ targetId: 's11', served: 5 }, { targetId: 's12', served: 1 }, { targetId: 's21', served: 1 }] };
  expect((await api.post(`/admin/rounds/${county.roundId}/target-inputs`, inputs, supervisor)).status).toBe(200);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const loginSupervisor = (page: Page, next: string) => loginSupervisorInBrowser(page, stack.baseUrl, '纪委张主任', next);

/**
 * Taps a button once the page has stopped loading and waits for the server's answer. Each review
 * step reloads the page's data and re-renders the boxes below it, so a tap on a box being replaced
 * would be lost: acting on a quiet page keeps the test about the product, not the timing.
 */
async function tapAndAwait(page: Page, testId: string, pathSuffix: RegExp, status: number): Promise<void> {
  await page.waitForLoadState('networkidle');
  // A button whose reason was typed into a box since replaced stays disabled: fail here, saying so.
  await page.locator(`[data-testid="${testId}"]:not(.nut-button-disabled)`).first().waitFor({ timeout: 60_000 });
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && pathSuffix.test(new URL(r.url()).pathname), { timeout: 120_000 });
  await page.getByTestId(testId).click();
  expect((await answered).status()).toBe(status);
}

/** 发布 asks once more, saying what becomes public; the server's 201 follows the confirmation. */
async function publish(page: Page, expectText: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('[data-testid="publish"]:not(.nut-button-disabled)').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('publish').click();
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/api/admin/rounds/${county.roundId}/publish`), { timeout: 120_000 });
  await confirmModal(page, expectText);
  expect((await answered).status()).toBe(201);
}

/** s11's satisfaction as the engine computes it, voids subtracted. */
async function s11Satisfaction(): Promise<number> {
  const r = await api.get(`/rounds/${county.roundId}/results`, supervisor);
  return (r.body.targets as Array<{ targetId: string; components: { satisfaction: { value: number } } }>).find((t) => t.targetId === 's11')!.components.satisfaction.value;
}

describe('the supervising office reviews and publishes a round on the phone', () => {
  it('closes the round, voids a ballot with its reason, records misconduct and publishes', async () => {
    const page = await phonePage(browser);
    await loginSupervisor(page, '/admin/pages/rounds/index');
    const card = page.getByTestId(`round-${county.roundId}`);
    await card.waitFor({ timeout: 60_000 });
    await card.getByTestId(`close-${county.roundId}`).click();
    // Ending cannot be undone: the office is asked first.
    await confirmModal(page, '不再接受任何评价');
    await card.getByTestId(`review-${county.roundId}`).waitFor({ timeout: 60_000 });
    await card.getByTestId(`review-${county.roundId}`).click();

    await page.getByTestId('ballot-count').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('ballot-count').textContent()).toContain('共 4 张评价票');
    // The reviewer reads what was said in the form's words, never who said it.
    expect(await s11Satisfaction()).toBeCloseTo(3 / 4, 9);
    const target = page.getByTestId(`ballot-${receipts[3]}`);
    expect(await target.textContent()).toContain('不满意');
    expect(await page.content()).not.toContain('voter-3');

    // A void needs a reason: the button stays disabled until one is written.
    await target.getByTestId('void-open').click();
    expect(await target.getByTestId('void-confirm').getAttribute('class')).toContain('nut-button-disabled');
    await target.getByTestId('void-reason-input').locator('input').fill('同一人重复评价，经核实作废');
    await target.getByTestId('void-confirm').click();
    await target.getByTestId('void-reason').waitFor({ timeout: 60_000 });
    expect(await target.getByTestId('void-reason').textContent()).toContain('同一人重复评价');
    expect(await page.getByTestId('ballot-count').textContent()).toContain('已作废 1 张');

    // The identical comments are flagged, kept as evidence, and the supervisor keeps them with a reason.
    const flag = page.getByTestId('flags').locator('[data-testid^="flag-"]').first();
    await flag.waitFor({ timeout: 60_000 });
    expect(await flag.textContent()).toContain('评价意见雷同');
    expect(await flag.textContent()).toContain('涉及 3 张');
    await page.waitForLoadState('networkidle');
    await flag.getByTestId('flag-reason').locator('input').fill('经回访核实为真实评价');
    await tapAndAwait(page, 'flag-keep', /\/flags\/[^/]+\/decision$/, 201);
    await flag.getByTestId('flag-decision').waitFor({ timeout: 60_000 });
    expect(await flag.textContent()).toContain('已决定保留');

    await page.waitForLoadState('networkidle');
    await page.getByTestId('misconduct-form').getByText('出入境管理科', { exact: true }).click();
    await page.getByTestId('misconduct-reason').locator('input').fill('群众投诉吃拿卡要，经纪委查实');
    await tapAndAwait(page, 'misconduct-record', /\/misconduct$/, 201);
    await page.getByTestId('audit-log').getByText('记录查实问题', { exact: false }).waitFor({ timeout: 60_000 });

    await publish(page, '不能撤回');
    await page.getByTestId('published-hash').waitFor({ timeout: 60_000 });
    const shown = (await page.getByTestId('published-hash').textContent())?.trim();
    await shot(page, '14-admin-review-published', { docs: true });

    // What the page says happened is what the store holds.
    const published = await api.get(`/public/rounds/${county.roundId}/results`);
    expect(published.status).toBe(200);
    expect(published.body.hash).toBe(shown);
    expect(published.body.snapshot.voided).toEqual([expect.objectContaining({ reason: '同一人重复评价，经核实作废' })]);
    expect(published.body.snapshot.misconduct).toEqual([expect.objectContaining({ reason: '群众投诉吃拿卡要，经纪委查实' })]);
    expect(await s11Satisfaction()).toBe(1); // 3 of 3 once the unsatisfied one is voided
    const audit = await api.get(`/admin/rounds/${county.roundId}/audit`, supervisor);
    expect((audit.body.entries as Array<{ action: string; actor: string }>).map((e) => e.action)).toEqual([...Array(3).fill('set_target_input'), 'void_ballot', 'flag_decision', 'record_misconduct', 'publish']);

    // A correction needs its own reason; the first version stays.
    await page.getByTestId('publish-reason').locator('input').fill('更正单位名称');
    await publish(page, '原版本仍可查阅');
    await page.getByText('已发布第 2 版').waitFor({ timeout: 60_000 });
    const versions = await api.get(`/public/rounds/${county.roundId}/results`);
    expect((versions.body.versions as unknown[]).length).toBe(2);
  });
});

describe('the supervising office re-inspects a submitted task', () => {
  it('sends a task back with findings, then closes it (销号) on the second re-inspection', async () => {
    const created = await api.post('/admin/tasks', { targetId: 's11', roundId: county.roundId, source: 'manual', problem: '窗口一次性告知不到位', deadlineWorkingDays: 5 }, supervisor);
    expect(created.status).toBe(201);
    const taskId = created.body.taskId as string;
    const staff = await api.login('李科长', 'staff', 'u1');
    expect((await api.post(`/tasks/${taskId}/start`, { measures: '制作一次性告知单', owner: '李科长' }, staff)).status).toBe(200);
    await attachEvidence(taskId, staff);
    expect((await api.post(`/tasks/${taskId}/submit`, {}, staff)).status).toBe(200);

    const page = await phonePage(browser);
    await loginSupervisor(page, `/staff/pages/task/index?id=${taskId}`);
    await page.getByTestId('task-review').waitFor({ timeout: 60_000 });
    // Staff-only actions are not offered to the supervisor.
    expect(await page.getByTestId('task-submit').count()).toBe(0);
    // Each review action must say what was found.
    await page.getByTestId('reinspect-fail').click();
    await page.getByText('请填写复查情况或督办意见').waitFor();
    await page.getByTestId('review-note').locator('textarea').fill('告知单未张贴到窗口');
    await page.getByTestId('reinspect-fail').click();
    await page.getByText('整改中').first().waitFor({ timeout: 60_000 });

    await api.post(`/tasks/${taskId}/submit`, {}, staff);
    await page.reload();
    await page.getByTestId('reinspect-pass').waitFor({ timeout: 60_000 });
    await page.getByTestId('review-note').locator('textarea').fill('复查合格，告知单已张贴');
    await page.getByTestId('reinspect-pass').click();
    await page.getByText('本任务已销号').waitFor({ timeout: 60_000 });
    await shot(page, '15-admin-task-closed', { docs: true });

    const after = await api.get(`/tasks/${taskId}`, supervisor);
    expect(after.body.status).toBe('closed');
    expect((after.body.reinspections as Array<{ passed: boolean; findings: string }>).map((r) => [r.passed, r.findings])).toEqual([
      [false, '告知单未张贴到窗口'],
      [true, '复查合格，告知单已张贴'],
    ]);
  });
});

/** The two-step upload through the API, as the staff page does it. */
async function attachEvidence(taskId: string, staff: string): Promise<void> {
  const up = await api.post(`/tasks/${taskId}/evidence/uploads`, { fileName: '告知单.png', contentType: 'image/png', size: TINY_PNG.length }, staff);
  expect(up.status).toBe(201);
  const put = await fetch(new URL(up.body.upload.url as string, stack.baseUrl), { method: 'PUT', headers: up.body.upload.headers as Record<string, string>, body: TINY_PNG });
  expect(put.ok).toBe(true);
  const done = await api.post(`/tasks/${taskId}/evidence`, { evidenceId: up.body.evidenceId, fileName: '告知单.png', contentType: 'image/png' }, staff);
  expect(done.status).toBe(200);
}
