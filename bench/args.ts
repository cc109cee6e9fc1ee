/** Command-line flags of `npm run bench`; every figure the run depends on is printed with it. */
export interface BenchOptions {
  /** Ballots in the round when results are timed (measured phases + the bulk load). */
  ballots: number;
  targets: number;
  /** In-flight requests for the HTTP, domain and direct phases. */
  concurrency: number;
  /** Ballots per measured phase (HTTP, domain, direct), over all repeats. */
  phaseBallots: number;
  /**
   * The three phases run interleaved this many times (direct, in-process, HTTP, direct, …):
   * other people's builds come and go on this machine, and interleaving exposes all three
   * phases to the same background; the ratio is the median of the per-repeat ratios.
   */
  repeats: number;
  /** In-flight writes while bulk-loading the rest of the ballots. */
  loadConcurrency: number;
  tallyCalls: number;
  shards: number;
  /** batch: the adapter's items in BatchWriteItem + summed tallies; transact: writeBallot each. */
  load: 'batch' | 'transact';
  /** Recount the round from the raw ballots at the end (checks the loaded tallies cell by cell). */
  recount: boolean;
  quick: boolean;
  out: string;
  /**
   * BALLOT_RATE_LIMITS for the app (functions/src/domain/rate-limits.ts). The default counts
   * every ballot against all three scopes with ceilings the bench never reaches, so the
   * limiter's store calls are in the figures; `off` measures without them.
   */
  rateLimits: string;
}

const DEFAULTS: BenchOptions = {
  ballots: 100_000,
  targets: 1000,
  concurrency: 16,
  phaseBallots: 3000,
  repeats: 5,
  loadConcurrency: 32,
  tallyCalls: 20,
  shards: 4,
  load: 'batch',
  recount: true,
  quick: false,
  out: 'bench/results/latest.json',
  rateLimits: 'evaluator=100000000/60,ip=100000000/60,place=100000000/60',
};

// --quick is a smoke run: every phase, small enough to finish in well under a minute.
const QUICK: Partial<BenchOptions> = { ballots: 3000, targets: 50, phaseBallots: 300, tallyCalls: 10 };

const NUMERIC: Record<string, keyof BenchOptions> = {
  '--ballots': 'ballots',
  '--targets': 'targets',
  '--concurrency': 'concurrency',
  '--phase-ballots': 'phaseBallots',
  '--repeats': 'repeats',
  '--load-concurrency': 'loadConcurrency',
  '--tally-calls': 'tallyCalls',
  '--shards': 'shards',
};

export const USAGE = `usage: npm run bench -- [--quick] [--ballots N] [--targets N] [--concurrency N]
       [--phase-ballots N] [--repeats N] [--load batch|transact] [--load-concurrency N] [--tally-calls N]
       [--shards N] [--no-recount] [--out FILE] [--rate-limits SPEC|off]`;

export function parseArgs(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const opts: BenchOptions = { ...DEFAULTS, ...(quick ? QUICK : {}), quick };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--quick') continue;
    if (flag === '--no-recount') {
      opts.recount = false;
      continue;
    }
    if (flag === '--help' || flag === '-h') throw new UsageError('', 0);
    const [name, inline] = flag.split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (name === '--load') {
      if (value !== 'batch' && value !== 'transact') throw new UsageError('--load is batch or transact');
      opts.load = value;
      continue;
    }
    if (name === '--rate-limits') {
      if (!value) throw new UsageError('--rate-limits needs BALLOT_RATE_LIMITS syntax (scope=limit/seconds,…) or off');
      opts.rateLimits = value;
      continue;
    }
    if (name === '--out') {
      if (!value) throw new UsageError('--out needs a file');
      opts.out = value;
      continue;
    }
    const key = NUMERIC[name];
    if (!key) throw new UsageError(`unknown flag ${flag}`);
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} needs a positive integer, got ${value}`);
    (opts[key] as number) = n;
  }
  if (opts.shards > 64) throw new UsageError('--shards is at most 64 (the round schema)');
  // The window phase sends half a phase; the warm-up 2½ × WARMUP_BALLOTS; the load tops up the rest.
  const measured = Math.ceil(3.5 * opts.phaseBallots + 2.5 * WARMUP_BALLOTS);
  if (opts.ballots < measured) throw new UsageError(`--ballots must cover the measured phases and the warm-up (≥ ${measured})`);
  if (opts.repeats > opts.phaseBallots) throw new UsageError('--repeats cannot exceed --phase-ballots');
  return opts;
}

/** Ballots sent before measuring (HTTP and direct each), so JIT and connection set-up are not timed. */
export const WARMUP_BALLOTS = 200;

export class UsageError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}
