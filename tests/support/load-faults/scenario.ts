import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createDocumentClient } from '../../../functions/src/adapters/dynamodb/client';
import { ensureTable } from '../../../functions/src/local/dynamodb-local';
import { buildDeps, randomSecrets } from '../../../functions/src/config/deps';
import type { Deps } from '../../../functions/src/domain/deps';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../../functions/src/adapters/dynamodb/keys';
import { createApp } from '../../../functions/src/http/app';
import { WHOLE_API } from '../../../functions/src/http/docs';
import { httpClient, expectStatus } from '../../../bench/http';
import { benchSchemes } from '../../../bench/scheme';
import { issueWindowTokens, seedRound } from '../../../bench/seed';
import { devEvaluator } from '../../../bench/ballots';
import { summarise, type LatencySummary } from '../../../bench/pool';
import { StoreFaults } from '../faults';
import { durableTransactAcks } from '../durable-acks';
import { RestartableStore } from './store';
import { buildPlan, type SendKind } from './plan';
import { sendUntilAnswered, type Answer } from './client';
import { defaultSchedule, FaultDriver, type FaultStep } from './fault-schedule';
import { audit, type AuditReport } from './audit';
import { LoadTrace } from './trace';

/**
 * Many clients, a failing store, and the books must still balance. One run:
 *
 *   1. DynamoDB Local on a data folder (restartable), the production client settings, the app
 *      on a real loopback socket;
 *   2. an org tree, an open round on the sampling and window channels, a QR per window, a dev
 *      login per evaluator — all through the HTTP API;
 *   3. `clients` concurrent clients send every slot's ballot plus rivals and resends
 *      (plan.ts), each retrying until answered (client.ts), while fault-schedule.ts makes the
 *      store fail, lose answers, stall past the client's timeout and die;
 *   4. audit.ts compares answers, table, counters and recount.
 *
 * The jest test (tests/integration/load-faults.test.ts) asserts the audit; the benchmark
 * (bench/load-faults.ts) prints the same run's throughput and latency.
 */
export interface LoadFaultsOptions {
  ballots: number;
  clients: number;
  evaluators: number;
  targets: number;
  shards: number;
  /** The client's own timeout per request. */
  timeoutMs: number;
  /** How long a slowed store call is held (must exceed timeoutMs to be a timeout). */
  slowMs: number;
  /** A send's timeout doubles after each timeout, up to this (client.ts). */
  maxTimeoutMs: number;
  /** The deadline of one send (client.ts): generous, so a slow machine makes a slow run, never a failed one. */
  giveUpMs: number;
  schedule: FaultStep[];
  /**
   * Extra environment and dependency overrides for the app under load — e.g. generous
   * per-identity/IP rate limits: every client here is 127.0.0.1.
   */
  stack: { env?: Record<string, string>; overrides?: Partial<Deps> };
  log: (msg: string) => void;
  /** Test hook: runs on the settled table just before the audit (a test of the audit itself breaks something here). */
  beforeAudit?: (db: DynamoDBDocumentClient, tableName: string) => Promise<void>;
}

export const LOAD_DEFAULTS: LoadFaultsOptions = {
  ballots: 10_000,
  clients: 50,
  evaluators: 500,
  targets: 200,
  shards: 4,
  // Shorter than the phone's 15 s so a run sees timeouts; long enough that a loaded 2-core
  // machine rarely times out on its own (that would only add retries, never change a count).
  timeoutMs: 4000,
  slowMs: 5500,
  maxTimeoutMs: 60_000,
  giveUpMs: 20 * 60_000,
  schedule: defaultSchedule(),
  // Every client is 127.0.0.1 and each evaluator casts 20 ballots in a minute or two: the
  // ballot rate limits (BALLOT_RATE_LIMITS, once the limiter is in) stay on, far above the run.
  stack: { env: { BALLOT_RATE_LIMITS: 'evaluator=1000000/60,ip=1000000/60,place=1000000/60' } },
  log: () => undefined,
};

