import { loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { httpClient, expectStatus } from './http';
import { devEvaluator, directWrite, plan } from './ballots';
import { bulkPhase, type PhaseContext } from './phases';
import { summarise, timeSequential, type LatencySummary } from './pool';
import { machine } from './report';
import { seedRound } from './seed';
import { startBenchStack } from './stack';
import { roundTallies } from '../functions/src/domain/tallies';
import { composeFacts, roundFacts, roundSources } from '../functions/src/domain/round-facts';
import { roundResults, score, withImportClashes } from '../functions/src/domain/results';
import { recount } from '../functions/src/domain/recount';

/**
 * Results at scale (issue 18): GET /api/rounds/:id/results and …/tallies for the same targets
 * after a small and a large number of ballots, over HTTP, and the ratio of the two p50s — the
 * reads must stay flat as ballots grow. Also times the first read after a load, reads right after
 * one more ballot (the counters that ballot added to are read again, then the engine scores:
 * tally-cache/, results-cache/), and the parts a call is made of. Exits 1 when the tallies do not
 * add up to the ballots written, a remembered result differs from one computed from scratch, the
 * recount finds a mismatch, or a request failed.
 */
interface Options {
  targets: number;
  small: number;
  large: number;
  calls: number;
  shards: number;
  recount: boolean;
  out: string;
}

const DEFAULTS: Options = { targets: 1000, small: 10_000, large: 100_000, calls: 30, shards: 4, recount: true, out: 'bench/results/results-scale.json' };
const QUICK: Partial<Options> = { targets: 100, small: 1_000, large: 10_000, calls: 15 };
const GOAL_P50_MS = 100;
const GOAL_RATIO = 1.2;
/** Reads right after one more ballot, at each size. */
const AFTER_BALLOT = 10;

const USAGE = 'usage: tsx bench/results-scale.ts [--quick] [--targets N] [--small N] [--large N] [--calls N] [--shards N] [--no-recount] [--out FILE]';

function parse(argv: string[]): Options {
  const o: Options = { ...DEFAULTS, ...(argv.includes('--quick') ? QUICK : {}) };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    if (flag === '--quick') continue;
    if (flag === '--no-recount') {
      o.recount = false;
      continue;
    }
    if (flag === '--out') {
      o.out = inline ?? argv[++i] ?? '';
      continue;
    }
    const key = ({ '--targets': 'targets', '--small': 'small', '--large': 'large', '--calls': 'calls', '--shards': 'shards' } as const)[flag as '--targets'];
    const n = Number(inline ?? argv[++i]);
    if (!key || !Number.isInteger(n) || n < 1) {
      process.stderr.write(`${USAGE}\n`);
      process.exit(2);
    }
    o[key] = n;
  }
  if (o.large <= o.small) throw new Error('--large must exceed --small');
  return o;
}

