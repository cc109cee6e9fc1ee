import { performance } from 'node:perf_hooks';
import type { Session } from '../functions/src/domain/sessions';
import { submitBallot } from '../functions/src/domain/ballots/submit-ballot';
import { roundTallies } from '../functions/src/domain/tallies';
import { expectStatus, type HttpClient } from './http';
import { runPool, timeSequential, type LatencySummary, type PoolResult } from './pool';
import { ballotRequest, devEvaluator, directWrite, evaluatorName, slot, type Plan } from './ballots';
import type { Seeded } from './seed';
import type { BenchStack } from './stack';
import { bulkLoad, type BulkLoadResult } from './bulk-load';
import { recount, type RecountReport } from '../functions/src/domain/recount';

export interface PhaseContext {
  stack: BenchStack;
  api: HttpClient;
  seeded: Seeded;
}

/** Real HTTP: each evaluator logs in once (POST /api/auth/dev), then submits its ballots. */
export async function httpPhase(ctx: PhaseContext, p: Plan, concurrency: number): Promise<PoolResult> {
  const sessions: string[] = [];
  for (let k = 0; k < p.evaluators; k++)
    sessions.push(expectStatus(await ctx.api.post('/auth/dev', { name: evaluatorName(p, k), role: 'citizen' }), 200, 'citizen login').body.token);
  return runPool(p.count, concurrency, async (i) => {
    const { evaluator, target } = slot(p, i);
    const body = ballotRequest(ctx.seeded.samplingToken, ctx.seeded.targets[target]!, i);
    const r = await ctx.api.post('/ballots', body, sessions[evaluator]);
    if (r.status !== 201) throw new Error(`ballot: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  });
}

/**
 * Real HTTP on the window channel (the QR at the counter): the token names the window, the
 * app finds the round (listRounds) and the section; dedupe is evaluator × window × day.
 */
export async function httpWindowPhase(ctx: PhaseContext, p: Plan, concurrency: number, scenes: string[]): Promise<PoolResult> {
  const sessions: string[] = [];
  for (let k = 0; k < p.evaluators; k++)
    sessions.push(expectStatus(await ctx.api.post('/auth/dev', { name: evaluatorName(p, k), role: 'citizen' }), 200, 'citizen login').body.token);
  return runPool(p.count, concurrency, async (i) => {
    const { evaluator, target } = slot(p, i);
    const { targetId: _implied, ...body } = ballotRequest(scenes[target]!, ctx.seeded.targets[target]!, i);
    const r = await ctx.api.post('/ballots', body, sessions[evaluator]);
    if (r.status !== 201) throw new Error(`window ballot: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  });
}

/**
 * The app's use case called in-process (token check, idempotency read, round and target reads,
 * validation, the transaction) without HTTP: splits the HTTP gap into "HTTP+JSON" and "the
 * use case's extra store reads".
 */
export async function domainPhase(ctx: PhaseContext, p: Plan, concurrency: number): Promise<PoolResult> {
  const { deps } = ctx.stack;
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const sessions: Session[] = Array.from({ length: p.evaluators }, (_, k) => ({ sub: devEvaluator(deps, evaluatorName(p, k)), role: 'citizen', exp }));
  return runPool(p.count, concurrency, async (i) => {
    const { evaluator, target } = slot(p, i);
    const r = await submitBallot(deps, sessions[evaluator], ballotRequest(ctx.seeded.samplingToken, ctx.seeded.targets[target]!, i));
    if (r.replayed) throw new Error('unexpected replay');
  });
}

/** The floor: the adapter's writeBallot (one TransactWriteItems), nothing else. */
export async function directPhase(ctx: PhaseContext, p: Plan, concurrency: number, onProgress?: (done: number) => void): Promise<PoolResult> {
  const { deps } = ctx.stack;
  const subs = Array.from({ length: p.evaluators }, (_, k) => devEvaluator(deps, evaluatorName(p, k)));
  return runPool(
    p.count,
    concurrency,
    async (i) => {
      const { evaluator, target } = slot(p, i);
      const w = directWrite(deps, ctx.seeded.round, ctx.seeded.targets[target]!, subs[evaluator]!, ctx.seeded.samplingToken, i);
      const r = await deps.store.ballots.writeBallot(w);
      if (r.kind !== 'accepted') throw new Error(`direct write: ${r.kind}`);
    },
    onProgress,
  );
}

export interface TallyTiming {
  http: LatencySummary;
  domain: LatencySummary;
  responseBytes: number;
  targetsListed: number;
  ballotsCounted: number;
  /**
   * Where a roundTallies call's time goes: its two store reads timed alone (they run in
   * parallel inside the call), and the CPU this process spent per call (SDK parsing and
   * unmarshalling, sorting, the rest is waiting on DynamoDB Local).
   */
  breakdown: { listNodes: LatencySummary; readTallies: LatencySummary; nodes: number; targetChannels: number; nodeCpuMsPerCall: number };
}

/** GET /api/rounds/:id/tallies over HTTP and roundTallies in-process, sequentially. */
export async function talliesPhase(ctx: PhaseContext, calls: number): Promise<TallyTiming> {
  const { deps } = ctx.stack;
  const roundId = ctx.seeded.round.id;
  const shards = ctx.seeded.round.tallyShards;
  let last = expectStatus(await ctx.api.get(`/rounds/${roundId}/tallies`, ctx.seeded.admin), 200, 'tallies');
  const http = await timeSequential(calls, 2, async () => {
    last = expectStatus(await ctx.api.get(`/rounds/${roundId}/tallies`, ctx.seeded.admin), 200, 'tallies');
  });
  const cpu0 = process.cpuUsage();
  const domain = await timeSequential(calls, 0, async () => {
    await roundTallies(deps, roundId);
  });
  const cpu = process.cpuUsage(cpu0);
  const targets = last.body.targets as Array<{ channels: Record<string, { ballots: number }> }>;
  const ballotsCounted = targets.reduce((s, t) => s + Object.values(t.channels).reduce((a, c) => a + c.ballots, 0), 0);
  let nodes = 0;
  let targetChannels = 0;
  const sample = Math.max(5, Math.floor(calls / 2));
  const listNodes = await timeSequential(sample, 0, async () => {
    nodes = (await deps.store.org.listNodes()).length;
  });
  const readTallies = await timeSequential(sample, 0, async () => {
    const t = await deps.store.ballots.readTallies(roundId, shards);
    targetChannels = [...t.values()].reduce((s, perTarget) => s + Object.keys(perTarget).length, 0);
  });
  return {
    http,
    domain,
    responseBytes: Buffer.byteLength(JSON.stringify(last.body)),
    targetsListed: targets.length,
    ballotsCounted,
    breakdown: { listNodes, readTallies, nodes, targetChannels, nodeCpuMsPerCall: (cpu.user + cpu.system) / 1000 / calls },
  };
}

/** The bulk of the 100,000: the adapter's items for each ballot, written in batches (see bulk-load.ts). */
export async function bulkPhase(ctx: PhaseContext, p: Plan, concurrency: number, onProgress?: (done: number) => void): Promise<BulkLoadResult> {
  const { deps, tableName, db } = ctx.stack;
  const subs = Array.from({ length: p.evaluators }, (_, k) => devEvaluator(deps, evaluatorName(p, k)));
  return bulkLoad(db, tableName, p.count, concurrency, (i) => {
    const { evaluator, target } = slot(p, i);
    return directWrite(deps, ctx.seeded.round, ctx.seeded.targets[target]!, subs[evaluator]!, ctx.seeded.samplingToken, i, false);
  }, onProgress);
}

/** The audit: every tally cell recomputed from the stored ballots. */
export async function recountPhase(ctx: PhaseContext): Promise<RecountReport & { seconds: number }> {
  const t0 = performance.now();
  const report = await recount(ctx.stack.deps, ctx.seeded.round.id);
  return { ...report, seconds: (performance.now() - t0) / 1000 };
}

/**
 * What-if, after everything else: the same roundTallies with the SDK's loggerMiddleware taken
 * off this client. With the default no-op logger that middleware still runs the schema-driven
 * sensitive-data filter over every response (`logger?.info?.({ output: filter(output) })`
 * evaluates its argument), which on a 5,000-item result is a large share of the call's CPU.
 * Not how the app ships: a pointer for the owners of adapters/dynamodb/client.ts.
 */
export async function talliesWithoutSdkLogFilter(ctx: PhaseContext, calls: number): Promise<{ latency: LatencySummary; nodeCpuMsPerCall: number } | undefined> {
  if (!ctx.stack.db.middlewareStack.remove('loggerMiddleware')) return undefined;
  const cpu0 = process.cpuUsage();
  const latency = await timeSequential(calls, 2, async () => {
    await roundTallies(ctx.stack.deps, ctx.seeded.round.id);
  });
  const cpu = process.cpuUsage(cpu0);
  return { latency, nodeCpuMsPerCall: (cpu.user + cpu.system) / 1000 / (calls + 2) };
}
