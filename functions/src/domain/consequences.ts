import { AppError } from '@shared/errors';
import { consequenceActions } from '@shared/publication/consequence-list';
import type { ConsequencesResponse } from '@shared/api/publication';
import { Scheme } from '@shared/scoring';
import type { Snapshot } from '@shared/publication/snapshot';
import type { Deps } from './deps';
import type { SchemeRef } from './schemes/resolve';
import { getRoundOrThrow } from './rounds-admin';
import { readPublication } from './publication';
import { roundResults } from './results';

/** The rule ids of a scheme in its own order (the list is grouped by rule in that order). */
export async function ruleOrder(deps: Deps, ref: SchemeRef): Promise<string[]> {
  return ruleIdsOf(await deps.schemes(ref));
}

/** A published version's rule order: from the scheme it embeds (older snapshots: the pinned version). */
export async function snapshotRuleOrder(deps: Deps, snapshot: Snapshot): Promise<string[]> {
  return snapshot.scheme ? ruleIdsOf(snapshot.scheme) : ruleOrder(deps, snapshot.round);
}

const ruleIdsOf = (scheme: unknown): string[] => {
  const s = Scheme.safeParse(scheme);
  return s.success ? s.data.rules.map((r) => r.id) : [];
};

/**
 * The supervising office's action list for a round: from the latest published version once there
 * is one (what was announced is what is enforced), otherwise a preview computed now; none for a
 * cancelled round.
 */
export async function roundConsequences(deps: Deps, roundId: string): Promise<ConsequencesResponse> {
  const round = await getRoundOrThrow(deps, roundId);
  // A cancelled round never counts: not even a preview of what it would have made the office do.
  if (round.status === 'cancelled') throw new AppError('ROUND_CANCELLED', { roundId });
  const order = await ruleOrder(deps, round);
  if (round.status === 'published') {
    const { snapshot } = await readPublication(deps, roundId);
    return { roundId, source: 'published', version: snapshot.version, actions: consequenceActions(snapshot.results, order) };
  }
  return { roundId, source: 'preview', actions: consequenceActions(await roundResults(deps, roundId), order) };
}
