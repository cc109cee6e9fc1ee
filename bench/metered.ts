import { merge, type PoolResult } from './pool';
import type { StoreCalls } from './store-meter';

/** A phase's pool result with the DynamoDB calls it made. */
export type MeteredResult = PoolResult & { store: StoreCalls };

/** Repeats of one phase as one: pooled latencies, summed calls, call-weighted mean latencies. */
export function mergeMetered(parts: MeteredResult[]): MeteredResult {
  const store = parts.map((p) => p.store);
  const calls: Record<string, number> = {};
  const ms: Record<string, number> = {};
  for (const s of store)
    for (const [k, n] of Object.entries(s.calls)) {
      calls[k] = (calls[k] ?? 0) + n;
      ms[k] = (ms[k] ?? 0) + n * (s.meanMs[k] ?? 0);
    }
  const meanMs = Object.fromEntries(Object.entries(calls).map(([k, n]) => [k, Math.round((ms[k]! / n) * 10) / 10]));
  const failures = Object.assign({}, ...store.map((s) => s.failures)) as Record<string, number>;
  return { ...merge(parts), store: { calls, meanMs, conflicts: store.reduce((a, s) => a + s.conflicts, 0), failures } };
}

