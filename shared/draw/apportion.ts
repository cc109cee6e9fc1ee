/**
 * Exact largest-remainder apportionment with integer weights (55 : 35 : 10, 2 : 7 : 1).
 *
 * Stratum i's exact quota is n·wᵢ / W (W = Σw). Each stratum first gets ⌊n·wᵢ / W⌋; the seats
 * left over go one each to the strata with the largest remainders (n·wᵢ mod W), ties to the
 * stratum listed first. Integer arithmetic only, so the same inputs give the same quotas on
 * every machine (a float 0.55 × 20 may not be exactly 11).
 * @example apportion([{ id: 'public', weight: 55 }, { id: 'deputies', weight: 35 }, { id: 'retired', weight: 10 }], 20) // { public: 11, deputies: 7, retired: 2 }
 */
export function apportion(strata: ReadonlyArray<{ id: string; weight: number }>, n: number): Record<string, number> {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
  for (const s of strata) if (!Number.isSafeInteger(s.weight) || s.weight < 0) throw new RangeError(`weight of ${s.id} must be a whole number ≥ 0`);
  const total = strata.reduce((sum, s) => sum + s.weight, 0);
  if (total <= 0) throw new RangeError('weights must add up to more than 0');
  const big = BigInt(total);
  const rows = strata.map((s, i) => {
    const exact = BigInt(n) * BigInt(s.weight);
    return { id: s.id, i, floor: Number(exact / big), remainder: exact % big };
  });
  const out: Record<string, number> = {};
  let given = 0;
  for (const r of rows) {
    out[r.id] = r.floor;
    given += r.floor;
  }
  const byRemainder = [...rows].sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const r of byRemainder.slice(0, n - given)) out[r.id] = out[r.id]! + 1;
  return out;
}

/**
 * Integer weights from shares (a scheme's evaluator mix: 0.55 / 0.35 / 0.10 → 5500 / 3500 / 1000).
 * @example weightsFromShares([{ id: 'a', share: 0.2 }]) // [{ id: 'a', weight: 2000 }]
 */
export function weightsFromShares(shares: ReadonlyArray<{ id: string; share: number }>): Array<{ id: string; weight: number }> {
  return shares.map((s) => ({ id: s.id, weight: Math.round(s.share * 10_000) }));
}
