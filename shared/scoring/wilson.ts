/** z for a two-sided 95% interval (the 0.975 normal quantile). */
export const Z95 = 1.959963984540054;

export type Bounds = { lower: number; upper: number };

/**
 * 95% Wilson score interval for a share `p` observed over `n` trials. We use Wilson rather than
 * the normal approximation because it stays inside [0, 1] and behaves at 0%, 100% and small n,
 * which is exactly where a county's worst-ranked office tends to sit. With n = 0 nothing is
 * known and the interval is [0, 1].
 * @example wilsonInterval(17 / 20, 20) // { lower: 0.6396..., upper: 0.9476... }
 */
export function wilsonInterval(p: number, n: number, z: number = Z95): Bounds {
  if (n <= 0) return { lower: 0, upper: 1 };
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt(Math.max(0, (p * (1 - p)) / n + z2 / (4 * n * n)));
  return { lower: clamp01(centre - half), upper: clamp01(centre + half) };
}

/**
 * Wilson interval for successes out of n trials.
 * @example wilsonCounts(0, 10).lower // 0
 */
export function wilsonCounts(successes: number, n: number, z: number = Z95): Bounds {
  return wilsonInterval(n > 0 ? successes / n : 0, n, z);
}

/**
 * Interval for the mean of a score bounded in [lo, hi] (a hearing sheet's 25–100, a grade
 * sheet's 30–90). Rescaled to [0, 1], such a score has variance at most p(1 − p) — the
 * variance of a yes/no answer with the same mean — so the Wilson interval of the rescaled mean
 * is a conservative (wider) 95% interval. We accept the extra width in exchange for one method
 * that needs only the tallies, not every individual sheet.
 * @example boundedMeanInterval(80, 10, 25, 100) // Wilson of 0.7333 over 10, mapped back to 25–100
 */
export function boundedMeanInterval(mean: number, n: number, lo: number, hi: number, z: number = Z95): Bounds {
  if (hi <= lo) return { lower: mean, upper: mean };
  const b = wilsonInterval(clamp01((mean - lo) / (hi - lo)), n, z);
  return { lower: lo + b.lower * (hi - lo), upper: lo + b.upper * (hi - lo) };
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
