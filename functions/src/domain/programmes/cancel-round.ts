import { AppError } from '@shared/errors';
import { CANCELLABLE_STATUSES, type Round } from '@shared/model/round';
import type { Deps } from '../deps';
import { getRoundOrThrow } from '../rounds-admin';

/**
 * Cancels an abandoned round (draft, open or closed; a published round is corrected, never
 * cancelled). A cancelled round takes no ballots (ROUND_CANCELLED), cannot be published and is
 * never anyone's history. The write is conditional on the status read, so a publication racing
 * the cancellation makes one of them fail with ROUND_STATE_CONFLICT, never both succeed.
 * The reason stays on the round; the route puts it, with who cancelled, in the office audit log.
 */
export async function cancelRound(deps: Deps, roundId: string, reason: string): Promise<Round> {
  const round = await getRoundOrThrow(deps, roundId);
  if (!CANCELLABLE_STATUSES.includes(round.status)) throw new AppError('ROUND_STATE_CONFLICT', { roundId, from: round.status, to: 'cancelled' });
  return deps.store.rounds.transitionRound(roundId, round.status, { status: 'cancelled', cancelledAt: deps.clock.now().toISOString(), cancelReason: reason });
}