const log = (msg: string) => process.stderr.write(`[results-scale ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const f1 = (x: number) => x.toFixed(1);

interface AtSize {
  ballots: number;
  counted: number;
  responseKB: number;
  /** The first read after the load: versions changed, so it reads every counter and remembers. */
  firstReadMs: number;
  tallies: LatencySummary;
  results: LatencySummary;
  /** A ballot is written, then the tallies read: the counter it added to is read again. */
  afterBallot: LatencySummary;
  /** A ballot is written, then the results read: that counter, then the engine on every target. */
  resultsAfterBallot: LatencySummary;
  /** The remembered result equals one computed from scratch (every source and counter read afresh). */
  sameAsScratch: boolean;
  /** In-process, for the breakdown. */
  parts: {
    resultsRemembered: LatencySummary;
    sources: LatencySummary;
    engine: LatencySummary;
    fresh: LatencySummary;
    getRound: LatencySummary;
    readVersions: LatencySummary;
    readTallies: LatencySummary;
    listNodes: LatencySummary;
  };
}

async function measure(ctx: PhaseContext, o: Options, written: () => number, oneBallot: () => Promise<void>): Promise<AtSize> {
  const { deps } = ctx.stack;
  const { round, admin } = ctx.seeded;
  const get = async (what: 'tallies' | 'results') => expectStatus(await ctx.api.get(`/rounds/${round.id}/${what}`, admin), 200, what).body;
  const t0 = performance.now();
  const first = await get('tallies');
  const firstReadMs = performance.now() - t0;
  const tallies = await timeSequential(o.calls, 2, async () => void (await get('tallies')));
  const results = await timeSequential(o.calls, 2, async () => void (await get('results')));
  const after: number[] = [];
  const resultsAfter: number[] = [];
  for (let i = 0; i < AFTER_BALLOT; i++) {
    await oneBallot();
    let t = performance.now();
    await get('tallies');
    after.push(performance.now() - t);
    await oneBallot();
    t = performance.now();
    await get('results');
    resultsAfter.push(performance.now() - t);
  }
  const scratch = async () => {
    const { scheme, facts, clashes } = await roundFacts(deps, round.id, { fresh: true });
    return withImportClashes(score(scheme, facts, 'list'), clashes);
  };
  const sameAsScratch = JSON.stringify(await get('results')) === JSON.stringify(await scratch());
  const last = await get('tallies');
  const counted = (last.targets as Array<{ channels: Record<string, { ballots: number }> }>).reduce((s, t) => s + Object.values(t.channels).reduce((a, c) => a + c.ballots, 0), 0);
  const n = Math.max(5, Math.floor(o.calls / 3));
  const sources = await roundSources(deps, round.id);
  const { scheme, facts } = composeFacts(sources);
  const parts = {
    resultsRemembered: await timeSequential(n, 1, async () => void (await roundResults(deps, round.id))),
    sources: await timeSequential(n, 1, async () => void (await roundSources(deps, round.id))),
    engine: await timeSequential(n, 1, async () => void score(scheme, facts, 'list')),
    fresh: await timeSequential(n, 1, async () => void (await roundTallies(deps, round.id, { fresh: true }))),
    getRound: await timeSequential(n, 1, async () => void (await deps.store.rounds.getRound(round.id))),
    readVersions: await timeSequential(n, 1, async () => void (await deps.store.versions.readVersions(round.id))),
    readTallies: await timeSequential(n, 1, async () => void (await deps.store.ballots.readTallies(round.id, round.tallyShards))),
    listNodes: await timeSequential(n, 1, async () => void (await deps.store.org.listNodesOfKind(round.targetKind))),
  };
  return { ballots: written(), counted, responseKB: Buffer.byteLength(JSON.stringify(first)) / 1024, firstReadMs, tallies, results, afterBallot: summarise(after), resultsAfterBallot: summarise(resultsAfter), sameAsScratch, parts };
}

function report(o: Options, small: AtSize, large: AtSize, extra: { loadStart: number[]; seedSeconds: number[]; recount?: { ballots: number; mismatches: number; seconds: number }; seconds: number }) {
  const ratio = large.results.p50 / small.results.p50;
  const talliesRatio = large.tallies.p50 / small.tallies.p50;
  const m = machine(extra.loadStart);
  const row = (name: string, a: string, b: string) => `${name.padEnd(52)} ${a.padStart(16)} ${b.padStart(16)}`;
  const lat = (s: LatencySummary) => `${f1(s.p50)} / ${f1(s.p99)}`;
  const lines = [
    '',
    `Results at scale — ${o.targets} targets, ${o.shards} tally shards, DynamoDB Local 1.25.1 in memory`,
    `${m.cpus} cores (${m.model}), Node ${m.node}; load average ${m.loadavgStart.map(f1).join('/')} at start, ${m.loadavgEnd.map(f1).join('/')} at end — a shared, busy machine: figures are noisy`,
    `ballots seeded by direct store writes: for each ballot the adapter's own TransactWriteItems items (bench/bulk-load.ts), Puts in BatchWriteItem, tally and tally-version ADDs summed per item (${extra.seedSeconds.map((s) => `${f1(s)} s`).join(' + ')})`,
    '',
    row('ms, p50 / p99 (sequential calls)', `${small.ballots.toLocaleString('en')} ballots`, `${large.ballots.toLocaleString('en')} ballots`),
    row(`GET /api/rounds/:id/results (HTTP, ${o.calls} calls)`, lat(small.results), lat(large.results)),
    row(`results read right after a ballot (HTTP, ${AFTER_BALLOT} calls)`, lat(small.resultsAfterBallot), lat(large.resultsAfterBallot)),
    row(`GET /api/rounds/:id/tallies (HTTP, ${o.calls} calls)`, lat(small.tallies), lat(large.tallies)),
    row(`tallies read right after a ballot (HTTP, ${AFTER_BALLOT} calls)`, lat(small.afterBallot), lat(large.afterBallot)),
    row('first tallies read after the load (HTTP, one call)', f1(small.firstReadMs), f1(large.firstReadMs)),
    row('in-process roundResults, remembered', lat(small.parts.resultsRemembered), lat(large.parts.resultsRemembered)),
    row('  roundSources (round, versions, inputs, voids, …)', lat(small.parts.sources), lat(large.parts.sources)),
    row('  the engine on every target (what a change costs)', lat(small.parts.engine), lat(large.parts.engine)),
    row('in-process roundTallies, fresh (what a changed version costs)', lat(small.parts.fresh), lat(large.parts.fresh)),
    row('  store: getRound (GetItem)', lat(small.parts.getRound), lat(large.parts.getRound)),
    row('  store: readVersions (one BatchGetItem, 33 keys)', lat(small.parts.readVersions), lat(large.parts.readVersions)),
    row(`  store: readTallies (${o.shards} Queries)`, lat(small.parts.readTallies), lat(large.parts.readTallies)),
    row('  store: listNodesOfKind (GSI Query)', lat(small.parts.listNodes), lat(large.parts.listNodes)),
    row('response size', `${f1(small.responseKB)} KB`, `${f1(large.responseKB)} KB`),
    row('ballots counted by the tallies / written', `${small.counted}/${small.ballots}`, `${large.counted}/${large.ballots}`),
    row('remembered result = from scratch', String(small.sameAsScratch), String(large.sameAsScratch)),
    '',
    `goal: results p50 ≤ ${GOAL_P50_MS} ms after ${large.ballots.toLocaleString('en')} ballots: ${f1(large.results.p50)} ms — ${large.results.p50 <= GOAL_P50_MS ? 'met' : 'NOT met'}`,
    `goal: results t(${large.ballots.toLocaleString('en')}) / t(${small.ballots.toLocaleString('en')}) ≤ ${GOAL_RATIO} (p50s): ${ratio.toFixed(2)} — ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'}`,
    `tallies p50 ${f1(large.tallies.p50)} ms after ${large.ballots.toLocaleString('en')} ballots (goal ≤ ${GOAL_P50_MS}: ${large.tallies.p50 <= GOAL_P50_MS ? 'met' : 'NOT met'}); ratio ${talliesRatio.toFixed(2)} (goal ≤ ${GOAL_RATIO}: ${talliesRatio <= GOAL_RATIO ? 'met' : 'NOT met'})`,
    extra.recount ? `recount from the raw ballots: ${extra.recount.ballots} ballots, ${extra.recount.mismatches} mismatches (${f1(extra.recount.seconds)} s)` : 'recount skipped (--no-recount)',
    `whole run ${extra.seconds.toFixed(0)} s`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  return { ratio, talliesRatio, machine: m };
}

