import { quantise } from './compare';
import type { Ranking } from './scheme';
import type { Bounds } from './wilson';

/** What the ranking needs of one target. */
export type RankEntry = { targetId: string; value: number | null; interval: Bounds | null; ballots: number; forced: boolean };

export type Placement = {
  rank: number | null;
  tieSize: number;
  rankedCount: number;
  overlapsPrevious: boolean | null;
  overlapsNext: boolean | null;
  notRanked?: 'no_score' | 'insufficient_ballots';
};

/**
 * Ranks one group. Forced targets (南川: verified misconduct) come first, ordered among
 * themselves by score; the rest follow by score in the scheme's direction. Ranks are
 * "competition" ranks: equal scores on the comparison grid share a rank and the next rank
 * skips (1, 2, 2, 4), so a cut at rank k never depends on the order of input. Returns the
 * placements and the ranked order (ties listed by target id, for a stable printout).
 * @example rankGroup(entries, { direction: 'best-first', higherIs: 'better' }).order[0] // the best target
 */
export function rankGroup(entries: RankEntry[], ranking: Ranking): { placements: Map<string, Placement>; order: string[] } {
  const placements = new Map<string, Placement>();
  const eligible: RankEntry[] = [];
  for (const e of entries) {
    const tooFew = ranking.minBallots !== undefined && e.ballots < ranking.minBallots.count;
    if (e.forced || (e.value !== null && !tooFew)) eligible.push(e);
    else placements.set(e.targetId, { rank: null, tieSize: 1, rankedCount: 0, overlapsPrevious: null, overlapsNext: null, notRanked: e.value === null ? 'no_score' : 'insufficient_ballots' });
  }
  const descending = (ranking.direction === 'best-first') === (ranking.higherIs === 'better');
  // A forced target without a score sorts after the forced ones with one.
  const key = (e: RankEntry): number => (e.value === null ? Infinity : descending ? -quantise(e.value) : quantise(e.value));
  const cmpScore = (a: RankEntry, b: RankEntry): number => {
    if (a.forced !== b.forced) return a.forced ? -1 : 1;
    const ka = key(a);
    const kb = key(b);
    return ka === kb ? 0 : ka < kb ? -1 : 1;
  };
  const sorted = [...eligible].sort((a, b) => cmpScore(a, b) || (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0));
  const ranks: number[] = [];
  sorted.forEach((e, i) => {
    const prev = sorted[i - 1];
    ranks.push(prev && cmpScore(prev, e) === 0 ? ranks[i - 1]! : i + 1);
  });
  const tieSizes = new Map<number, number>();
  for (const r of ranks) tieSizes.set(r, (tieSizes.get(r) ?? 0) + 1);
  sorted.forEach((e, i) => {
    const rank = ranks[i]!;
    placements.set(e.targetId, {
      rank,
      tieSize: tieSizes.get(rank) ?? 1,
      rankedCount: sorted.length,
      overlapsPrevious: overlap(e, sorted[i - 1]),
      overlapsNext: overlap(e, sorted[i + 1]),
    });
  });
  return { placements, order: sorted.map((e) => e.targetId) };
}

/** Whether two neighbours' intervals overlap; a forced place is not a score, so it has none. */
function overlap(a: RankEntry, b: RankEntry | undefined): boolean | null {
  if (!b || a.forced || b.forced || !a.interval || !b.interval) return null;
  return quantise(a.interval.lower) <= quantise(b.interval.upper) && quantise(b.interval.lower) <= quantise(a.interval.upper);
}
