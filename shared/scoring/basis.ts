import type { ChannelKind } from '../model/channel';
import type { Component } from './components';
import type { TargetFacts } from './facts';
import type { Ranking, Scheme } from './scheme';
import { ballotsOn, type TargetTallies } from './tallies';

/**
 * The sampled components a component rests on for a target of `group` (through weighted parts,
 * `byGroup` included): shares, return rates and point means; inputs and deductions are facts.
 * @example sampledParts(tonghe, 'total', 'enforcement').map((c) => c.id) // ['survey', 'hearing']
 */
export function sampledParts(scheme: Scheme, componentId: string, group: string): Component[] {
  const c = scheme.components.find((x) => x.id === componentId);
  if (!c) return [];
  if (c.kind === 'proportion' || c.kind === 'returnRate' || c.kind === 'pointsMean') return [c];
  if (c.kind !== 'weighted') return [];
  const parts = c.byGroup?.[group] ?? c.parts;
  const out: Component[] = [];
  for (const p of parts) for (const s of sampledParts(scheme, p.component, group)) if (!out.includes(s)) out.push(s);
  return out;
}

/**
 * Whether a target's forms did not come back although people were served: fewer ballots on
 * the ranking's channels (`minBallots.channels`, else every channel the basis reads) than the
 * ranking needs (`minBallots.count`, else 1), while `served` is unknown or at least that many.
 * A target that served fewer people than the minimum could not have reached it and is not
 * silent. docs/scoring.md#silent-targets.
 * @example isSilent(ganquan, ganquan.ranking, { served: 50, ... }, {}) // true: 50 served, 0 forms back
 */
export function isSilent(scheme: Scheme, ranking: Ranking, t: TargetFacts, tallies: TargetTallies): boolean {
  const channels = rankingChannels(scheme, ranking, t.group);
  if (channels.length === 0) return false;
  const needed = ranking.minBallots?.count ?? 1;
  if (ballotsOn(tallies, channels) >= needed) return false;
  return t.served === undefined || t.served >= needed;
}

/**
 * The channels whose forms a target's place rests on: `minBallots.channels`, else every channel
 * the ranking basis reads for that group.
 * @example rankingChannels(ganquan, ganquan.ranking, 'all') // ['window']
 */
export function rankingChannels(scheme: Scheme, ranking: Ranking, group: string): ChannelKind[] {
  return ranking.minBallots?.channels ?? [...new Set(sampledParts(scheme, ranking.basis ?? scheme.total, group).flatMap((c) => ('channels' in c ? c.channels : [])))];
}
