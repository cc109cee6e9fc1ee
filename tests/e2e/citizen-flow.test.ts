import type { Browser, Page } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot } from './support/browser';
import { confirmModal } from './support/office-ui';

jest.setTimeout(180_000);

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let browser: Browser;

/** Ballots counted for a section on the window channel, read from the tallies endpoint. */
async function windowBallots(sectionId: string): Promise<number> {
  const r = await api.get(`/rounds/${county.roundId}/tallies`, county.admin);
  expect(r.status).toBe(200);
  const t = (r.body.targets as Array<{ targetId: string; channels: { window?: { ballots: number } } }>).find((x) => x.targetId === sectionId);
  return t?.channels.window?.ballots ?? 0;
}

function rateUrl(windowId: string): string {
  return `${stack.baseUrl}/#/pages/rate/index?token=${encodeURIComponent(county.windowTokens[windowId]!)}`;
}

/** Fills the pipeline form: the required item, an optional one, a problem box and a comment. */
async function fillBallot(page: Page, comment = '办事很快，态度很好'): Promise<void> {
  await page.getByText('满意', { exact: true }).click();
  await page.getByText('好', { exact: true }).click();
  await page.getByText('冷', { exact: true }).click();
  await page.locator('textarea').fill(comment);
}

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('citizen rates a window from its link', () => {
  let page: Page;

  it('shows unit, section and window before asking, then gives a receipt', async () => {
    page = await phonePage(browser);
    await page.goto(rateUrl('w111'));
    const header = page.getByTestId('target-path');
    await expect(header.getByText('公安局')).toBeTruthy();
    await header.getByText('户政科').waitFor();
    await header.getByText('户政1号窗口').waitFor();
    await shot(page, '01-rate-window', { docs: true });

    await fillBallot(page);
    await expectCount(page, '9/500');
    await shot(page, '02-rate-filled');
    await page.getByTestId('submit').click();
    await page.getByTestId('receipt').waitFor();
    const receiptId = (await page.getByTestId('receipt-id').textContent())?.trim();
    expect(receiptId).toMatch(/\S{4,}/);
    await shot(page, '03-receipt', { docs: true });
    expect(await windowBallots('s11')).toBe(1);
  });

  it('tells the same person "already rated" on landing, before any form is shown', async () => {
    await page.goto(rateUrl('w111'));
    const already = page.getByTestId('already-rated');
    await already.waitFor();
    expect(await already.textContent()).toContain('您已经评价过了');
    expect(await page.getByTestId('submit').count()).toBe(0);
    await shot(page, '04-already-rated', { docs: true });
    expect(await windowBallots('s11')).toBe(1);
  });

  it('lists the receipt under 我的评价', async () => {
    await page.goto(`${stack.baseUrl}/#/pages/mine/index`);
    await page.getByTestId('mine-item').first().waitFor();
    expect(await page.getByTestId('mine-item').count()).toBe(1); // the counted one; the repeat was never sent
    await shot(page, '05-mine', { docs: true });
  });
});

