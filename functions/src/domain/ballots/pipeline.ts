import { AppError } from '@shared/errors';
import type { Receipt } from '@shared/model/ballot';
import type { Deps } from '../deps';
import { checkBallot } from './check';
import { composeBallot, invitationOf, type BallotDraft } from './compose';
import { rateLimited } from './rate-limits';
import { settleBallot } from './settle';
import { forgetFenced, freshStanding, rememberedStanding, type StandingReader } from './standing';

/** What every entry point answers: the receipt, and whether it is the first one again (a retry). */
export interface SubmitResult {
  receipt: Receipt;
  replayed: boolean;
}

/** Who files the ballot, known before the checks: what a refusal's receipt lookup needs. */
export interface BallotIdentity {
  idempotencyKey: string;
  fingerprint: string;
}

/**
 * How one way in (a citizen's token, a sheet, a phone row, a paper form) becomes a draft. Both
 * steps read through `read`, which may answer from memory (standing.ts) and is asked again,
 * fresh, when what it remembered led to a refusal or a fenced transaction.
 *  - `identify`: the token or account, the evaluator and the keys. Its refusals (a forged or
 *    revoked token, no session) are answered without a receipt lookup: there is no evaluator.
 *  - `place`: round, target and what only this entry checks, ending in the draft.
 */
export interface BallotIntake<I extends BallotIdentity = BallotIdentity> {
  identify(read: StandingReader): Promise<I>;
  place(read: StandingReader, who: I): Promise<BallotDraft>;
}

/** How many times a fenced transaction sends the pipeline back to fresh reads before it gives up (503, retry). */
const FENCED_PASSES = 3;

/**
 * The one way a ballot is written, for every channel: check → compose → write → settle.
 *
 * One store round trip in the common case: the round, the org nodes, a window's QR state and
 * an invitation come from memory (standing.ts); the receipt of a retry comes back from the
 * transaction's own cancellation (the idempotency marker's old item), not from a read before
 * it; the rate counters are conditions inside it; nothing is written after it.
 *
 * Order matters:
 *  1. identify — the token (forged/revoked → 403) and the evaluator;
 *  2. place + check — round state, channel, target, own unit, answers against the scheme's form,
 *     dedupe key, rate counters. A refusal here may be the retry of a ballot we accepted (a
 *     phone that queued it offline and resends after the round closed): the receipt is looked
 *     up before the refusal is answered, and the first receipt wins. A refusal built on
 *     remembered data is then checked again with fresh reads;
 *  3. compose — ids, digest, receipt;
 *  4. write — one transaction: idempotency marker, dedupe marker, ballot, tally shard, the
 *     invitation's answered mark, the rate counters (each below its limit) and the fence (round
 *     still open, link/QR still at its version). A retry finds the marker: `replay`. A fence
 *     that fails means memory was stale: forget it, go back to 1 with fresh reads;
 *  5. settle — post-commit work (settle.ts).
 */
export async function enterBallot<I extends BallotIdentity>(deps: Deps, intake: BallotIntake<I>): Promise<SubmitResult> {
  let lookedUp = false;
  for (let pass = 0; ; pass++) {
    const read = pass === 0 ? rememberedStanding(deps.store) : freshStanding(deps.store);
    let who: I;
    try {
      who = await intake.identify(read);
    } catch (e) {
      if (e instanceof AppError && read.remembered) continue;
      throw e;
    }
    let draft: BallotDraft;
    let write;
    let checked;
    try {
      draft = await intake.place(read, who);
      checked = await checkBallot(deps, read, draft);
      write = composeBallot(deps, checked);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      if (!lookedUp) {
        lookedUp = true;
        const earlier = await deps.store.ballots.findReceipt(who.idempotencyKey);
        if (earlier) return replay(earlier, who.fingerprint);
      }
      if (read.remembered) continue;
      throw e;
    }
    const result = await deps.store.ballots.writeBallot(write);
    switch (result.kind) {
      case 'accepted':
        return settleBallot(deps, write);
      case 'replay':
        return replay(result, who.fingerprint);
      case 'limited':
        throw rateLimited(checked.rate, result.index);
      case 'duplicate':
        throw new AppError(draft.duplicateCode);
      case 'fenced':
        forgetFenced(deps.store, write.fence, invitationOf(draft.source));
        if (pass + 1 >= FENCED_PASSES) throw new AppError('STORE_UNAVAILABLE', { reason: 'the round changed while the ballot was written; send it again' });
    }
  }
}

/** A retry of an accepted ballot: the first receipt, unless the body changed. */
export function replay(earlier: { receipt: Receipt; fingerprint: string }, fingerprint: string): SubmitResult {
  if (earlier.fingerprint !== fingerprint) throw new AppError('IDEMPOTENCY_CONFLICT');
  return { receipt: earlier.receipt, replayed: true };
}
