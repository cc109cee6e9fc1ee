import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs, UsageError, USAGE, WARMUP_BALLOTS, type BenchOptions } from './args';
import { plan } from './ballots';
import { httpClient } from './http';
import { bulkPhase, directPhase, domainPhase, httpPhase, httpWindowPhase, recountPhase, talliesPhase, talliesWithoutSdkLogFilter, type PhaseContext } from './phases';
import { formatTable, machine, writeJson, type BenchResults } from './report';
import { mergeMetered, type MeteredResult } from './metered';
import { median, type PoolResult } from './pool';
import { issueWindowTokens, seedRound } from './seed';
import { startBenchStack } from './stack';

const LOAD_METHOD = {
  batch:
    "the adapter's own TransactWriteItems for each ballot (built by DynamoBallotStore.writeBallot from the BallotWrite submitBallot builds, captured unsent): its idempotency, dedupe and ballot Puts written with BatchWriteItem (24 a call), its tally-shard ADDs summed per shard item and applied once each — the same items and counts, not the same write pattern",
  transact: 'DynamoBallotStore.writeBallot per ballot (idempotency + dedupe + ballot + tally shard in one TransactWriteItems), no HTTP, no validation',
} as const;

const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

async function main(opts: BenchOptions): Promise<number> {
  const loadStart = loadavg();
  const t0 = performance.now();
  log('starting DynamoDB Local (in memory) and the app');
  const stack = await startBenchStack(opts.rateLimits);
  // A killed bench must not leave its JVM behind (Ctrl-C reaches the JVM too; kill <pid> does not).
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      log(`${signal}: stopping DynamoDB Local`);
      void stack.ddb.stop().finally(() => process.exit(130));
    });
  const api = httpClient(stack.baseUrl, Math.max(opts.concurrency, 4));
  try {
    log(`seeding ${opts.targets} sections (+1 window each) and an open round with ${opts.shards} tally shards through the admin API`);
    const seeded = await seedRound(api, opts.targets, opts.shards);
    const ctx: PhaseContext = { stack, api, seeded };
    const T = seeded.targets.length;
    const C = opts.concurrency;

    log(`issuing ${T} window QR tokens`);
    const scenes = await issueWindowTokens(api, seeded.admin, seeded.targets);

    log(`warm-up: ${WARMUP_BALLOTS} HTTP + ${WARMUP_BALLOTS} direct ballots (counted in the round, not timed)`);
    await httpPhase(ctx, plan('warm-http', WARMUP_BALLOTS, T), C);
    await directPhase(ctx, plan('warm-direct', WARMUP_BALLOTS, T), C);
    await httpWindowPhase(ctx, plan('warm-window', WARMUP_BALLOTS / 2, T), C, scenes);

    const metered = async (fn: () => Promise<PoolResult>): Promise<MeteredResult> => {
      stack.meter.take();
      const r = await fn();
      return { ...r, store: stack.meter.take() };
    };

    const per = Math.floor(opts.phaseBallots / opts.repeats);
    const reps: Array<{ direct: MeteredResult; domain: MeteredResult; http: MeteredResult; window: MeteredResult }> = [];
    for (let r = 0; r < opts.repeats; r++) {
      log(`repeat ${r + 1}/${opts.repeats}: ${per} ballots each through direct writeBallot, in-process submitBallot, HTTP; ${C} in flight`);
      const direct = await metered(() => directPhase(ctx, plan(`direct${r}`, per, T), C));
      const domain = await metered(() => domainPhase(ctx, plan(`domain${r}`, per, T), C));
      const http = await metered(() => httpPhase(ctx, plan(`http${r}`, per, T), C));
      const window = await metered(() => httpWindowPhase(ctx, plan(`window${r}`, Math.floor(per / 2), T), C, scenes));
      log(`  ballots/s: direct ${direct.perSecond.toFixed(0)}, in-process ${domain.perSecond.toFixed(0)}, HTTP ${http.perSecond.toFixed(0)}, HTTP window ${window.perSecond.toFixed(0)}`);
      reps.push({ direct, domain, http, window });
    }
    const direct = mergeMetered(reps.map((x) => x.direct));
    const domain = mergeMetered(reps.map((x) => x.domain));
    const http = mergeMetered(reps.map((x) => x.http));
    const window = mergeMetered(reps.map((x) => x.window));

    const measured = 2 * WARMUP_BALLOTS + WARMUP_BALLOTS / 2 + direct.count + domain.count + http.count + window.count;
    const rest = opts.ballots - measured;
    const how = opts.load === 'batch' ? 'the adapter\'s items in BatchWriteItem calls + summed tally updates' : 'DynamoBallotStore.writeBallot';
    log(`bulk load: ${rest} more ballots (${how}), ${opts.loadConcurrency} in flight, to reach ${opts.ballots}`);
    let lastTick = 0;
    const progress = (done: number) => {
      const tenth = Math.floor((done / rest) * 10);
      if (tenth > lastTick) {
        lastTick = tenth;
        log(`  ${done}/${rest} (${((performance.now() - t0) / 1000).toFixed(0)} s into the run)`);
      }
    };
    const loadPlan = plan('load', rest, T);
    const load = await metered(() => (opts.load === 'batch' ? bulkPhase(ctx, loadPlan, opts.loadConcurrency, progress) : directPhase(ctx, loadPlan, opts.loadConcurrency, progress)));

    log(`timing results: ${opts.tallyCalls} calls over HTTP, ${opts.tallyCalls} in-process`);
    const tallies = await talliesPhase(ctx, opts.tallyCalls);
    const audit = opts.recount ? (log('recount from the raw ballots'), await recountPhase(ctx)) : undefined;
    const written = measured + load.count;
    log('what-if: roundTallies without the SDK log filter');
    const whatIf = await talliesWithoutSdkLogFilter(ctx, opts.tallyCalls);

    const results: BenchResults = {
      when: new Date().toISOString(),
      machine: machine(loadStart),
      options: opts,
      store: 'DynamoDB Local 1.25.1 (in memory, child process), table "bench"',
      http,
      window,
      domain,
      direct,
      ratio: {
        httpOverDirect: median(reps.map((x) => x.http.perSecond / x.direct.perSecond)),
        domainOverDirect: median(reps.map((x) => x.domain.perSecond / x.direct.perSecond)),
        windowOverDirect: median(reps.map((x) => x.window.perSecond / x.direct.perSecond)),
        perRepeat: reps.map((x) => ({ direct: x.direct.perSecond, domain: x.domain.perSecond, http: x.http.perSecond, window: x.window.perSecond })),
        goal: 0.8,
      },
      load: { ...load, mode: opts.load, method: LOAD_METHOD[opts.load] },
      recount: audit,
      tallies: { ...tallies, goalMs: 100, ballotsExpected: written, withoutSdkLogFilter: whatIf },
      seconds: (performance.now() - t0) / 1000,
    };
    process.stdout.write(formatTable(results));
    writeJson(opts.out, results);
    log(`figures written to ${opts.out}`);
    const auditFailed = audit !== undefined && (audit.mismatches.length > 0 || audit.ballots !== written);
    const failed = http.errors + window.errors + domain.errors + direct.errors + load.errors > 0 || tallies.ballotsCounted !== written || auditFailed || stack.appErrors.length > 0;
    if (stack.appErrors.length > 0) log(`the app logged errors: ${JSON.stringify(stack.appErrors).slice(0, 1000)}`);
    return failed ? 1 : 0;
  } finally {
    api.close();
    await stack.close();
    log('DynamoDB Local stopped');
  }
}

let opts: BenchOptions;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  if (e.message) process.stderr.write(`${e.message}\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(e.exitCode);
}
main(opts).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
