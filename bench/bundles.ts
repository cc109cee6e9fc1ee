/**
 * `npx tsx bench/bundles.ts [--runs N] [--out DIR]`: builds each Lambda bundle with esbuild, prints
 * its size, then measures module init — `node -e "require('<bundle>')"` spawned N times, median
 * wall time minus the median of a bare `node -e ''` — with the environment the module needs.
 * Budgets (issue 8): ≤ 1 MB and ≤ 150 ms each; exits 1 when one is over.
 * From bench/run.ts: `import { benchBundles } from './bundles'` and print its rows.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildAllBundles, largestPackages, MAX_BUNDLE_BYTES } from '../scripts/lambda/bundles';

export const MAX_INIT_MS = 150;

/** What a Lambda's init sees: region, table and keys set; no network is touched by init. */
const LAMBDA_ENV = {
  TABLE_NAME: 'pingyi-bench',
  AWS_REGION: 'cn-north-1',
  TOKEN_SECRET: 'bench-token-key',
  PSEUDONYM_SECRET: 'bench-pseudonym-key',
  SESSION_SECRET: 'bench-session-key',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

export interface BundleRow {
  name: string;
  bytes: number;
  /** Median spawn time minus median bare-node time: the figure the budget applies to. */
  initMs: number;
  /** Fastest spawn minus fastest bare node: what an unloaded machine gets closer to. */
  minInitMs: number;
  /** Median CPU time (user + system) of the require() itself, measured inside the child: the
   * figure least distorted by other processes competing for the cores. */
  cpuInitMs: number;
  baselineMs: number;
  /** 1-minute load average while measuring: on a shared machine, read the figures with it. */
  load: number;
  /** CPU ms of a fixed 1e8-iteration loop: a yardstick to compare this machine with another. */
  referenceLoopMs: number;
  runs: number;
  largest: Array<[string, number]>;
  withinBudget: boolean;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Spawns `node -e code` `runs` times: wall times, and whatever the child printed as a number. */
function spawnMs(code: string, runs: number): { median: number; min: number; printed: number[] } {
  const times: number[] = [];
  const printed: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, ['-e', code], { env: { ...process.env, ...LAMBDA_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    times.push(performance.now() - started);
    if (r.status !== 0) throw new Error(`node -e ${code} failed: ${r.stderr.toString().slice(0, 500)}`);
    const out = Number(r.stdout.toString().trim());
    if (r.stdout.length > 0 && Number.isFinite(out)) printed.push(out);
  }
  return { median: median(times), min: Math.min(...times), printed };
}

const requireMeasured = (file: string) =>
  `const c=process.cpuUsage();require(${JSON.stringify(file)});const u=process.cpuUsage(c);process.stdout.write(String((u.user+u.system)/1000))`;

/** A fixed amount of CPU work (a modern desktop core does it in well under 100 ms on Node 20). */
function cpuReferenceMs(): number {
  const started = process.cpuUsage();
  let x = 0;
  for (let i = 0; i < 1e8; i++) x += i;
  if (x < 0) throw new Error('unreachable'); // keeps the loop from being optimised away
  return process.cpuUsage(started).user / 1000;
}

export async function benchBundles(runs = 15, outDir?: string): Promise<BundleRow[]> {
  const dir = outDir ?? mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  try {
    const built = await buildAllBundles(dir);
    const baseline = spawnMs('', runs);
    const referenceLoopMs = cpuReferenceMs();
    return built.map((b) => {
      const spawned = spawnMs(requireMeasured(b.file), runs);
      const initMs = spawned.median - baseline.median;
      return { name: b.fn.name, bytes: b.bytes, initMs, minInitMs: spawned.min - baseline.min, cpuInitMs: median(spawned.printed), baselineMs: baseline.median, load: loadavg()[0]!, referenceLoopMs, runs, largest: largestPackages(b.metafile, 4), withinBudget: b.bytes <= MAX_BUNDLE_BYTES && initMs <= MAX_INIT_MS };
    });
  } finally {
    if (!outDir) rmSync(dir, { recursive: true, force: true });
  }
}

export function formatBundleRows(rows: BundleRow[]): string {
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  const lines = [`Lambda bundles (budget ≤ ${kb(MAX_BUNDLE_BYTES)}, init ≤ ${MAX_INIT_MS} ms; init = median of ${rows[0]?.runs} spawns minus bare node ${rows[0]?.baselineMs.toFixed(0)} ms; load average ${rows[0]?.load.toFixed(1)}; CPU yardstick: 1e8-step loop ${rows[0]?.referenceLoopMs.toFixed(0)} ms)`];
  for (const r of rows)
    lines.push(`  ${r.name.padEnd(8)} ${kb(r.bytes).padStart(8)}  init ${r.initMs.toFixed(0).padStart(4)} ms (fastest ${r.minInitMs.toFixed(0)} ms, CPU ${r.cpuInitMs.toFixed(0)} ms)  ${r.withinBudget ? 'ok  ' : 'OVER'}  largest: ${r.largest.map(([p, n]) => `${p} ${kb(n)}`).join(', ')}`);
  return lines.join('\n');
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  benchBundles(Number(arg('--runs') ?? 15), arg('--out'))
    .then((rows) => {
      console.log(formatBundleRows(rows));
      process.exit(rows.every((r) => r.withinBudget) ? 0 : 1);
    })
    .catch((e) => {
      console.error(e);
      process.exit(2);
    });
}
