import type { Browser, Page } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot } from './support/browser';

jest.setTimeout(180_000);

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let browser: Browser;
let page: Page;
let receiptUrl: string;

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { schemeId: 'ganquan', channels: ['window'] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the receipt page checks the ballot is in the published result', () => {
  it('says nothing about publication while the round is open', async () => {
    page = await phonePage(browser);
    await page.goto(`${stack.baseUrl}/#/pages/rate/index?token=${encodeURIComponent(county.windowTokens.w111!)}`);
    await page.getByTestId('target-path').waitFor();
    await page.getByText('满意', { exact: true }).click();
    await page.getByTestId('submit').click();
    await page.getByTestId('receipt').waitFor();
    receiptUrl = page.url();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('receipt-check').count()).toBe(0);
  });

  it('shows 已收录于公布结果 once published, verified on the phone', async () => {
    const supervisor = await api.login('jiwei-1', 'supervisor');
    expect((await api.post(`/admin/rounds/${county.roundId}/target-inputs`, { targets: [{ targetId: 's11', served: 1 }, { targetId: 's12', served: 1 }, { targetId: 's21', served: 1 }] }, supervisor)).status).toBe(200);
    expect((await api.post(`/admin/rounds/${county.roundId}/close`, undefined, supervisor)).status).toBe(200);
    const pub = await api.post(`/admin/rounds/${county.roundId}/publish`, {}, supervisor);
    expect([pub.status, pub.body.error]).toEqual([201, undefined]);
    await page.goto(receiptUrl);
    await page.reload();
    const check = page.getByTestId('receipt-check');
    await check.waitFor();
    expect(await check.textContent()).toContain('已收录于公布结果（第1版）');
    expect(await check.textContent()).toContain(pub.body.hash.slice(0, 16));
    await shot(page, '10-receipt-included');
  });

  it('does not take the server’s word: a proof that does not lead to the root is refused', async () => {
    await page.route('**/api/public/rounds/*/proof/*', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      // A server claiming inclusion with a root its path does not reach.
      await route.fulfill({ response: res, json: { ...body, root: 'f'.repeat(64) } });
    });
    await page.reload();
    const check = page.getByTestId('receipt-check');
    await check.waitFor();
    expect(await check.textContent()).toContain('核验未通过');
  });
});