async function main(o: Options): Promise<number> {
  const loadStart = loadavg();
  const started = performance.now();
  log('starting DynamoDB Local (in memory) and the app');
  const stack = await startBenchStack('off');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stack.ddb.stop().finally(() => process.exit(130)));
  const api = httpClient(stack.baseUrl, 8);
  try {
    log(`seeding ${o.targets} sections (+1 window each) and an open round through the admin API`);
    const seeded = await seedRound(api, o.targets, o.shards);
    const ctx: PhaseContext = { stack, api, seeded };
    let written = 0;
    let extraBallots = 0;
    const oneBallot = async () => {
      // Through the adapter's own transaction (tally + tally version), as a live ballot would be.
      const w = directWrite(stack.deps, seeded.round, seeded.targets[extraBallots % seeded.targets.length]!, devEvaluator(stack.deps, `live-${extraBallots}`), seeded.samplingToken, extraBallots);
      extraBallots++;
      const r = await stack.deps.store.ballots.writeBallot(w);
      if (r.kind !== 'accepted') throw new Error(`live ballot: ${r.kind}`);
      written++;
    };
    const load = async (prefix: string, n: number) => {
      const t = performance.now();
      const r = await bulkPhase(ctx, plan(prefix, n, seeded.targets.length), 32);
      if (r.errors > 0) throw new Error(`bulk load: ${r.errors} errors, first: ${r.firstError}`);
      written += r.count;
      return (performance.now() - t) / 1000;
    };
    log(`loading ${o.small} ballots`);
    const s1 = await load('small', o.small);
    log(`timing at ${written} ballots`);
    const small = await measure(ctx, o, () => written, oneBallot);
    log(`loading ${o.large - written} more ballots`);
    const s2 = await load('large', o.large - written);
    log(`timing at ${written} ballots`);
    const large = await measure(ctx, o, () => written, oneBallot);
    let audit: { ballots: number; mismatches: number; seconds: number } | undefined;
    if (o.recount) {
      log('recount from the raw ballots');
      const t = performance.now();
      const r = await recount(stack.deps, seeded.round.id);
      audit = { ballots: r.ballots, mismatches: r.mismatches.length, seconds: (performance.now() - t) / 1000 };
    }
    const { ratio, talliesRatio, machine: m } = report(o, small, large, { loadStart, seedSeconds: [s1, s2], recount: audit, seconds: (performance.now() - started) / 1000 });
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, JSON.stringify({ when: new Date().toISOString(), machine: m, options: o, small, large, ratio, talliesRatio, goals: { p50Ms: GOAL_P50_MS, ratio: GOAL_RATIO }, recount: audit }, null, 2) + '\n');
    log(`figures written to ${o.out}`);
    const wrong = !small.sameAsScratch || !large.sameAsScratch || small.counted !== small.ballots || large.counted !== large.ballots || (audit !== undefined && (audit.mismatches > 0 || audit.ballots !== written)) || stack.appErrors.length > 0;
    if (stack.appErrors.length > 0) log(`the app logged errors: ${JSON.stringify(stack.appErrors).slice(0, 1000)}`);
    return wrong ? 1 : 0;
  } finally {
    api.close();
    await stack.close();
  }
}

main(parse(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