export interface LoadFaultsReport {
  options: Omit<LoadFaultsOptions, 'log' | 'stack' | 'schedule' | 'beforeAudit'>;
  setupSeconds: number;
  /** First ballot sent → last answer received. */
  runSeconds: number;
  auditSeconds: number;
  /** Distinct accepted ballots per second of the run, faults and restarts included. */
  acceptedPerSecond: number;
  sends: Record<SendKind, number>;
  /** HTTP requests made for ballots, and how many of them were retries. */
  requests: number;
  retries: number;
  /** Why requests went unanswered: status or error name → count. */
  unansweredRequests: Record<string, number>;
  /** First request → answer, per send (retries included). */
  latency: LatencySummary;
  /** Each HTTP request alone. */
  requestLatency: LatencySummary;
  faults: {
    injected: Record<string, number>;
    notFired: number;
    restarts: Array<{ at: number; seconds?: number; error?: string }>;
    /**
     * Ballot writes DynamoDB Local answered 200 but died before confirming (tests/support/durable-acks.ts),
     * and how many of those were indeed absent afterwards: without the barrier, each of the
     * latter would have been an accepted ballot lost.
     */
    unconfirmedCommits: { total: number; absentAfter: number };
  };
  /** Store failures the app answered 503 for (its warn lines). */
  storeFailuresLogged: number;
  appErrors: unknown[];
  audit: AuditReport;
}

