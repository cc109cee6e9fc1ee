import { z } from 'zod';
import { ClientBallotId, RoundId, NodeId } from '../model/ids';
import { Answers } from '../model/form';
import { COMMENT_MAX, Receipt } from '../model/ballot';
import { CitizenText } from '../privacy/text';

/**
 * A ballot as the client sends it. The channel comes from the token (window QR scene, sampling
 * link, invitation). `targetId` is required for sampling and directed (the evaluator picks the
 * section); for window tokens it is implied. `roundId` is needed only when several open rounds
 * cover the same window.
 */
export const SubmitBallotRequest = z.strictObject({
  clientBallotId: ClientBallotId,
  token: z.string().min(1).max(200),
  roundId: RoundId.optional(),
  targetId: NodeId.optional(),
  answers: Answers,
  /** Control, bidi and zero-width characters are stripped before the length check (shared/privacy/text.ts). */
  comment: CitizenText(COMMENT_MAX).optional(),
});
export type SubmitBallotRequest = z.infer<typeof SubmitBallotRequest>;

/** 201 for a new ballot, 200 with the same receipt for a retry. */
export const SubmitBallotResponse = z.object({ receipt: Receipt, replayed: z.boolean() });
export type SubmitBallotResponse = z.infer<typeof SubmitBallotResponse>;
