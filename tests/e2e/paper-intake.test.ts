import type { Browser, Page } from 'playwright-core';
import { displaySerial } from '@shared/paper/serial';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot } from './support/browser';
import { loginSupervisorInBrowser } from './support/staff';

jest.setTimeout(240_000);

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let browser: Browser;

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

/** One clerk keys one form on the intake page: serial, the one item, submit; returns the message. */
async function keyForm(page: Page, serial: string, overall: 'satisfied' | 'unsatisfied'): Promise<string> {
  await page.getByTestId('intake-serial').locator('input').fill(serial);
  await page.getByTestId('intake-find').click();
  await page.getByTestId('intake-form').waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('intake-form').textContent()).toContain('公安局 · 户政科');
  await page.getByTestId(`option-overall-${overall}`).click();
  await page.getByTestId('intake-form').getByTestId('submit').click();
  const message = page.getByTestId('intake-message');
  await page.getByTestId('intake-form').waitFor({ state: 'detached', timeout: 60_000 });
  return (await message.textContent()) ?? '';
}

describe('甘泉 paper in the admin UI: issue, key twice, resolve a mismatch, see the return rate', () => {
  it('runs the office steps on a phone, two clerks and a supervisor', async () => {
    const issuer = await phonePage(browser);
    await loginSupervisorInBrowser(issuer, stack.baseUrl, '纪委王主任', `/admin/pages/paper/index?id=${county.roundId}`);
    await issuer.getByTestId('paper-target-s11').click();
    await issuer.getByTestId('paper-count').locator('input').fill('2');
    await issuer.getByTestId('paper-issue-submit').click();
    await issuer.getByTestId('paper-row-s11').waitFor({ timeout: 60_000 });
    expect(await issuer.getByTestId('paper-row-s11').textContent()).toContain('印发 2');
    await shot(issuer, '30-admin-paper-issued', { docs: true });

    const [batch] = await stack.deps.store.paper.listBatches(county.roundId);
    const [s1, s2] = batch!.serials.map(displaySerial) as [string, string];

    // Clerk A keys both forms; clerk B keys them blind: one agrees, one does not.
    const clerkA = await phonePage(browser);
    await loginSupervisorInBrowser(clerkA, stack.baseUrl, '录入员甲', `/admin/pages/paper-intake/index?id=${county.roundId}`);
    expect(await keyForm(clerkA, s1.toLowerCase().replace(/-/g, ''), 'satisfied')).toContain('已录入第一遍');
    expect(await keyForm(clerkA, s2, 'satisfied')).toContain('已录入第一遍');
    const clerkB = await phonePage(browser);
    await loginSupervisorInBrowser(clerkB, stack.baseUrl, '录入员乙', `/admin/pages/paper-intake/index?id=${county.roundId}`);
    expect(await keyForm(clerkB, s1, 'satisfied')).toContain('两遍录入一致，已计入');
    expect(await keyForm(clerkB, s2, 'unsatisfied')).toContain('两遍录入不一致');
    await shot(clerkB, '31-admin-paper-intake', { docs: true });

    // A supervisor who keyed neither decides from the paper.
    const sup = await phonePage(browser);
    await loginSupervisorInBrowser(sup, stack.baseUrl, '纪委赵科长', `/admin/pages/paper-mismatches/index?id=${county.roundId}`);
    const card = sup.getByTestId(`mismatch-${s2}`);
    await card.waitFor({ timeout: 60_000 });
    expect(await card.textContent()).toContain('您对本岗位本次办事的总体评价：满意');
    expect(await card.textContent()).toContain('您对本岗位本次办事的总体评价：不满意');
    await card.getByTestId('mismatch-reason').locator('input').fill('核对原件，勾选不满意');
    await card.getByTestId('option-overall-unsatisfied').click();
    await shot(sup, '32-admin-paper-mismatch', { docs: true });
    await card.getByTestId('submit').click();
    await sup.getByText('没有待裁定的分歧').waitFor({ timeout: 60_000 });

    // Back on the paper page: 2 issued, 2 counted → 回收率 100%; the API says the same.
    await issuer.reload();
    await issuer.getByTestId('paper-row-s11').waitFor({ timeout: 60_000 });
    expect(await issuer.getByTestId('paper-row-s11').getByTestId('paper-rate').textContent()).toBe('回收率 100.0%');
    const results = await api.get(`/rounds/${county.roundId}/results`, await api.login('check', 'supervisor'));
    const s11 = results.body.targets.find((t: { targetId: string }) => t.targetId === 's11');
    expect(s11.components.return_rate).toMatchObject({ numerator: 2, denominator: 2, value: 1 });
    expect(s11.components.satisfaction.value).toBe(0.5);
  });
});
