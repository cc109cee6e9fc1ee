/**
 * Every threshold and tie in the engine is decided on a fixed grid of 1e-9, never on raw
 * floating point: 17/20 must count as "exactly 85%" however the division rounds, and two
 * targets whose scores differ only by float noise must share a rank. Real differences between
 * count-based scores are far larger than 1e-9 (a proportion with a million ballots moves by
 * 1e-6), so the grid never merges two genuinely different results.
 */
export const GRID = 1e9;

export type Comparison = 'lt' | 'lte' | 'gt' | 'gte' | 'eq';

/**
 * The value on the comparison grid.
 * @example quantise(17 / 20) === quantise(0.85) // true
 */
export function quantise(x: number): number {
  return Math.round(x * GRID);
}

/**
 * Orders two values on the grid: negative, 0 (equal on the grid) or positive.
 * @example compareValues(0.1 + 0.2, 0.3) // 0
 */
export function compareValues(a: number, b: number): number {
  return quantise(a) - quantise(b);
}

/**
 * Whether `a op b` holds on the grid.
 * @example holds(0.849, 'gte', 0.85) // false
 */
export function holds(a: number, op: Comparison, b: number): boolean {
  const d = compareValues(a, b);
  switch (op) {
    case 'lt':
      return d < 0;
    case 'lte':
      return d <= 0;
    case 'gt':
      return d > 0;
    case 'gte':
      return d >= 0;
    case 'eq':
      return d === 0;
  }
}
