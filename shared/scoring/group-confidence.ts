import { sampledParts } from './basis';
import type { RankBounds } from './conditions';
import type { TargetFacts } from './facts';
import { rankConfidence, type ConfidenceItem } from './rank-confidence';
import type { Placement } from './ranking';
import type { ComponentScore } from './result';
import type { Ranking, Scheme } from './scheme';
import type { TargetTallies } from './tallies';
import { scoreComponents } from './component-scores';

type Member = { facts: TargetFacts; tallies: TargetTallies; components: Map<string, ComponentScore> };

/**
 * The rank confidence of one ranked group: a share or point mean as basis is compared pair by
 * pair (Newcombe, Bonferroni over the pairs); a weighted total by its envelope at a Bonferroni
 * level over every sampled part of every target (non-overlap). Silent targets and targets put
 * first are placed by rule, so they are certain of their block.
 * @example groupConfidence(scheme, scheme.ranking!, members, placements)?.info.method // 'pairwise'
 */
export function groupConfidence(
  scheme: Scheme,
  ranking: Ranking,
  members: Member[],
  placements: ReadonlyMap<string, Placement>,
): { info: { method: 'pairwise' | 'intervals' | 'exact'; level: number; comparisons: number; z: number }; bounds: Map<string, RankBounds> } | null {
  const basisId = ranking.basis ?? scheme.total;
  const ranked = members.filter((m) => placements.get(m.facts.targetId)?.rank != null);
  if (ranked.length === 0) return null;
  const basis = scheme.components.find((c) => c.id === basisId);
  const pairwise = basis?.kind === 'proportion' || basis?.kind === 'returnRate' || basis?.kind === 'pointsMean';
  let sampledIntervals = 0;
  const items: ConfidenceItem[] = ranked.map((m) => {
    const p = placements.get(m.facts.targetId)!;
    const value = p.silent ? null : (m.components.get(basisId)?.value ?? null);
    if (value !== null) sampledIntervals += sampledParts(scheme, basisId, m.facts.group).length;
    const intervalAt = (z: number) => {
      const i = scoreComponents(scheme, m.facts, m.tallies, z).get(basisId)?.interval;
      return i ? { lower: i.lower, upper: i.upper } : { lower: value ?? 0, upper: value ?? 0 };
    };
    return { targetId: m.facts.targetId, tier: p.tier ?? 1, score: value, intervalAt, lowSample: m.components.get(basisId)?.interval?.lowSample ?? false };
  });
  const descending = (ranking.direction === 'best-first') === (ranking.higherIs === 'better');
  const c = rankConfidence(items, { method: pairwise ? 'pairwise' : 'intervals', descending, sampledIntervals });
  return { info: { method: c.method, level: c.level, comparisons: c.comparisons, z: c.z }, bounds: c.bounds };
}
