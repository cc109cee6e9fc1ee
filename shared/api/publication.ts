import { z } from 'zod';
import { NodeId, RoundId } from '../model/ids';
import { Period } from '../model/round';
import { PublicationSummary, Snapshot, VoidedBallot, MisconductRecord } from '../publication/snapshot';
import { ConsequenceAction } from '../publication/consequence-list';

/** Why: every review action names its reason; it is kept in the audit log and the snapshot. */
export const Reason = z.string().trim().min(2, '请填写理由').max(500);

export const VoidBallotRequest = z.strictObject({ reason: Reason });
export const MisconductRequest = z.strictObject({ targetId: NodeId, reason: Reason, reference: z.string().trim().max(100).optional() });
/** The first publication needs no reason; a correction (the round is already published) does. */
export const PublishRequest = z.strictObject({ reason: Reason.optional() });

export { VoidedBallot, MisconductRecord, PublicationSummary };

export const AuditLogResponse = z.object({
  entries: z.array(z.object({ entryId: z.string(), at: z.string(), actor: z.string(), action: z.string(), reason: z.string(), details: z.record(z.string(), z.unknown()) })),
});

export const ReviewBallotsResponse = z.object({
  ballots: z.array(z.object({ ballotId: z.string(), receiptId: z.string(), targetId: z.string(), channel: z.string(), answers: z.record(z.string(), z.unknown()), comment: z.string().optional(), receivedAt: z.string(), voided: z.boolean(), voidReason: z.string().optional() })),
});

export const PublicRoundList = z.object({
  rounds: z.array(z.object({ roundId: RoundId, name: z.string(), period: Period, schemeId: z.string(), schemeName: z.string(), version: z.number().int(), publishedAt: z.string() })),
});
export type PublicRoundList = z.infer<typeof PublicRoundList>;

/** A published version as the public page reads it: the snapshot, its hash, every version, and the consequence list. */
export const PublicResults = z.object({
  version: z.number().int(),
  hash: z.string(),
  publishedAt: z.string(),
  versions: z.array(PublicationSummary),
  snapshot: Snapshot,
  consequences: z.array(ConsequenceAction),
});
export type PublicResults = z.infer<typeof PublicResults>;

export const ConsequencesResponse = z.object({
  roundId: RoundId,
  /** `published`: from the latest published version; `preview`: computed now, nothing published yet. */
  source: z.enum(['published', 'preview']),
  version: z.number().int().optional(),
  actions: z.array(ConsequenceAction),
});
export type ConsequencesResponse = z.infer<typeof ConsequencesResponse>;

export { BallotInclusionResponse } from './proofs';
