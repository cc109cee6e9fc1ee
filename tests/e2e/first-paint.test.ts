import type { Browser, Page } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot } from './support/browser';

/**
 * The static shell (client/src/index.html, filled by functions/src/http/h5-static.ts): what a
 * citizen sees before any script has run, and how the app takes over from it. Speed is measured
 * in bench/first-paint.ts, not here.
 */
jest.setTimeout(180_000);

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let browser: Browser;

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

/** The link a window's poster prints, on the test server's origin. */
async function printedLink(windowId: string): Promise<string> {
  const qr = await api.post(`/admin/windows/${windowId}/qr`, undefined, county.admin);
  expect(qr.status).toBe(200);
  const printed = new URL(qr.body.url as string);
  // The token travels in the query, where the server sees it, not behind a hash.
  expect(printed.hash).toBe('');
  expect(printed.searchParams.get('token')).toBe(qr.body.scene);
  return `${stack.baseUrl}/${printed.search}`;
}

/**
 * A phone page whose scripts never arrive (their requests stay open): what a citizen sees
 * before any script has run. Opened at `commit`: load and DOMContentLoaded wait for the scripts.
 */
async function pageBeforeScripts(url: string): Promise<Page> {
  const page = await phonePage(browser);
  await page.route('**/js/**', () => undefined);
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('#shell').waitFor();
  return page;
}

it('paints the window’s unit, section and name and a loading line before any script runs', async () => {
  const page = await pageBeforeScripts(await printedLink('w111'));
  await page.locator('.shell__window').waitFor();
  const shell = page.locator('#shell');
  await expect(shell.isVisible()).resolves.toBe(true);
  expect(await page.locator('.shell__unit').innerText()).toBe('公安局 · 户政科');
  expect(await page.locator('.shell__window').innerText()).toBe('户政1号窗口');
  expect(await shell.getByText('正在加载，请稍候…').isVisible()).toBe(true);
  expect(await page.title()).toBe('户政1号窗口 · 群众评议');
  // Readable on a phone without the app's stylesheet: the name large, the loading line ≥ 18 px.
  const px = (selector: string) => page.locator(selector).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(await px('.shell__window')).toBeGreaterThanOrEqual(24);
  expect(await px('.shell__loading')).toBeGreaterThanOrEqual(18);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, 'shell-window', { docs: true });
  await page.context().close();
});

it('shows the loading line without a name for a sampling link', async () => {
  const page = await pageBeforeScripts(`${stack.baseUrl}/?token=${encodeURIComponent(county.samplingToken)}`);
  await page.locator('#shell').getByText('正在加载，请稍候…').waitFor();
  expect(await page.locator('#shell').getByText('正在加载，请稍候…').isVisible()).toBe(true);
  expect(await page.locator('#shell-name').isVisible()).toBe(false);
  expect(await page.title()).toBe('群众评议');
  await page.context().close();
});

it('says so and offers a reload when a script does not arrive, and the reload opens the page', async () => {
  const page = await phonePage(browser);
  await page.route('**/js/**', (route) => route.abort());
  await page.goto(await printedLink('w211'));
  const failed = page.locator('#shell').getByText('网络不好，页面没有加载完整。');
  await failed.waitFor();
  expect(await page.locator('#shell').getByText('正在加载，请稍候…').isVisible()).toBe(false);
  expect(await page.locator('.shell__window').innerText()).toBe('教育咨询窗口');
  const retry = page.getByRole('button', { name: '重新加载' });
  const box = (await retry.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  await shot(page, 'shell-failed', { docs: true });
  // The network is back: the reload gets the scripts and the app takes over.
  await page.unroute('**/js/**');
  await retry.click();
  await page.getByTestId('target-path').getByText('教育咨询窗口').waitFor();
  await page.locator('#shell').waitFor({ state: 'detached' });
  await page.context().close();
});

it('opens the rate page from the printed link, hands over from the shell, and takes a ballot to its receipt', async () => {
  const page = await phonePage(browser);
  await page.goto(await printedLink('w121'));
  await page.getByTestId('target-path').getByText('出入境窗口').waitFor();
  // The app routed itself to the rate page and the shell is gone, not merely covered.
  expect(new URL(page.url()).hash).toMatch(/^#\/pages\/rate\/index\?token=/);
  await page.locator('#shell').waitFor({ state: 'detached' });
  await page.getByText('满意', { exact: true }).click();
  await page.getByText('好', { exact: true }).click();
  await page.getByTestId('submit').click();
  await page.getByTestId('receipt').waitFor();
  const tallies = await api.get(`/rounds/${county.roundId}/tallies`, county.admin);
  const target = (tallies.body.targets as Array<{ targetId: string; channels: { window?: { ballots: number } } }>).find((t) => t.targetId === 's12');
  expect(target?.channels.window?.ballots).toBe(1);
  await page.context().close();
});

it('gets out of the way of the app’s own answer to a bad link', async () => {
  const page = await phonePage(browser);
  const forged = county.windowTokens.w111!.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
  await page.goto(`${stack.baseUrl}/?token=${encodeURIComponent(forged)}`);
  await page.getByTestId('landing-error').waitFor();
  await page.locator('#shell').waitFor({ state: 'detached' });
  expect(await page.getByTestId('landing-error').isVisible()).toBe(true);
  await page.context().close();
});
