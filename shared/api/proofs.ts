import { z } from 'zod';
import { RoundId } from '../model/ids';
import { MERKLE_TREE } from '../publication/merkle';

/**
 * One receipt's place in a published version's ballot tree; check it with `verifyInclusion`
 * (shared/publication/merkle.ts). A module of its own so the receipt page, in the mini-program's
 * main package, does not pull in the snapshot's schemas.
 */
export const BallotInclusionResponse = z.object({
  roundId: RoundId,
  version: z.number().int(),
  /** sha256 of the snapshot the root is part of (the hash printed with the results). */
  hash: z.string(),
  tree: z.literal(MERKLE_TREE),
  root: z.string(),
  digest: z.string(),
  ballotId: z.string(),
  proof: z.object({ index: z.number().int(), size: z.number().int(), path: z.array(z.string()) }),
  voided: z.object({ reason: z.string(), voidedAt: z.string() }).optional(),
});
export type BallotInclusionResponse = z.infer<typeof BallotInclusionResponse>;
