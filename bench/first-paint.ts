/**
 * `npx tsx bench/first-paint.ts [--h5 DIR] [--runs N] [--out FILE] [--hash-links]`: the citizen's first seconds
 * on a slow phone network, in real Chromium (Debian's, through playwright-core) with CDP network
 * emulation (Network.emulateNetworkConditions) and the CPU as it is.
 *
 * The whole product runs as `npm start --memory` does (DynamoDB Local, the demo county, the H5
 * build from DIR, default dist/h5). Per network profile and run, a fresh browser context (empty
 * cache, new connections) opens a window's QR link (the demo's own, as printed) and measures:
 *  - first meaningful paint: the window's name on screen (checked every animation frame from
 *    navigation start; the shell's `elementtiming` entry too when the build has one);
 *  - scan → receipt: the same navigation until the receipt shows, the form answered by the
 *    script as fast as it can (first option of every item, then 提交);
 *  - bytes: what crossed the (emulated) network until the name, and until the receipt;
 *  - a second visit in the same context: the bytes again (a cached build costs little).
 * `--hash-links` opens `/#/pages/rate/index?token=…` (the links printed before the shell) instead
 * of the demo's link: for measuring an older build, which cannot route `/?token=…`.
 * Budgets (issue 18): name ≤ 1.5 s at 1.6 Mb/s / 150 ms, ≤ 4 s at 400 kb/s / 400 ms;
 * scan → receipt ≤ 5 s at 1.6 Mb/s. Prints medians vs budgets; exits 1 when one is missed.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { startLocal } from '../functions/src/local/server';
import { launchChromium } from '../tests/e2e/support/browser';

const ROOT = resolve(__dirname, '..');

interface Profile {
  name: string;
  /** bits per second */
  down: number;
  up: number;
  latencyMs: number;
  budgets: { nameMs: number; receiptMs?: number };
}

export const PROFILES: Profile[] = [
  { name: '1.6 Mb/s, 150 ms', down: 1_600_000, up: 750_000, latencyMs: 150, budgets: { nameMs: 1500, receiptMs: 5000 } },
  { name: '400 kb/s, 400 ms', down: 400_000, up: 400_000, latencyMs: 400, budgets: { nameMs: 4000 } },
];

interface Run {
  fcpMs?: number;
  nameMs?: number;
  /** Element Timing of the shell's name, when the build has the shell. */
  shellNameMs?: number;
  receiptMs?: number;
  bytesToName: number;
  bytesToReceipt: number;
  scriptBytesToReceipt: number;
  requestsToReceipt: number;
  /** The build's script files fetched until the receipt (code splitting: no staff or admin page). */
  scriptFilesToReceipt: string[];
  repeatBytes: number;
  repeatNameMs?: number;
}

