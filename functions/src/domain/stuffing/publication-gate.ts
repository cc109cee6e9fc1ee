import { AppError } from '@shared/errors';
import { tallyKeys } from '@shared/model/form';
import { formFor } from '@shared/model/scheme-forms';
import type { ChannelKind } from '@shared/model/channel';
import type { ChannelTally } from '@shared/api/results';
import type { RoundFacts, RoundResult, Scheme } from '@shared/scoring';
import type { PublishedFlagDecision } from '@shared/publication/snapshot';
import { FLAG_KIND_LABELS } from '@shared/api/flags';
import type { StoredVoid } from '../../ports';
import type { Deps } from '../deps';
import { score } from '../results';
import { withoutVoids } from '../round-facts';
import { undecidedFlags } from './flags';

/**
 * Stuffing cannot move a name silently. A flag's ballots stay counted until a supervisor
 * decides (docs/anti-stuffing.md), so before a ranking is published each undecided flag is
 * tried both ways: as the results stand (what `keep` gives) and with its ballots taken out (what
 * `exclude` gives). If the named positions differ, publishing is refused with
 * STUFFING_UNDECIDED (409) naming the flags and the targets they could move; once decided, the
 * flag no longer blocks, and its decision is frozen into the snapshot (`flagDecisions`).
 *
 * Named positions, per target: the consequences that fire (a worst-first list's 约谈, a last
 * place's 问责 …), the grade, and the place itself where the ranking names places — every rank
 * of a worst-first ranking, last place of a best-first one. Each flag is tried alone and all
 * undecided flags together (two flags that only move a name jointly are caught too; other
 * combinations are not tried — a supervisor decides them one at a time anyway).
 */
export async function assertStuffingDecided(deps: Deps, roundId: string, scheme: Scheme, facts: RoundFacts, results: RoundResult): Promise<void> {
  const undecided = await undecidedFlags(deps, roundId);
  if (undecided.length === 0) return;
  const named = namedPositions(results);
  const moved = (ballots: (typeof undecided)[number]['counted']) => changedTargets(named, namedPositions(score(scheme, without(scheme, facts, ballots))));
  const blocking = undecided.flatMap(({ flag, counted }) => {
    const targets = moved(counted);
    return targets.length > 0 ? [{ flagId: flag.flagId, kind: flag.kind, label: flag.label, places: flag.places, ballots: counted.length, targets }] : [];
  });
  if (blocking.length === 0 && undecided.length > 1) {
    const targets = moved(undecided.flatMap((u) => u.counted));
    if (targets.length > 0) blocking.push(...undecided.map(({ flag, counted }) => ({ flagId: flag.flagId, kind: flag.kind, label: flag.label, places: flag.places, ballots: counted.length, targets })));
  }
  if (blocking.length > 0) throw new AppError('STUFFING_UNDECIDED', { roundId, flags: blocking });
}

/** The decided flags a version shows, oldest decision first. */
export async function publishedFlagDecisions(deps: Pick<Deps, 'store'>, roundId: string): Promise<PublishedFlagDecision[]> {
  const decisions = await deps.store.review.listFlagDecisions(roundId);
  return decisions
    .map((d) => ({ flagId: d.flagId, kind: d.kind, label: FLAG_KIND_LABELS[d.kind], decision: d.decision, reason: d.reason, decidedAt: d.decidedAt, decidedBy: d.decidedBy, ballots: d.ballotIds.length, places: d.places }))
    .sort((a, b) => a.decidedAt.localeCompare(b.decidedAt) || a.flagId.localeCompare(b.flagId));
}

/**
 * What a published ranking names, per target, as one comparable string.
 * @example namedPositions(results).get('s11') === '{"consequences":["worst"],"grade":"poor","place":1}'
 */
export function namedPositions(r: RoundResult): Map<string, string> {
  return new Map(
    r.targets.map((t) => {
      const place = t.rank === null ? null : r.direction === 'worst-first' ? t.rank : t.rank === t.rankedCount ? 'last' : null;
      return [t.targetId, JSON.stringify({ consequences: t.consequences.map((c) => c.ruleId).sort(), grade: t.grade?.id ?? null, place })];
    }),
  );
}

function changedTargets(a: Map<string, string>, b: Map<string, string>): string[] {
  const ids = new Set([...a.keys(), ...b.keys()]);
  return [...ids].filter((id) => a.get(id) !== b.get(id)).sort();
}

/** The facts with these ballots taken out, the way an exclusion would (void = subtract its cells). */
function without(scheme: Scheme, facts: RoundFacts, ballots: ReadonlyArray<{ ballotId: string; targetId: string; channel: ChannelKind; answers: Parameters<typeof tallyKeys>[1] }>): RoundFacts {
  const voids = new Map<string, StoredVoid[]>();
  const formKeys = new Map(facts.targets.map((t) => [t.targetId, t.formKey]));
  for (const b of ballots) {
    const formKey = formKeys.get(b.targetId);
    const cells = tallyKeys(formFor(scheme, formKey ? { formKey } : {}, b.channel), b.answers);
    const list = voids.get(b.targetId) ?? [];
    list.push({ ballotId: b.ballotId, targetId: b.targetId, channel: b.channel, cells, reason: '', voidedAt: '', voidedBy: '' });
    voids.set(b.targetId, list);
  }
  return {
    ...facts,
    targets: facts.targets.map((t) => {
      const mine = voids.get(t.targetId);
      if (!mine) return t;
      // Flagged ballots are stored ballots, so their channels are tallies (never imported sheet lists).
      const tallies = Object.fromEntries(Object.entries(t.channels).filter(([, c]) => c !== undefined && 'ballots' in c)) as Partial<Record<ChannelKind, ChannelTally>>;
      return { ...t, channels: { ...t.channels, ...withoutVoids(tallies, mine) } };
    }),
  };
}
