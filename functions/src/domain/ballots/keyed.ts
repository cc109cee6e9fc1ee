import { AppError } from '@shared/errors';
import type { Deps } from '../deps';
import type { BallotDraft } from './compose';
import { enterBallot, type SubmitResult } from './pipeline';

/**
 * An opinion the office keys in — a phone survey row, a returned paper form (or the form's
 * online twin): the entry has already resolved its round, target and evaluator and names its
 * own idempotency, fingerprint and dedupe keys (a call id, a printed serial). No token, no
 * session, no rate counters: the office, not a citizen, files it.
 */
export type KeyedBallot = Omit<BallotDraft, 'fence' | 'now' | 'session' | 'rate'> & {
  /** When it was received; the clock's now by default. */
  now?: Date;
};

/**
 * The pipeline's entry for keyed ballots (phone-survey.ts; paper intake:
 * `source: { kind: 'paper', serial, paperKind?, postmarkedOn?, filledOn? }`). The round is read
 * again through the pipeline's reader — from memory, asserted open inside the ballot's own
 * transaction — so a round closed while a batch is keyed refuses the rest of the batch, and a
 * retry of an accepted one gets its first receipt even then.
 */
export function enterKeyedBallot(deps: Deps, k: KeyedBallot): Promise<SubmitResult> {
  return enterBallot(deps, {
    identify: async () => k,
    place: async (read): Promise<BallotDraft> => {
      const round = await read.round(k.round.id);
      if (!round) throw new AppError('ROUND_NOT_FOUND', { roundId: k.round.id });
      const { now, ...rest } = k;
      return { ...rest, round, fence: {}, now: now ?? deps.clock.now() };
    },
  });
}
