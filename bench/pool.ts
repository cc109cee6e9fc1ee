import { performance } from 'node:perf_hooks';

export interface PoolResult {
  count: number;
  errors: number;
  firstError?: string;
  seconds: number;
  perSecond: number;
  latency: LatencySummary;
  /** Raw latencies, to merge repeats; dropped from the JSON. */
  samples?: number[];
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * Runs jobs 0..count-1 with exactly `concurrency` in flight (closed loop: a worker starts its
 * next job when the previous one ends), timing each job. Failed jobs are counted, not retried:
 * the bench only claims a rate for jobs that succeeded.
 */
export async function runPool(count: number, concurrency: number, job: (i: number) => Promise<void>, onProgress?: (done: number) => void): Promise<PoolResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const t0 = performance.now();
      try {
        await job(i);
        latencies.push(performance.now() - t0);
      } catch (e) {
        errors++;
        firstError ??= e instanceof Error ? e.message : String(e);
      }
      onProgress?.(latencies.length + errors);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { count: latencies.length, errors, firstError, seconds, perSecond: latencies.length / seconds, latency: summarise(latencies), samples: latencies };
}

/** Nearest-rank percentiles; with 20 samples p99 is the slowest call, and the report says so. */
export function summarise(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN, mean };
}

/** Times `calls` sequential calls of `fn` after `warmup` untimed ones. */
export async function timeSequential(calls: number, warmup: number, fn: () => Promise<void>): Promise<LatencySummary> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summarise(samples);
}

/** Repeats as one phase: totals over total time, percentiles over every sample. */
export function merge(parts: PoolResult[]): PoolResult {
  const samples = parts.flatMap((p) => p.samples ?? []);
  const count = parts.reduce((s, p) => s + p.count, 0);
  const seconds = parts.reduce((s, p) => s + p.seconds, 0);
  return {
    count,
    errors: parts.reduce((s, p) => s + p.errors, 0),
    firstError: parts.find((p) => p.firstError)?.firstError,
    seconds,
    perSecond: count / seconds,
    latency: summarise(samples),
    samples,
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
