import type { ChannelTally } from '../../../shared/api/results';
import type { TargetFacts } from '../../../shared/scoring/facts';
import type { Consequence, RoundResult, TargetResult } from '../../../shared/scoring/result';

type TargetIn = Partial<Omit<TargetFacts, 'targetId'>> & { targetId: string };

/** A single-item tally: `tally('overall', { satisfied: 17, unsatisfied: 3 })` has 20 ballots. */
export function tally(item: string, counts: Record<string, number>, ballots?: number): ChannelTally {
  const n = Object.values(counts).reduce((s, x) => s + x, 0);
  return { ballots: ballots ?? n, answers: { [item]: counts } };
}

export function target(t: TargetIn): TargetIn {
  return t;
}

export function byId(result: RoundResult, id: string): TargetResult {
  const t = result.targets.find((x) => x.targetId === id);
  if (!t) throw new Error(`no result for ${id}`);
  return t;
}

export function ruleIds(t: TargetResult): string[] {
  return t.consequences.map((c) => c.ruleId);
}

export function consequence(t: TargetResult, ruleId: string): Consequence | undefined {
  return t.consequences.find((c) => c.ruleId === ruleId);
}

export function flagIds(t: TargetResult): string[] {
  return t.flags.map((f) => f.id);
}
