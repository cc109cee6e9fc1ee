import { cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LOAD_DEFAULTS, runLoadFaults, type LoadFaultsOptions, type LoadFaultsReport } from '../tests/support/load-faults/scenario';
import { defaultSchedule } from '../tests/support/load-faults/fault-schedule';

/**
 * `npm run bench` part 3: the load-and-faults scenario (tests/support/load-faults) — the very
 * run tests/integration/load-faults.test.ts asserts — timed: accepted ballots/s and the
 * latency clients saw, while the store errs, loses answers, stalls and restarts.
 */
const USAGE = `usage: tsx bench/load-faults.ts [--quick] [--no-faults] [--kills N] [--ballots N] [--clients N] [--evaluators N] [--targets N]
       [--shards N] [--timeout-ms N] [--out FILE]`;

const NUMERIC: Record<string, keyof LoadFaultsOptions> = {
  '--ballots': 'ballots',
  '--clients': 'clients',
  '--evaluators': 'evaluators',
  '--targets': 'targets',
  '--shards': 'shards',
  '--timeout-ms': 'timeoutMs',
};

function parse(argv: string[]): { opts: Partial<LoadFaultsOptions>; out: string } {
  // --quick: a smoke run of the same schedule, 1,000 ballots.
  const opts: Partial<LoadFaultsOptions> = argv.includes('--quick') ? { ballots: 1000, evaluators: 100, targets: 50 } : {};
  let out = 'bench/results/load-faults.json';
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--quick') continue;
    // A stress variant: the default schedule with N SIGKILL + restarts in all, evenly spread
    // (more answers caught by a dying store: DynamoDB Local's acknowledged-before-committed gap).
    if (flag === '--kills') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) {
        process.stderr.write(`bad --kills\n${USAGE}\n`);
        process.exit(2);
      }
      const others = defaultSchedule().filter((s) => s.kind !== 'restart');
      const kills = Array.from({ length: n }, (_, k) => ({ at: Number(((k + 1) / (n + 1)).toFixed(3)), kind: 'restart' as const }));
      opts.schedule = [...others, ...kills].sort((a, b) => a.at - b.at);
      continue;
    }
    // The same load on a healthy store: what the faults cost.
    if (flag === '--no-faults') {
      opts.schedule = [];
      continue;
    }
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const [name, inline] = flag.split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (name === '--out' && value) {
      out = value;
      continue;
    }
    const key = NUMERIC[name];
    const n = Number(value);
    if (!key || !Number.isInteger(n) || n < 1) {
      process.stderr.write(`bad flag ${flag} ${value ?? ''}\n${USAGE}\n`);
      process.exit(2);
    }
    (opts[key] as number) = n;
  }
  if (opts.timeoutMs !== undefined) opts.slowMs = opts.timeoutMs + 1500;
  return { opts, out };
}

const log = (msg: string) => process.stderr.write(`[load ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);
const list = (r: Record<string, number>) =>
  Object.entries(r)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

function format(r: LoadFaultsReport, load: number[]): string {
  const a = r.audit;
  const o = r.options;
  const restarts = r.faults.restarts.map((x) => (x.error ? `failed: ${x.error}` : `${f1(x.seconds ?? NaN)} s down`)).join(', ');
  return [
    '',
    `Load with store faults — DynamoDB Local on a data folder (restartable), app on loopback HTTP`,
    `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}; load average ${load.map(f1).join('/')} at start, ${loadavg().map(f1).join('/')} at end`,
    `${o.ballots.toLocaleString('en')} ballots (slots) from ${o.evaluators} evaluators over ${o.targets} targets, ${o.clients} concurrent clients, client timeout ${o.timeoutMs} ms, ${o.shards} tally shards`,
    '',
    `sends: ${r.sends.original} originals, ${r.sends.rival} rivals (same evaluator × target, new id), ${r.sends.resend} resends (same id after an answer)`,
    `requests: ${r.requests} (${r.retries} retries); unanswered requests: ${list(r.unansweredRequests) || 'none'}`,
    `faults fired: ${list(r.faults.injected) || 'none (--no-faults)'}; not fired ${r.faults.notFired}; store restarts: ${r.faults.restarts.length} (${restarts})`,
    `transactions answered by a dying store, unconfirmed: ${r.faults.unconfirmedCommits.total}, of which absent afterwards (acknowledged ballots DynamoDB Local would have lost): ${r.faults.unconfirmedCommits.absentAfter}`,
    `app answered 503 for ${r.storeFailuresLogged} store failures; unhandled app errors: ${r.appErrors.length}`,
    '',
    `throughput: ${f0(r.acceptedPerSecond)} accepted ballots/s (${a.acceptedReceipts} in ${f1(r.runSeconds)} s${r.faults.restarts.length > 0 ? ', faults and restarts included' : ''})`,
    `client-observed latency per ballot (first send → answer, retries included): p50 ${f0(r.latency.p50)} ms, p90 ${f0(r.latency.p90)} ms, p99 ${f0(r.latency.p99)} ms, max ${f0(r.latency.max)} ms`,
    `per HTTP request: p50 ${f0(r.requestLatency.p50)} ms, p99 ${f0(r.requestLatency.p99)} ms`,
    '',
    `final answers: ${list(a.answers)}; rivals that won their race: ${a.rivalWins}`,
    `accepted receipts ${a.acceptedReceipts} = stored ballots ${a.storedBallots} = idempotency markers ${a.idempotencyMarkers} = dedupe markers ${a.dedupeMarkers} = tallies ${a.talliedOverHttp} = recount ${a.recount.ballots} (counters ${a.recount.tallied}, ${a.recount.mismatches} mismatches)`,
    a.problems.length === 0 ? 'invariants: all hold' : `INVARIANTS VIOLATED:\n  ${a.problems.join('\n  ')}`,
    `setup ${f1(r.setupSeconds)} s, run ${f1(r.runSeconds)} s, audit ${f1(r.auditSeconds)} s`,
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  // Node 20 is supported here; the SDK's notice about Node 22 is known (scripts/test.ts).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Ctrl-C or kill: exit through process.exit, whose 'exit' hook kills DynamoDB Local.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  const { opts, out } = parse(process.argv.slice(2));
  const load = loadavg();
  const report = await runLoadFaults({ ...LOAD_DEFAULTS, ...opts, log });
  process.stdout.write(format(report, load));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ when: new Date().toISOString(), cpus: cpus().length, loadavgStart: load, loadavgEnd: loadavg(), ...report }, null, 2) + '\n');
  log(`figures written to ${out}`);
  return report.audit.problems.length > 0 || report.appErrors.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`load bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