export interface FirstPaintRow {
  profile: string;
  runs: Run[];
  median: { fcpMs?: number; nameMs?: number; receiptMs?: number; bytesToName: number; bytesToReceipt: number; scriptBytesToReceipt: number; repeatBytes: number; repeatNameMs?: number };
  budgets: Profile['budgets'];
  withinBudget: boolean;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const log = (msg: string) => process.stderr.write(`[first-paint ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

function median(xs: Array<number | undefined>): number | undefined {
  const v = xs.filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : undefined;
}

/** Bytes on the wire per request (CDP encodedDataLength), from now until `take()`. */
function meterBytes(cdp: CDPSession) {
  const types = new Map<string, string>();
  const urls = new Map<string, string>();
  const scriptFiles = new Set<string>();
  let total = 0;
  let scripts = 0;
  let requests = 0;
  cdp.on('Network.responseReceived', (e) => {
    types.set(e.requestId, e.type);
    urls.set(e.requestId, e.response.url);
  });
  cdp.on('Network.loadingFinished', (e) => {
    total += e.encodedDataLength;
    requests += 1;
    if (types.get(e.requestId) !== 'Script') return;
    scripts += e.encodedDataLength;
    scriptFiles.add(new URL(urls.get(e.requestId)!).pathname.slice(1));
  });
  return () => ({ total, scripts, requests, scriptFiles: [...scriptFiles].sort() });
}

/** Records, in the page, when `name` first shows (every frame) and the shell's element timing. */
function watchName(name: string): string {
  return `(() => {
    const w = window;
    w.__fp = {};
    try {
      new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.identifier === 'shell-name' && w.__fp.shell === undefined) w.__fp.shell = e.renderTime || e.loadTime; }).observe({ type: 'element', buffered: true });
      new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') w.__fp.fcp = e.startTime; }).observe({ type: 'paint', buffered: true });
    } catch (e) {}
    const tick = () => {
      if (w.__fp.name === undefined && document.body && document.body.innerText.includes(${JSON.stringify(name)})) w.__fp.name = performance.now();
      if (w.__fp.name === undefined) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })();`;
}

async function emulate(page: Page, p: Profile): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: p.latencyMs, downloadThroughput: p.down / 8, uploadThroughput: p.up / 8 });
  return cdp;
}

async function readMarks(page: Page): Promise<{ name?: number; shell?: number; fcp?: number }> {
  return page.evaluate(() => (window as unknown as { __fp: { name?: number; shell?: number; fcp?: number } }).__fp);
}

/** Answers the form the way a hurried citizen would: first option of every item, then 提交. */
async function answerAndSubmit(page: Page): Promise<void> {
  await page.locator('[data-testid^="option-"]').first().waitFor({ timeout: 120_000 });
  const items = page.locator('[data-testid^="item-"]');
  const n = await items.count();
  for (let i = 0; i < n; i++) await items.nth(i).locator('[data-testid^="option-"]').first().click();
  await page.getByTestId('submit').click();
  await page.getByTestId('receipt').waitFor({ timeout: 120_000 });
}

async function oneRun(browser: Browser, p: Profile, url: string, name: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
  try {
    await context.addInitScript(watchName(name));
    const page = await context.newPage();
    const cdp = await emulate(page, p);
    const bytes = meterBytes(cdp);
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    await page.waitForFunction(() => (window as unknown as { __fp?: { name?: number } }).__fp?.name !== undefined, undefined, { timeout: 120_000, polling: 50 });
    const toName = bytes();
    const marks = await readMarks(page);
    await answerAndSubmit(page);
    const receiptMs = await page.evaluate(() => performance.now());
    const toReceipt = bytes();

    // A second visit: the cached build should cost only the HTML and the API answers.
    const again = await context.newPage();
    const cdp2 = await emulate(again, p);
    const repeat = meterBytes(cdp2);
    await again.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    await again.waitForFunction(() => (window as unknown as { __fp?: { name?: number } }).__fp?.name !== undefined, undefined, { timeout: 120_000, polling: 50 });
    const repeatMarks = await readMarks(again);
    await again.locator('[data-testid^="option-"], [data-testid="refusal"], [data-testid="landing-error"]').first().waitFor({ timeout: 120_000 });
    return {
      fcpMs: marks.fcp,
      nameMs: marks.name,
      shellNameMs: marks.shell,
      receiptMs,
      bytesToName: toName.total,
      bytesToReceipt: toReceipt.total,
      scriptBytesToReceipt: toReceipt.scripts,
      requestsToReceipt: toReceipt.requests,
      scriptFilesToReceipt: toReceipt.scriptFiles,
      repeatBytes: repeat().total,
      repeatNameMs: repeatMarks.name,
    };
  } finally {
    await context.close();
  }
}

const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
const s = (ms?: number) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);

/** How much of the build's script the citizen's rate page fetched (the rest: other pages' chunks). */
function codeSplit(h5: string, fetched: string[]): string | undefined {
  const dir = join(h5, 'js');
  if (!existsSync(dir) || fetched.length === 0) return undefined;
  const all = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const size = (f: string) => statSync(join(h5, existsSync(join(h5, `${f}.br`)) ? `${f}.br` : f)).size;
  const total = all.reduce((n, f) => n + size(`js/${f}`), 0);
  const used = fetched.filter((f) => existsSync(join(h5, f))).reduce((n, f) => n + size(f), 0);
  return `Code split: scan → receipt fetched ${fetched.length} of the build's ${all.length} script files (${kb(used)} of ${kb(total)} as brotli): ${fetched.join(', ')}`;
}

