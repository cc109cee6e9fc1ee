import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import type { BenchOptions } from './args';
import type { LatencySummary, PoolResult } from './pool';
import type { MeteredResult } from './metered';
import type { TallyTiming } from './phases';
import type { RecountReport } from '../functions/src/domain/recount';

export interface BenchResults {
  when: string;
  machine: { cpus: number; model: string; node: string; loadavgStart: number[]; loadavgEnd: number[] };
  options: BenchOptions;
  store: string;
  http: MeteredResult;
  window: MeteredResult;
  domain: MeteredResult;
  direct: MeteredResult;
  ratio: { httpOverDirect: number; domainOverDirect: number; windowOverDirect: number; perRepeat: Array<{ direct: number; domain: number; http: number; window: number }>; goal: number };
  load: MeteredResult & { mode: BenchOptions['load']; method: string; tallyUpdates?: number; tallySeconds?: number };
  recount?: RecountReport & { seconds: number };
  tallies: TallyTiming & { goalMs: number; ballotsExpected: number; withoutSdkLogFilter?: { latency: LatencySummary; nodeCpuMsPerCall: number } };
  seconds: number;
}

export function machine(loadavgStart: number[]): BenchResults['machine'] {
  return { cpus: cpus().length, model: cpus()[0]?.model ?? '?', node: process.version, loadavgStart, loadavgEnd: loadavg() };
}

const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
const lpad = (s: string, n: number) => ' '.repeat(Math.max(0, n - s.length)) + s;

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? pad(c, widths[i]!) : lpad(c, widths[i]!))).join('  ');
}