describe('a ballot submitted offline', () => {
  it('waits on the device and is counted exactly once when the network is back', async () => {
    const page = await phonePage(browser);
    await page.goto(rateUrl('w112'));
    await page.getByTestId('target-path').waitFor();
    const before = await windowBallots('s11');

    await page.context().setOffline(true);
    await fillBallot(page, '离线提交');
    await page.getByTestId('submit').click();
    await page.getByTestId('pending').waitFor();
    await shot(page, '06-offline-pending', { docs: true });
    expect(await windowBallots('s11')).toBe(before);

    await page.context().setOffline(false);
    // The browser's `online` event makes the outbox retry; the receipt page picks it up.
    await page.getByTestId('receipt').waitFor({ timeout: 60_000 });
    expect(await windowBallots('s11')).toBe(before + 1);
    // A later retry (app relaunch) must not add anything: the outbox is empty now.
    await page.reload();
    await page.getByTestId('receipt').waitFor();
    expect(await windowBallots('s11')).toBe(before + 1);
  });

  it('is counted once when the first answer is lost on the way back', async () => {
    const page = await phonePage(browser);
    await page.goto(rateUrl('w121'));
    await page.getByTestId('target-path').waitFor();
    const before = await windowBallots('s12');
    let dropped = 0;
    // The server receives and stores the ballot, but the phone never hears back.
    await page.route('**/api/ballots', async (route) => {
      if (dropped === 0) {
        dropped++;
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await fillBallot(page, '回执丢失');
    await page.getByTestId('submit').click();
    await page.getByTestId('pending').waitFor();
    expect(await windowBallots('s12')).toBe(before + 1);
    await page.getByText('立即重试').click();
    await page.getByTestId('receipt').waitFor();
    expect(await page.getByText('只计入一次').count()).toBe(1);
    expect(await windowBallots('s12')).toBe(before + 1);
  });
});

describe('staff of the unit', () => {
  it('sees the numbers for their sections once the round is closed', async () => {
    // The disclosure policy: staff see an open round only in batches of k ballots (docs/security.md).
    expect((await api.post(`/admin/rounds/${county.roundId}/close`, undefined, county.admin)).status).toBe(200);
    const page = await phonePage(browser);
    await page.goto(`${stack.baseUrl}/#/staff/pages/login/index`);
    await page.locator('[data-testid=login-name] input, input[placeholder="请输入姓名"]').first().fill('王科长');
    await page.locator('[data-testid=login-unit] input, input[placeholder="例如 u-gaj"]').first().fill('u1');
    await page.getByTestId('login-submit').click();
    const card = page.getByTestId('unit-target-s11');
    await card.waitFor({ timeout: 60_000 });
    expect((await card.getByTestId('ballot-count').textContent())?.trim()).toBe(String(await windowBallots('s11')));
    await page.waitForTimeout(500); // let the trend chart draw before the picture
    await shot(page, '07-staff-unit', { docs: true });
    await page.getByTestId('comments-open-s11').click();
    const list = page.getByTestId('comments-s11');
    await list.waitFor({ timeout: 60_000 });
    expect(await list.textContent()).toContain('办事很快，态度很好');
    await shot(page, '09-staff-comments');
  });
});

describe('an administrator', () => {
  it('issues a window QR and sees a printable poster naming unit, section and window', async () => {
    const page = await phonePage(browser);
    await page.goto(`${stack.baseUrl}/#/staff/pages/login/index?next=${encodeURIComponent('/admin/pages/rounds/index')}`);
    await page.locator('input[placeholder="请输入姓名"]').fill('管理员');
    await page.getByText('系统管理员', { exact: true }).click();
    await page.getByTestId('login-submit').click();
    await page.getByTestId(`round-${county.roundId}`).waitFor({ timeout: 60_000 });
    await shot(page, '08-admin-rounds', { docs: true });

    await page.goto(`${stack.baseUrl}/#/admin/pages/qr/index`);
    const card = page.getByTestId('window-w111');
    await card.waitFor({ timeout: 60_000 });
    await card.getByTestId('qr-issue-w111').click();
    // A new code retires a printed poster: the office is asked first.
    await confirmModal(page, '旧海报立即失效');
    await card.locator('canvas').waitFor();
    // The poster is drawn: its PNG is far larger than a blank canvas's.
    const canvas = await card.locator('canvas').elementHandle();
    await page.waitForFunction((c) => (c as HTMLCanvasElement).width === 600, canvas, { timeout: 60_000 });
    const png = await canvas!.evaluate((c) => (c as HTMLCanvasElement).toDataURL('image/png').length);
    expect(png).toBeGreaterThan(10_000);
    await card.screenshot({ path: 'test-artifacts/screenshots/09-admin-qr-poster.png' });
  });
});

async function expectCount(page: Page, text: string): Promise<void> {
  expect((await page.getByTestId('comment-count').textContent())?.trim()).toBe(text);
}