export function formatFirstPaint(rows: FirstPaintRow[], h5: string): string {
  const lines = [`First paint and scan → receipt (${h5}; real Chromium, CDP network emulation, CPU as is; median of ${rows[0]?.runs.length ?? 0} cold runs)`];
  lines.push('| network | first paint (FCP) | window name on screen | budget | scan → receipt | budget | bytes to name | bytes to receipt (of which script) | 2nd visit: bytes, name |');
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const m = r.median;
    lines.push(
      `| ${r.profile} | ${s(m.fcpMs)} | ${s(m.nameMs)} | ≤ ${s(r.budgets.nameMs)} | ${s(m.receiptMs)} | ${r.budgets.receiptMs ? `≤ ${s(r.budgets.receiptMs)}` : '—'} | ${kb(m.bytesToName)} | ${kb(m.bytesToReceipt)} (${kb(m.scriptBytesToReceipt)}) | ${kb(m.repeatBytes)}, ${s(m.repeatNameMs)} |`,
    );
  }
  const split = codeSplit(h5, rows[0]?.runs[0]?.scriptFilesToReceipt ?? []);
  if (split) lines.push(split);
  lines.push(rows.every((r) => r.withinBudget) ? 'All within budget.' : `Over budget: ${rows.filter((r) => !r.withinBudget).map((r) => r.profile).join('; ')}`);
  return lines.join('\n') + '\n';
}

export async function benchFirstPaint(opts: { h5: string; runs: number; hashLinks?: boolean }): Promise<FirstPaintRow[]> {
  if (!existsSync(join(opts.h5, 'index.html'))) throw new Error(`no H5 build in ${opts.h5}: run \`npm run build:h5\` first`);
  log(`starting DynamoDB Local (in memory), the demo county and the app serving ${opts.h5}`);
  const stack = await startLocal({ memory: true, dataDir: join(ROOT, '.data'), port: 0, staticDir: opts.h5, tableName: 'first-paint', env: { AUTH_DEV_LOGIN: '1', PUBLIC_BASE_URL: 'http://printed.example' } });
  const browser = await launchChromium();
  try {
    const windows = stack.demo!.windowTokens;
    const rows: FirstPaintRow[] = [];
    let w = 0;
    for (const p of PROFILES) {
      const runs: Run[] = [];
      for (let i = 0; i < opts.runs; i++) {
        // A different window each run: the demo round takes one ballot per person and window a day.
        const win = windows[w++ % windows.length]!;
        const printed = new URL(win.url);
        const url = opts.hashLinks ? `${stack.url}/#/pages/rate/index?token=${encodeURIComponent(win.scene)}` : `${stack.url}${printed.pathname}${printed.search}${printed.hash}`;
        const run = await oneRun(browser, p, url, win.name);
        log(`${p.name} run ${i + 1}: name ${s(run.nameMs)}, receipt ${s(run.receiptMs)}, ${kb(run.bytesToReceipt)} (load ${loadavg()[0]!.toFixed(1)})`);
        runs.push(run);
      }
      const m = {
        fcpMs: median(runs.map((r) => r.fcpMs)),
        nameMs: median(runs.map((r) => r.nameMs)),
        receiptMs: median(runs.map((r) => r.receiptMs)),
        bytesToName: median(runs.map((r) => r.bytesToName))!,
        bytesToReceipt: median(runs.map((r) => r.bytesToReceipt))!,
        scriptBytesToReceipt: median(runs.map((r) => r.scriptBytesToReceipt))!,
        repeatBytes: median(runs.map((r) => r.repeatBytes))!,
        repeatNameMs: median(runs.map((r) => r.repeatNameMs)),
      };
      const within = m.nameMs !== undefined && m.nameMs <= p.budgets.nameMs && (p.budgets.receiptMs === undefined || (m.receiptMs !== undefined && m.receiptMs <= p.budgets.receiptMs));
      rows.push({ profile: p.name, runs, median: m, budgets: p.budgets, withinBudget: within });
    }
    return rows;
  } finally {
    await browser.close();
    await stack.stop();
  }
}

async function main(): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const h5 = resolve(arg('--h5') ?? join(ROOT, 'dist/h5'));
  const runs = Number(arg('--runs') ?? 3);
  const out = arg('--out') ?? join(ROOT, 'bench/results/first-paint.json');
  const load = loadavg()[0]!;
  const rows = await benchFirstPaint({ h5, runs, hashLinks: process.argv.includes('--hash-links') });
  process.stdout.write(formatFirstPaint(rows, h5));
  process.stdout.write(`Load average (1 min) at start ${load.toFixed(1)}, at end ${loadavg()[0]!.toFixed(1)} on ${require('node:os').cpus().length} cores: a shared machine stretches every figure.\n`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ when: new Date().toISOString(), h5, rows }, null, 2));
  return rows.every((r) => r.withinBudget) ? 0 : 1;
}

if (require.main === module)
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
