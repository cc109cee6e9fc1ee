/**
 * Percent display and reading for the scheme editor. The engine stores shares (0.2); a clerk
 * reads and types percentages (20%). Both ways go through a 1e-6 grid so 0.1 + 0.2 never shows
 * as 30.000000000000004%.
 */

const GRID = 1e6;
const onGrid = (x: number): number => Math.round(x * GRID) / GRID;

/**
 * A share as a percentage for display, at most two decimals.
 * @example percent(0.2) // '20%'
 * @example percent(0.125) // '12.5%'
 */
export function percent(share: number): string {
  return `${percentNumber(share)}%`;
}

/** The percentage number a share shows as (for an input box). @example percentNumber(0.85) // 85 */
export function percentNumber(share: number): number {
  return Math.round(share * 10000) / 100;
}

/**
 * What a clerk typed into a percentage box, as a share; undefined when it is not a number.
 * Accepts a trailing % and full-width digits/percent sign.
 * @example readPercent('80%') // 0.8
 * @example readPercent('八十') // undefined
 */
export function readPercent(text: string): number | undefined {
  const n = readNumber(text.replace(/[%％]\s*$/, ''));
  return n === undefined ? undefined : onGrid(n / 100);
}

/**
 * A typed number (full-width digits and point allowed); undefined when it is not one.
 * @example readNumber('６０') // 60
 */
export function readNumber(text: string): number | undefined {
  const ascii = text.trim().replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!/^-?\d+(\.\d+)?$/.test(ascii)) return undefined;
  return Number(ascii);
}

/**
 * The sum of shares and whether it is exactly 100% (on the grid).
 * @example shareSum([0.2, 0.2, 0.1, 0.5]) // { sum: 1, ok: true, text: '100%' }
 */
export function shareSum(shares: number[]): { sum: number; ok: boolean; text: string } {
  const sum = onGrid(shares.reduce((s, x) => s + x, 0));
  return { sum, ok: Math.abs(sum - 1) < 1e-9, text: percent(sum) };
}

/**
 * Whether a list of weights is a split of 100% rather than multipliers (效能办 总得分 =
 * 综合满意度 × 80 + 整改情况 × 1): only a split is shown in % and checked to sum. A weight above
 * 2 (200%) only makes sense as a multiplier; below that a typo such as 150% stays a share and
 * fails the sum check instead of silently turning the list into multipliers.
 * @example weightsAreShares([0.4, 0.2, 0.2, 0.2]) // true
 * @example weightsAreShares([80, 1]) // false
 */
export function weightsAreShares(weights: number[]): boolean {
  return weights.length > 0 && weights.every((w) => w <= 2);
}