export async function runLoadFaults(partial: Partial<LoadFaultsOptions> = {}): Promise<LoadFaultsReport> {
  const opts: LoadFaultsOptions = { ...LOAD_DEFAULTS, ...partial };
  const { log } = opts;
  const t0 = performance.now();
  log(`starting DynamoDB Local on a data folder and the app`);
  const store = await RestartableStore.start();
  const trace = new LoadTrace();
  store.onEvent = (what) => trace.note(what);
  const onExit = () => store.killNow();
  process.once('exit', onExit);
  let server: Server | undefined;
  let releaseBarrier: (() => void) | undefined;
  let api: ReturnType<typeof httpClient> | undefined;
  const tableName = 'load';
  const db = createDocumentClient({ tableName, region: 'local', endpoint: store.endpoint });
  try {
    await ensureTable(store.endpoint, 'local', tableName);
    const faults = new StoreFaults().attach(db);
    trace.attach(db);
    // DynamoDB Local acknowledges a transaction before committing it; a kill in that gap loses
    // an acknowledged write, which real DynamoDB never does (tests/support/durable-acks.ts).
    releaseBarrier = durableTransactAcks(db, { endpoint: store.endpoint, table: tableName, generation: () => store.generation });
    const deps = buildDeps(db, tableName, randomSecrets(), { AUTH_DEV_LOGIN: '1', PUBLIC_BASE_URL: 'http://localhost', ...opts.stack.env }, { presets: benchSchemes, ...opts.stack.overrides });
    // Every writeBallot and findReceipt the app makes, with its outcome, for the audit to explain a problem.
    deps.store.ballots = trace.wrapBallots(deps.store.ballots);
    const appErrors: unknown[] = [];
    let storeFailuresLogged = 0;
    const app = createApp(deps, {
      ...WHOLE_API,
      log: (e) => {
        if (e.level === 'error') appErrors.push(e);
        else if (e.msg === 'store failure') storeFailuresLogged++;
      },
    });
    server = await new Promise<Server>((res) => {
      const s: Server = app.listen(0, '127.0.0.1', () => res(s));
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    api = httpClient(baseUrl, opts.clients * 2);

    log(`seeding ${opts.targets} sections with a window each, a round with ${opts.shards} tally shards, QR tokens, ${opts.evaluators} logins`);
    const seeded = await seedRound(api, opts.targets, opts.shards);
    const scenes = await issueWindowTokens(api, seeded.admin, seeded.targets);
    const targetIds = seeded.targets.map((t) => t.id);
    const sessions = await loginAll(api, opts.evaluators);
    const plan = buildPlan(opts, { sampling: seeded.samplingToken, windows: scenes, targetIds });
    const setupSeconds = (performance.now() - t0) / 1000;

    const driver = new FaultDriver(opts.schedule, faults, store, opts.slowMs, (what) => trace.note(what));
    const answers: Answer[] = new Array(plan.sends.length);
    let done = 0;
    let tenth = 0;
    const r0 = performance.now();
    trace.note('first send');
    log(`${plan.sends.length} sends for ${plan.slots.length} ballots from ${opts.clients} clients; ${opts.schedule.length} fault steps`);
    await Promise.all(
      plan.queues.map(async (queue) => {
        for (const id of queue) {
          const send = plan.sends[id]!;
          answers[id] = await sendUntilAnswered(api!, send.body, sessions[send.evaluator]!, opts);
          driver.progress(++done / plan.sends.length);
          if (Math.floor((done / plan.sends.length) * 10) > tenth) log(`  ${++tenth * 10} % answered (${((performance.now() - r0) / 1000).toFixed(0)} s)`);
        }
      }),
    );
    const runSeconds = (performance.now() - r0) / 1000;
    trace.note('last answer');
    await driver.settle();
    const notFired = faults.pending();
    faults.clear();
    // A held call may still be on its way to the store (its client long gone): let it land,
    // so the audit sees the table as it will stay.
    await faults.drained();
    await opts.beforeAudit?.(db, tableName);

    log('audit: answers vs table scan vs tallies vs recount');
    const a0 = performance.now();
    const tallies = expectStatus(await api.get(`/rounds/${seeded.round.id}/tallies`, seeded.admin), 200, 'tallies').body.targets as Array<{ channels: Record<string, { ballots: number }> }>;
    const talliedOverHttp = tallies.reduce((s, t) => s + Object.values(t.channels).reduce((a, c) => a + c.ballots, 0), 0);
    const report = await audit({ plan, answers, evaluatorId: (k) => devEvaluator(deps, evaluatorName(k)), targetIds, db, tableName, deps, roundId: seeded.round.id, talliedOverHttp, trace });
    const auditSeconds = (performance.now() - a0) / 1000;
    const unconfirmedCommits = await countUnconfirmed(db, tableName, trace);

    const unansweredRequests: Record<string, number> = {};
    for (const a of answers) for (const f of a.failures) unansweredRequests[f] = (unansweredRequests[f] ?? 0) + 1;
    const injected: Record<string, number> = {};
    for (const f of faults.injected) injected[f] = (injected[f] ?? 0) + 1;
    const requests = answers.reduce((s, a) => s + a.attempts, 0);
    const sends = { original: 0, rival: 0, resend: 0 };
    for (const s of plan.sends) sends[s.kind]++;
    const { log: _log, stack: _stack, schedule: _schedule, beforeAudit: _beforeAudit, ...shown } = opts;
    return {
      options: shown,
      setupSeconds,
      runSeconds,
      auditSeconds,
      acceptedPerSecond: report.acceptedReceipts / runSeconds,
      sends,
      requests,
      retries: requests - plan.sends.length,
      unansweredRequests,
      latency: summarise(answers.map((a) => a.latencyMs)),
      requestLatency: summarise(answers.flatMap((a) => a.attemptMs)),
      faults: { injected, notFired, restarts: driver.restarts, unconfirmedCommits },
      storeFailuresLogged,
      appErrors,
      audit: report,
    };
  } finally {
    api?.close();
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((r) => server!.close(() => r()));
    }
    db.destroy();
    releaseBarrier?.();
    await store.stop();
    process.off('exit', onExit);
  }
}

const evaluatorName = (k: number) => `load-${k}`;

async function countUnconfirmed(db: DynamoDBDocumentClient, tableName: string, trace: LoadTrace): Promise<{ total: number; absentAfter: number }> {
  let total = 0;
  let absentAfter = 0;
  for (const list of trace.writes.values())
    for (const w of list) {
      if (!w.outcome?.includes('UnconfirmedCommit')) continue;
      total++;
      const r = await db.send(new GetCommand({ TableName: tableName, Key: keys.ballot(w.ballot.roundId, w.ballot.shard, w.ballot.receivedAt, w.ballot.ballotId), ConsistentRead: true }));
      if (!r.Item) absentAfter++;
    }
  return { total, absentAfter };
}

async function loginAll(api: ReturnType<typeof httpClient>, evaluators: number): Promise<string[]> {
  const sessions: string[] = new Array(evaluators);
  let next = 0;
  const worker = async () => {
    for (let k = next++; k < evaluators; k = next++)
      sessions[k] = expectStatus(await api.post('/auth/dev', { name: evaluatorName(k), role: 'citizen' }), 200, 'citizen login').body.token;
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return sessions;
}
