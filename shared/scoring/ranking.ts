import { quantise } from './compare';
import type { Ranking } from './scheme';
import type { Bounds } from './wilson';

/**
 * What the ranking needs of one target. `silent`: its forms did not come back although people
 * were served (the engine decides, see docs/scoring.md#silent-targets); it matters only when
 * the scheme's ranking says `silent: 'worst'` and the target could not be ranked otherwise.
 */
export type RankEntry = { targetId: string; value: number | null; interval: Bounds | null; ballots: number; forced: boolean; silent?: boolean };

export type Placement = {
  rank: number | null;
  tieSize: number;
  rankedCount: number;
  overlapsPrevious: boolean | null;
  overlapsNext: boolean | null;
  notRanked?: 'no_score' | 'insufficient_ballots';
  /** Placed at the worst place because its forms did not come back (`silent: 'worst'`). */
  silent?: true;
  /**
   * The order a stated rule gives before any score: put first 0, silent in a worst-first
   * ranking 0.5, scored 1, silent in a best-first ranking 2.
   */
  tier?: number;
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
  const silent = new Set<string>();
  for (const e of entries) {
    const tooFew = ranking.minBallots !== undefined && e.ballots < ranking.minBallots.count;
    if (e.forced || (e.value !== null && !tooFew)) eligible.push(e);
    else if (ranking.silent === 'worst' && e.silent) {
      eligible.push(e);
      silent.add(e.targetId);
    } else placements.set(e.targetId, { rank: null, tieSize: 1, rankedCount: 0, overlapsPrevious: null, overlapsNext: null, notRanked: e.value === null ? 'no_score' : 'insufficient_ballots' });
  }
  const descending = (ranking.direction === 'best-first') === (ranking.higherIs === 'better');
  // 末位 is the tail of a best-first ranking and the head (after the forced) of a worst-first one.
  const tier = (e: RankEntry): number => (e.forced ? 0 : silent.has(e.targetId) ? (ranking.direction === 'worst-first' ? 0.5 : 2) : 1);
  // A forced target without a score sorts after the forced ones with one.
  const key = (e: RankEntry): number => (e.value === null ? Infinity : descending ? -quantise(e.value) : quantise(e.value));
  const cmpScore = (a: RankEntry, b: RankEntry): number => {
    const ta = tier(a);
    const tb = tier(b);
    if (ta !== tb) return ta < tb ? -1 : 1;
    // Silent targets share their place whatever the few forms they returned say.
    if (silent.has(a.targetId)) return 0;
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
      overlapsPrevious: overlap(e, sorted[i - 1], silent),
      overlapsNext: overlap(e, sorted[i + 1], silent),
      ...(silent.has(e.targetId) ? { silent: true as const } : {}),
      tier: tier(e),
    });
  });
  return { placements, order: sorted.map((e) => e.targetId) };
}

/** Whether two neighbours' intervals overlap; a forced place is not a score, so it has none. */
function overlap(a: RankEntry, b: RankEntry | undefined, silent: ReadonlySet<string>): boolean | null {
  if (!b || a.forced || b.forced || silent.has(a.targetId) || silent.has(b.targetId) || !a.interval || !b.interval) return null;
  return quantise(a.interval.lower) <= quantise(b.interval.upper) && quantise(b.interval.lower) <= quantise(a.interval.upper);
}