export function formatTable(r: BenchResults): string {
  const w = [44, 8, 8, 10, 9, 9, 7];
  const phase = (name: string, p: PoolResult, conc: number) =>
    row([name, String(p.count), f1(p.seconds), f0(p.perSecond), f1(p.latency.p50), f1(p.latency.p99), String(conc)], w);
  const t = r.tallies;
  const lines = [
    '',
    `Ballot pipeline bench — ${r.store}`,
    `${r.machine.cpus} cores (${r.machine.model}), Node ${r.machine.node}; load average ${r.machine.loadavgStart.map(f1).join('/')} at start, ${r.machine.loadavgEnd.map(f1).join('/')} at end (shared machine: noisy)`,
    `ballot rate limits (BALLOT_RATE_LIMITS): ${r.options.rateLimits}`,
    '',
    row(['write path', 'ballots', 'seconds', 'ballots/s', 'p50 ms', 'p99 ms', 'conc'], w),
    row(['-'.repeat(44), '-'.repeat(8), '-'.repeat(8), '-'.repeat(10), '-'.repeat(9), '-'.repeat(9), '-'.repeat(7)], w),
    phase('1. HTTP: POST /api/ballots on loopback', r.http, r.options.concurrency),
    phase('   HTTP, window QR channel', r.window, r.options.concurrency),
    phase('   in-process submitBallot (no HTTP)', r.domain, r.options.concurrency),
    phase('2. direct: DynamoBallotStore.writeBallot', r.direct, r.options.concurrency),
    r.load.mode === 'transact'
      ? phase('   bulk load (writeBallot each)', r.load, r.options.loadConcurrency)
      : row(['   bulk load (batched, see below)', String(r.load.count), f1(r.load.seconds), f0(r.load.perSecond), '—', '—', String(r.options.loadConcurrency)], w),
    '',
    `3. ratio HTTP / direct = ${r.ratio.httpOverDirect.toFixed(2)}   (goal ≥ ${r.ratio.goal}: ${r.ratio.httpOverDirect >= r.ratio.goal ? 'met' : 'NOT met'}); window channel ${r.ratio.windowOverDirect.toFixed(2)}; in-process submitBallot ${r.ratio.domainOverDirect.toFixed(2)}`,
    `   medians of ${r.ratio.perRepeat.length} interleaved repeats; per repeat HTTP/direct: ${r.ratio.perRepeat.map((x) => (x.http / x.direct).toFixed(2)).join(', ')} (ballots/s ${r.ratio.perRepeat.map((x) => `${f0(x.http)}/${f0(x.direct)}`).join(', ')})`,
    '',
    `4. results for ${t.targetsListed} targets after ${t.ballotsCounted.toLocaleString('en')} ballots (expected ${t.ballotsExpected.toLocaleString('en')}: ${t.ballotsCounted === t.ballotsExpected ? 'match' : 'MISMATCH'}); ${r.options.tallyCalls} sequential calls each, after 2 untimed`,
    row(['results path', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'], [44, 8, 8, 10, 9]),
    row(['GET /api/rounds/:id/tallies (HTTP)', f1(t.http.p50), f1(t.http.p90), f1(t.http.p99), f1(t.http.max)], [44, 8, 8, 10, 9]),
    row(['roundTallies (in-process)', f1(t.domain.p50), f1(t.domain.p90), f1(t.domain.p99), f1(t.domain.max)], [44, 8, 8, 10, 9]),
    `   goal ≤ ${t.goalMs} ms at p50: ${t.http.p50 <= t.goalMs ? 'met' : 'NOT met'}; response ${(t.responseBytes / 1024).toFixed(0)} KB`,
    `   inside a call (run in parallel): listNodes p50 ${f1(t.breakdown.listNodes.p50)} ms (${t.breakdown.nodes} org nodes, one Query), readTallies p50 ${f1(t.breakdown.readTallies.p50)} ms (${t.breakdown.targetChannels} target×channel rows × ${r.options.shards} shards, ${r.options.shards} Queries);`,
    `   this process's CPU per roundTallies call ${f1(t.breakdown.nodeCpuMsPerCall)} ms (SDK parse/unmarshal + fold + sort): the rest is DynamoDB Local`,
    `   with ${r.options.tallyCalls} samples p99 is the slowest call.`,
    ...(t.withoutSdkLogFilter
      ? [
          `   what-if (not the app as shipped): roundTallies with the SDK's loggerMiddleware removed: p50 ${f1(t.withoutSdkLogFilter.latency.p50)} ms, p99 ${f1(t.withoutSdkLogFilter.latency.p99)} ms, CPU ${f1(t.withoutSdkLogFilter.nodeCpuMsPerCall)} ms a call`,
        ]
      : []),
    '',
    'store round trips per accepted ballot (mean ms each; conflicts = transactions retried after TransactionConflict):',
    storeLine('HTTP', r.http),
    storeLine('HTTP window', r.window),
    storeLine('in-process', r.domain),
    storeLine('direct', r.direct),
    storeLine('bulk load', r.load),
    '',
    `   bulk load (${r.load.mode}): ${r.load.method}.`,
    ...(r.load.tallyUpdates !== undefined ? [`   ${r.load.tallyUpdates} summed tally updates took ${f1(r.load.tallySeconds ?? 0)} s of it.`] : []),
    r.recount
      ? `   recount from raw ballots: ${r.recount.ballots} ballots, ${r.recount.tallied} tallied, ${r.recount.mismatches.length} mismatches, ${f1(r.recount.seconds)} s`
      : '   recount skipped (--no-recount)',
    `   errors: HTTP ${r.http.errors}, window ${r.window.errors}, in-process ${r.domain.errors}, direct ${r.direct.errors}, load ${r.load.errors}${firstError(r)}`,
    `   whole run ${f0(r.seconds)} s`,
    '',
  ];
  return lines.join('\n');
}

function storeLine(name: string, p: MeteredResult): string {
  const per = Object.entries(p.store.calls)
    .map(([cmd, n]) => `${cmd} ${(n / Math.max(1, p.count)).toFixed(2)} (${p.store.meanMs[cmd]} ms)`)
    .join(', ');
  return `   ${pad(name, 11)} ${per}; conflicts ${p.store.conflicts}`;
}

function firstError(r: BenchResults): string {
  const e = r.http.firstError ?? r.window.firstError ?? r.domain.firstError ?? r.direct.firstError ?? r.load.firstError;
  return e ? ` — first: ${e}` : '';
}

export function writeJson(path: string, r: BenchResults): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(r, (k, v) => (k === 'samples' ? undefined : v), 2) + '\n');
}
