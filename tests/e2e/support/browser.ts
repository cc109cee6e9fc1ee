import { execFileSync, execSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../../..');
export const H5_DIR = path.join(ROOT, 'dist/h5');
const ARTIFACTS = path.join(ROOT, 'test-artifacts/screenshots');
const DOCS = path.join(ROOT, 'docs/screenshots');

/** Builds the H5 client once when the test run finds no build (CI builds it before). */
export function ensureH5Build(): void {
  if (existsSync(path.join(H5_DIR, 'index.html'))) return;
  execFileSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
}

/** Debian's chromium through playwright-core; flags per docs (no sandbox in containers, no network chatter). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/bash' }).trim();
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A phone-sized page: the layout is designed for it and the screenshots show what citizens see. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
  // Every tap, fill and wait without its own deadline gets a minute: Playwright's 30 s default ran
  // out while a re-rendered form was replaced at a load average of 20.
  context.setDefaultTimeout(60_000);
  // Every error notice a screen shows is reported too: a step that times out then says what the
  // screen said instead (the notices are the admin pages' only trace of a refused action).
  await context.addInitScript(() => {
    const said = new WeakMap<Element, string>();
    new MutationObserver(() => {
      for (const n of Array.from(document.querySelectorAll('.notice--error'))) {
        const t = n.textContent ?? '';
        if (said.get(n) !== t) {
          said.set(n, t);
          console.warn(`[notice] ${t}`);
        }
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const page = await context.newPage();
  // One line each on stderr (not console.error, which jest wraps in a stack trace): page errors,
  // console errors, error notices, server errors with their route, requests left unanswered.
  const say = (line: string) => process.stderr.write(`[browser ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  page.on('pageerror', (e) => say(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') {
      const at = m.location().url;
      if (at.endsWith('/favicon.ico')) return; // the browser's own guess; the app declares no icon
      say(`console: ${m.text()}${at ? ` (${at.replace(/^https?:\/\/[^/]+/, '')})` : ''}`);
    }
    else if (m.type() === 'warning' && m.text().startsWith('[notice]')) say(`${m.text()} (on ${new URL(page.url()).hash.split('?')[0]})`);
  });
  page.on('response', (r) => {
    if (r.status() < 500) return;
    const where = `${r.request().method()} ${new URL(r.url()).pathname}`;
    r.text().then(
      (body) => say(`server ${r.status()}: ${where} ${body.slice(0, 300)}`),
      () => say(`server ${r.status()}: ${where}`),
    );
  });
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    // A page closed or navigated away aborts its fetches; that is not a failure of the server.
    if (!why.includes('ERR_ABORTED')) say(`request failed: ${r.method()} ${new URL(r.url()).pathname}: ${why}`);
  });
  return page;
}

/**
 * Saves a full-page screenshot under test-artifacts/screenshots; `docs` also copies it to
 * docs/screenshots for the README, but only in `npm run screenshots` (DOCS_SCREENSHOTS=1): a test
 * run leaves the working tree as it found it (pages show dates and hashes, so every run differs).
 */
export async function shot(page: Page, name: string, opts: { docs?: boolean } = {}): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (opts.docs && process.env.DOCS_SCREENSHOTS === '1') {
    mkdirSync(DOCS, { recursive: true });
    copyFileSync(file, path.join(DOCS, `${name}.png`));
  }
}

/** Opens a link as a phone user does, in a fresh document (a hash change alone would stack pages). */
export async function visit(page: Page, url: string, readyTestId: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.locator(`[data-testid="${readyTestId}"]:visible`).first().waitFor({ timeout: 60_000 });
}
