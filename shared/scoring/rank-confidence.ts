import { quantise } from './compare';
import type { RankBounds } from './conditions';
import type { Bounds } from './wilson';

/**
 * Who is confidently where: simultaneous 95% rank confidence sets in the spirit of Mogstad,
 * Romano, Shaikh & Wilhelm (2023, R package csranks: csranks / cstauworst), made deterministic
 * with a Bonferroni correction instead of their bootstrap max-t. docs/scoring.md#who-is-confidently-worst
 * has the method and a worked example.
 *
 * Every comparison between two targets of a group is made at a level such that, with
 * probability ≥ 95%, *all* of the group's "i is confidently before j" statements are true at
 * once. Then j's rank lies in [1 + #confidently before j, n − #confidently after j] for every
 * j simultaneously, and so does every set derived from those bounds (the worst k, for each k).
 */

/**
 * One ranked target. `tier` orders by a stated rule before any score does (put first by
 * misconduct 0, scored 1, silent targets placed worst 2 or, in a worst-first ranking, 0.5);
 * `score` is the ranking value (null: placed by rule only, tied with the others of its tier
 * that have none); `intervalAt(z)` the basis interval at that z (null: no interval, the value
 * is exact).
 */
export type ConfidenceItem = { targetId: string; tier: number; score: number | null; intervalAt: ((z: number) => Bounds) | null; lowSample?: boolean };

/**
 * `pairwise`: Newcombe's hybrid score interval for each difference, Bonferroni over the
 * pairs (shares and bounded means). A pair with a low sample on either side (`lowSample`,
 * under the scheme's `lowSampleBelow`) is compared by non-overlap of the same two intervals
 * instead: Newcombe's interval is too short at tiny n (0 of 2 against 2 of 2 would come out
 * "confident", though it happens one time in eight when both are 50%). `intervals`: every
 * target's interval at a Bonferroni level over all `sampledIntervals` sampled intervals of
 * the group; two targets are ordered when their intervals do not overlap (weighted totals,
 * whose envelope covers when all of its parts do). `exact`: nothing sampled, values compare as
 * they are.
 */
export type ConfidenceMethod = 'pairwise' | 'intervals' | 'exact';

export type GroupConfidence = {
  method: ConfidenceMethod;
  level: number;
  /** Number of statements the Bonferroni correction divides α by (pairs or intervals). */
  comparisons: number;
  /** The z each interval was built with (0 when nothing was sampled). */
  z: number;
  bounds: Map<string, RankBounds>;
};

/**
 * The rank confidence of one group. `descending`: a higher score is placed first.
 * @example rankConfidence(items, { method: 'pairwise', descending: true }).bounds.get('a') // { ahead: 0, behind: 2, tiedByRule: 0 }
 */
export function rankConfidence(
  items: ConfidenceItem[],
  opts: { method: Exclude<ConfidenceMethod, 'exact'>; descending: boolean; level?: number; sampledIntervals?: number },
): GroupConfidence {
  const level = opts.level ?? 0.95;
  const alpha = 1 - level;
  const scored = items.filter((i) => i.score !== null && i.intervalAt !== null);
  let comparisons = 0;
  if (opts.method === 'pairwise') {
    for (let a = 0; a < scored.length; a++) for (let b = a + 1; b < scored.length; b++) if (scored[a]!.tier === scored[b]!.tier) comparisons += 1;
  } else comparisons = opts.sampledIntervals ?? scored.length;
  const method: ConfidenceMethod = comparisons === 0 ? 'exact' : opts.method;
  const z = comparisons === 0 ? 0 : normalQuantile(1 - alpha / (2 * comparisons));
  const at = new Map(items.map((i) => [i.targetId, i.intervalAt && i.score !== null ? i.intervalAt(z) : null]));

  /** +1: x is confidently placed before y; −1: after; 0: neither (or tied by rule). */
  const order = (x: ConfidenceItem, y: ConfidenceItem): number => {
    if (x.tier !== y.tier) return x.tier < y.tier ? 1 : -1;
    if (x.score === null || y.score === null) return x.score === null && y.score === null ? 0 : x.score === null ? -1 : 1;
    const d = quantise(x.score) - quantise(y.score);
    if (d === 0) return 0;
    const ix = at.get(x.targetId) ?? null;
    const iy = at.get(y.targetId) ?? null;
    // Before means better placed: higher score when descending, lower otherwise.
    const sign = opts.descending ? 1 : -1;
    const pairMethod = method === 'pairwise' && (x.lowSample || y.lowSample) ? 'intervals' : method;
    const { lower, upper } = differenceInterval(pairMethod, x.score, ix, y.score, iy);
    if (sign * d > 0) return (sign > 0 ? quantise(lower) > 0 : quantise(upper) < 0) ? 1 : 0;
    return (sign > 0 ? quantise(upper) < 0 : quantise(lower) > 0) ? -1 : 0;
  };

  const bounds = new Map<string, RankBounds>();
  for (const x of items) {
    let ahead = 0;
    let behind = 0;
    let tiedByRule = 0;
    for (const y of items) {
      if (y === x) continue;
      const o = order(y, x);
      if (o > 0) ahead += 1;
      else if (o < 0) behind += 1;
      else if (x.tier === y.tier && x.score === null && y.score === null) tiedByRule += 1;
    }
    bounds.set(x.targetId, { ahead, behind, tiedByRule });
  }
  return { method, level, comparisons, z, bounds };
}

/**
 * A confidence interval for x − y. Pairwise: Newcombe's hybrid score interval (method 10,
 * 1998) from the two Wilson intervals at the same z: [d − √((x − lₓ)² + (u_y − y)²),
 * d + √((uₓ − x)² + (y − l_y)²)]. Intervals: from the two intervals' ends, [lₓ − u_y, uₓ − l_y]
 * (non-overlap). Both always contain d, so a target is never confidently behind one it beats.
 */
export function differenceInterval(method: ConfidenceMethod, x: number, ix: Bounds | null, y: number, iy: Bounds | null): Bounds {
  const lx = ix?.lower ?? x;
  const ux = ix?.upper ?? x;
  const ly = iy?.lower ?? y;
  const uy = iy?.upper ?? y;
  const d = x - y;
  if (method === 'pairwise') return { lower: d - Math.hypot(x - lx, uy - y), upper: d + Math.hypot(ux - x, y - ly) };
  return { lower: Math.min(d, lx - uy), upper: Math.max(d, ux - ly) };
}

/**
 * The normal quantile Φ⁻¹(p), by Acklam's rational approximation (relative error < 1.2e-9,
 * plenty for a z that only sets an interval's width). Pure and deterministic.
 * @example normalQuantile(0.975) // 1.95996398…
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const tail = (q: number): number => (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < low) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - low) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}
