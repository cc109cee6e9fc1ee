import type { Browser, Locator } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { createProgramme, seedSmallCounty } from '../support/fixtures';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot } from './support/browser';
import { loginSupervisorInBrowser } from './support/staff';
import { answerModal, confirmModal } from './support/office-ui';

jest.setTimeout(240_000);

/**
 * The office's programmes on a phone: the list, one programme's detail (cadence, scheme version,
 * rounds in period order) and cancelling an abandoned round with a reason and a confirmation.
 * Programme `ncp` (南川, quarterly) holds pq1 (2026 Q1, published) and pq2 (2026 Q2, open).
 */
let stack: TestStack;
let api: ApiClient;
let supervisor: string;
let browser: Browser;

const quarter = (q: number) => ({ kind: 'quarter', label: `2026年第${q}季度`, start: `2026-${String(q * 3 - 2).padStart(2, '0')}-01`, end: `2026-${String(q * 3).padStart(2, '0')}-28` });
const text = async (l: Locator) => (await l.textContent())?.trim() ?? '';

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  supervisor = await api.login('jiwei-e2e-prog', 'supervisor');
  await createProgramme(api, supervisor, { id: 'ncp', schemeId: 'nanchuan', name: '南川区“最难办事科室群众评”' });
  await seedSmallCounty(api, { roundId: 'pq1', programmeId: 'ncp', schemeId: 'nanchuan', channels: ['sampling'], period: quarter(1) });
  expect((await api.post('/admin/rounds/pq1/close', undefined, supervisor)).status).toBe(200);
  const published = await api.post('/admin/rounds/pq1/publish', {}, supervisor);
  if (published.status !== 201) throw new Error(`publish pq1: ${JSON.stringify(published.body)}`);
  await seedSmallCounty(api, { roundId: 'pq2', programmeId: 'ncp', schemeId: 'nanchuan', channels: ['sampling'], period: quarter(2), importOrg: false });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('programmes in the admin client', () => {
  it('goes from the programme list to its detail and cancels a round only after a reason and a confirmation', async () => {
    const page = await phonePage(browser);
    await loginSupervisorInBrowser(page, stack.baseUrl, '纪委王科长', '/admin/pages/programmes/index');
    const card = page.getByTestId('programme-ncp');
    await card.waitFor({ timeout: 60_000 });
    expect(await text(card)).toContain('南川区“最难办事科室群众评”');
    expect(await text(card)).toContain('每季度 · 科室 · 2 轮');

    await card.click();
    const cadence = page.getByTestId('programme-cadence');
    await cadence.waitFor({ timeout: 60_000 });
    expect(await text(cadence)).toBe('每季度 · 全部科室 · 评议年度自 1 月起');
    const digest = (await api.get('/admin/programmes/ncp', supervisor)).body.programme.schemeDigest as string;
    expect(await text(page.getByTestId('programme-scheme'))).toBe(`评议方案：南川区“最难办事科室群众评”（版本 ${digest.slice(0, 12)}）`);
    const rounds = await page.locator('[data-testid^="programme-round-status-"]').evaluateAll((els) => els.map((e) => e.textContent?.trim()));
    expect(rounds).toEqual(['2026年第1季度 · 已公布 · 第 1 版 · 计入连续评议', '2026年第2季度 · 进行中 · 不计入连续评议']);
    // A published round is corrected, never cancelled: it offers no cancel.
    expect(await page.getByTestId('cancel-pq1').count()).toBe(0);

    await page.getByTestId('cancel-pq2').click();
    const confirm = page.getByTestId('cancel-confirm-pq2');
    expect(await confirm.getAttribute('class')).toContain('nut-button-disabled');
    const reason = '抽样链接误发给了内部人员，本轮作废重评';
    await page.getByTestId('cancel-reason-pq2').locator('input').fill(reason);
    await confirm.click();
    // The confirmation says what cancelling means; "再想想" leaves the round as it was.
    await answerModal(page, '不计入任何连续评议', 'cancel');
    expect((await api.get('/rounds/pq2')).body.round.status).toBe('open');

    await confirm.click();
    await confirmModal(page, '不计入任何连续评议');
    const status = page.getByTestId('programme-round-status-pq2');
    await page.getByTestId('programme-round-reason-pq2').waitFor({ timeout: 60_000 });
    expect(await text(status)).toBe('2026年第2季度 · 已取消 · 不计入连续评议');
    expect(await text(page.getByTestId('programme-round-reason-pq2'))).toBe(`取消原因：${reason}`);
    expect(await page.getByTestId('cancel-pq2').count()).toBe(0);

    const round = (await api.get('/rounds/pq2')).body.round;
    expect([round.status, round.cancelReason]).toEqual(['cancelled', reason]);
    const entries = (await api.get('/admin/audit-log?limit=10', supervisor)).body.entries as Array<Record<string, any>>;
    expect(entries.filter((e) => e.route === '/admin/rounds/:id/cancel').map((e) => [e.actor, e.params.id, e.status, e.details?.reason])).toEqual([['dev:纪委王科长', 'pq2', 200, reason]]);
    await shot(page, '19-programme-round-cancelled', { docs: true });
  });

  it('records a rename link after a confirmation, shows the API\'s Chinese refusal, and lists the link', async () => {
    // 户政科 (s11) is renamed 户籍管理科 with a new id, s11n, registered first.
    expect((await api.post('/admin/nodes', { id: 's11n', kind: 'section', name: '户籍管理科', parentId: 'u1' }, supervisor)).status).toBe(201);
    const page = await phonePage(browser);
    await loginSupervisorInBrowser(page, stack.baseUrl, '纪委王科长', '/admin/pages/programme/index?id=ncp');
    const links = page.getByTestId('programme-links');
    await links.waitFor({ timeout: 60_000 });
    expect(await text(links)).toContain('暂无记录');
    await page.getByTestId('link-open').click();

    // A successor that is not a registered section: the API's 404, with the id it names, in Chinese.
    await page.getByTestId('link-from').locator('input').fill('s11');
    await page.getByTestId('link-to').locator('input').fill('s99');
    await page.getByTestId('link-submit').click();
    await confirmModal(page, '更名：s11 → s99。s99 延续 s11 已公布轮次的评议记录');
    const problem = page.getByTestId('link-problem');
    await problem.waitFor({ timeout: 60_000 });
    expect(await text(problem)).toBe('没有找到被评议的单位：s99（现评议对象须为本项目同一层级的已登记单位）');
    expect((await api.get('/admin/programmes/ncp', supervisor)).body.links).toEqual([]);

    // Checked before sending: a rename to the same id never reaches the API.
    await page.getByTestId('link-to').locator('input').fill('s11');
    await page.getByTestId('link-submit').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="link-problem"]')?.textContent?.includes('更名后的编号须与原编号不同'), undefined, { timeout: 60_000 });

    await page.getByTestId('link-to').locator('input').fill('s11n');
    await page.getByTestId('link-note').locator('input').fill('户政科更名为户籍管理科');
    await page.getByTestId('link-submit').click();
    await confirmModal(page, '记录后不能修改或删除');
    const shown = page.locator('[data-testid^="programme-link-"]');
    await shown.first().waitFor({ timeout: 60_000 });
    expect(await shown.evaluateAll((els) => els.map((e) => e.textContent?.trim()))).toEqual(['更名：s11 → s11n · 户政科更名为户籍管理科']);
    expect(await page.getByTestId('link-form').count()).toBe(0);

    const stored = (await api.get('/admin/programmes/ncp', supervisor)).body.links as Array<Record<string, unknown>>;
    expect(stored).toEqual([expect.objectContaining({ kind: 'rename', from: ['s11'], to: ['s11n'], note: '户政科更名为户籍管理科', by: 'dev:纪委王科长' })]);
  });
});
