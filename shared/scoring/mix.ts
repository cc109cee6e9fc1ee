import { GRID } from './compare';
import type { EvaluatorMix } from './scheme';

/**
 * How many evaluators of each category a draw of `n` needs: the largest-remainder method, so the
 * counts always add up to n and no category is off by more than one from its exact share. Equal
 * remainders go to the category listed first, which keeps a published draw reproducible.
 * @example drawQuota(villageMix, 1977) // { cadres: 395, public: 1384, pioneers: 198 }
 */
export function drawQuota(mix: EvaluatorMix, n: number): Record<string, number> {
  const exact = mix.categories.map((c, i) => ({ id: c.id, i, q: Math.round(c.share * n * GRID) / GRID }));
  const out: Record<string, number> = {};
  let given = 0;
  for (const e of exact) {
    out[e.id] = Math.floor(e.q);
    given += Math.floor(e.q);
  }
  const byRemainder = [...exact].sort((a, b) => b.q - Math.floor(b.q) - (a.q - Math.floor(a.q)) || a.i - b.i);
  for (const e of byRemainder.slice(0, n - given)) out[e.id] = (out[e.id] ?? 0) + 1;
  return out;
}

/**
 * Compares who actually answered with the mix. A category is off when its actual share differs
 * from the expected one by more than the tolerance; with nobody counted, nothing is within it.
 * @example checkMix(agencyMix, { public: 50, deputies: 40, retired: 10 }).withinTolerance // false at 5%: deputies are 40%
 */
export function checkMix(mix: EvaluatorMix, counts: Record<string, number>): { withinTolerance: boolean; shares: Array<{ id: string; label: string; expected: number; actual: number | null; count: number }> } {
  const total = mix.categories.reduce((s, c) => s + (counts[c.id] ?? 0), 0);
  const shares = mix.categories.map((c) => {
    const count = counts[c.id] ?? 0;
    return { id: c.id, label: c.label, expected: c.share, actual: total > 0 ? count / total : null, count };
  });
  const within = total > 0 && shares.every((s) => Math.round(Math.abs((s.actual ?? 0) - s.expected) * GRID) <= Math.round(mix.tolerance * GRID));
  return { withinTolerance: within, shares };
}
