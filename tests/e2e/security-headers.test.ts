import type { Browser, Page } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { ensureH5Build, H5_DIR, launchChromium, phonePage } from './support/browser';

/**
 * The H5 client works under the Content-Security-Policy the local server sends with it
 * (functions/src/http/security-headers.ts): the app loads, a citizen rates a window and gets a
 * receipt, and the browser reports no violation, neither as a `securitypolicyviolation` event
 * nor as a "Refused to …" console message. A planted inline script shows the policy is enforced
 * and that the listeners hear a violation when there is one.
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

interface Watched {
  page: Page;
  refused: string[];
  violations: () => Promise<Array<{ directive: string; blocked: string }>>;
}

/** A phone page that records every CSP violation event and every "Refused to" console line. */
async function watchedPage(): Promise<Watched> {
  const page = await phonePage(browser);
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Refused to|Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: Array<{ directive: string; blocked: string }> };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI }));
  });
  return { page, refused, violations: () => page.evaluate(() => (window as unknown as { __csp: Array<{ directive: string; blocked: string }> }).__csp) };
}

it('serves the H5 client with nosniff, frame protection, a referrer policy and a CSP with no unsafe-eval', async () => {
  const { page } = await watchedPage();
  const response = await page.goto(`${stack.baseUrl}/`);
  const headers = response!.headers();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  const csp = headers['content-security-policy']!;
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toContain('unsafe-eval');
  await page.close();
});

it('loads the app and takes a ballot to its receipt with no CSP violation', async () => {
  const { page, refused, violations } = await watchedPage();
  await page.goto(`${stack.baseUrl}/#/pages/rate/index?token=${encodeURIComponent(county.windowTokens.w111!)}`);
  await page.getByTestId('target-path').getByText('户政1号窗口').waitFor();
  await page.getByText('满意', { exact: true }).click();
  await page.getByText('好', { exact: true }).click();
  await page.locator('textarea').fill('办事很快');
  await page.getByTestId('submit').click();
  await page.getByTestId('receipt').waitFor();
  expect((await page.getByTestId('receipt-id').textContent())?.trim()).toMatch(/\S{4,}/);
  const tallies = await api.get(`/rounds/${county.roundId}/tallies`, county.admin);
  const s11 = (tallies.body.targets as Array<{ targetId: string; channels: { window?: { ballots: number } } }>).find((t) => t.targetId === 's11');
  expect(s11?.channels.window?.ballots).toBe(1);
  expect({ violations: await violations(), refused }).toEqual({ violations: [], refused: [] });

  // The control: an inline script planted after load is refused and heard by both listeners.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__planted = 1';
    document.body.appendChild(s);
  });
  await page.waitForFunction(() => (window as unknown as { __csp: unknown[] }).__csp.length > 0, undefined, { timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { __planted?: number }).__planted)).toBeUndefined();
  expect((await violations()).map((v) => v.directive)).toEqual([expect.stringMatching(/^script-src/)]);
  const deadline = Date.now() + 30_000;
  while (refused.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.every((m) => m.includes('script-src'))).toBe(true);
  await page.close();
});

it('opens the office login page with no CSP violation', async () => {
  const { page, refused, violations } = await watchedPage();
  await page.goto(`${stack.baseUrl}/#/pages/index/index`);
  await page.waitForLoadState('networkidle');
  expect(await page.locator('#app').innerHTML()).not.toBe('');
  expect({ violations: await violations(), refused }).toEqual({ violations: [], refused: [] });
  await page.close();
});
