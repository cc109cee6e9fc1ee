import { z } from 'zod';
import { ClientBallotId, Instant, NodeId, RoundId } from './ids';
import { Answers } from './form';
import { ChannelKind } from './channel';

/** Comment limit (characters, not bytes). */
export const COMMENT_MAX = 500;
/** Request body limit for ballots, bytes. */
export const BALLOT_BODY_MAX_BYTES = 16 * 1024;

/**
 * A stored ballot: immutable once written. `evaluator` is an HMAC pseudonym (never an openid);
 * `windowId` is kept for window-channel ballots so a section round can still break down by window.
 */
export const Ballot = z.object({
  ballotId: z.string(),
  clientBallotId: ClientBallotId,
  receiptId: z.string(),
  roundId: RoundId,
  targetId: NodeId,
  windowId: NodeId.optional(),
  channel: ChannelKind,
  answers: Answers,
  comment: z.string().max(COMMENT_MAX).optional(),
  evaluator: z.string(),
  /**
   * Monitor and inspection sheets: which sheet, the period it covers, the inspector's notes and
   * evidence references. A paper form keyed by the office (`paper`) carries its printed serial
   * (the dedupe key: one count per serial, on paper or online), the kind of paper, and the
   * postmark or the day it was filled in when it has one.
   */
  sheet: z
    .object({
      kind: z.enum(['instant', 'monthly', 'inspection', 'phone', 'hearing', 'paper']),
      serial: z.string().optional(),
      paperKind: z.string().optional(),
      postmarkedOn: z.string().optional(),
      filledOn: z.string().optional(),
      month: z.string().optional(),
      visitedOn: z.string().optional(),
      notes: z.string().max(2000).optional(),
      evidence: z.array(z.object({ kind: z.string(), ref: z.string() })).max(10).optional(),
      hearingId: z.string().optional(),
      callId: z.string().optional(),
    })
    .optional(),
  receivedAt: Instant,
  shard: z.number().int().min(0),
  /** Random, never published: salts the seal over the private fields (shared/publication/ballot-log.ts). */
  nonce: z.string().optional(),
  /** The Merkle leaf this ballot is published as, computed at acceptance (absent on ballots stored before digests). */
  digest: z.string().optional(),
});
export type Ballot = z.infer<typeof Ballot>;

/**
 * What the citizen keeps. `receiptId` is short and public (they can quote it); a retry of the
 * same ballot returns the same receipt.
 */
export const Receipt = z.object({
  receiptId: z.string(),
  clientBallotId: ClientBallotId,
  roundId: RoundId,
  roundName: z.string(),
  targetId: NodeId,
  targetName: z.string(),
  channel: ChannelKind,
  receivedAt: Instant,
  /**
   * SHA-256 of the ballot as the public log shows it (shared/publication/ballot-log.ts). After
   * publication the citizen asks for this digest's inclusion proof and checks it against the
   * published root. Absent on receipts issued before digests existed.
   */
  digest: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type Receipt = z.infer<typeof Receipt>;
