import type { Ballot, Receipt } from '@shared/model/ballot';
import type { ChannelTally } from '@shared/api/results';
import type { ChannelKind } from '@shared/model/channel';
import type { OriginalComment } from '@shared/api/audit';
import type { TallyCounter } from '../tally-cache/port';

/**
 * What the ballot pipeline (pipeline.ts) needs from storage: one transaction per ballot, the
 * receipt lookup of a refused request, and the reads of tallies, comments and stored ballots.
 * adapters/dynamodb/ballot-store.ts implements it.
 */

/**
 * One accepted ballot: the immutable ballot, its dedupe key, its idempotency key and the
 * tally cells it adds to, written in one transaction.
 */
export interface BallotWrite {
  ballot: Ballot;
  receipt: Receipt;
  /** Stable across retries of the same client ballot by the same evaluator. */
  idempotencyKey: string;
  /** Request fingerprint: a retry with another body under the same key is a conflict. */
  fingerprint: string;
  dedupeKey: string;
  tallyCells: Array<[string, string]>;
  /** Counters added to in the same transaction, each on condition it is below its limit. */
  rateCounters?: RateCounter[];
  /**
   * Invitation channels: the invitation records the target as answered, in the same
   * transaction — on condition it still exists, is not revoked and has not expired at the
   * ballot's receipt time.
   */
  invitationId?: string;
  /** The comment as unit staff may read it (scrubbed of identifying details), when there is one. */
  staffComment?: string;
  /** What the checks read from memory, asserted again at commit (see BallotFence). */
  fence?: BallotFence;
}

/**
 * The standing a ballot was checked against, re-asserted inside its transaction as condition
 * checks: the pipeline may check a ballot against a cached round or QR state, and this makes a
 * stale cache fail the transaction (`fenced`) instead of letting the ballot in.
 */
export interface BallotFence {
  /**
   * The round item still says `open` (or, for a dated late return, `open` or `closed`: never
   * published or cancelled); for a link ballot, its link is still at this version and not revoked.
   */
  round: { id: string; samplingVersion?: number; acceptClosed?: boolean };
  /** Window ballots: the window's QR is still at this version and not revoked. */
  qr?: { windowId: string; version: number };
}

/** A comment as unit staff see it: the day only (a minute would point at a person), no evaluator. */
export interface StaffComment {
  day: string;
  channel: ChannelKind;
  windowId?: string;
  text: string;
}

export type BallotWriteResult =
  | { kind: 'accepted' }
  | { kind: 'replay'; receipt: Receipt; fingerprint: string }
  | { kind: 'duplicate' }
  /** `rateCounters[index]` was full: nothing was written. */
  | { kind: 'limited'; index: number }
  /** A fence condition failed (the round, QR or invitation changed since it was read): nothing was written. */
  | { kind: 'fenced' };

/**
 * One rate counter a ballot goes against (ballots/rate-limits.ts): a key's count in the fixed
 * window starting at `windowStartMs`, added to in the ballot's own transaction only while it is
 * below `limit`. The store, not the process, holds it: Lambda runs many containers.
 */
export interface RateCounter {
  key: string;
  windowStartMs: number;
  windowSeconds: number;
  limit: number;
}

export interface BallotStore {
  /** The first receipt under an idempotency key (a refused request may be a retry of an accepted one). */
  findReceipt(idempotencyKey: string): Promise<{ receipt: Receipt; fingerprint: string } | undefined>;
  /** The one transaction; a retry of an accepted ballot is answered from the transaction's own cancellation. */
  writeBallot(write: BallotWrite): Promise<BallotWriteResult>;
  /** Sums the counter shards: O(targets × channels × shards) items, never the ballots. */
  readTallies(roundId: string, shards: number): Promise<Map<string, Partial<Record<ChannelKind, ChannelTally>>>>;
  /** The same sums for a few counters only (target × channel, every shard): what a remembered answer needs after a ballot. */
  readCounters(roundId: string, shards: number, counters: TallyCounter[]): Promise<Map<string, Partial<Record<ChannelKind, ChannelTally>>>>;
  /** Scrubbed comments on one target, newest first. */
  listComments(roundId: string, targetId: string, limit: number): Promise<StaffComment[]>;
  /**
   * The named ballots as stored now (BatchGet; one missing from the table is missing from the
   * map). For the paged public ballot log, which walks the published leaves, not the table.
   */
  getBallots(roundId: string, refs: ReadonlyArray<{ ballotId: string; receivedAt: string; shard: number }>): Promise<Map<string, Ballot>>;
  /** Every stored ballot of a round (the recount's input). */
  listBallots(roundId: string, shards: number): AsyncIterable<Ballot>;
  /**
   * The comments on one target as written (not scrubbed), newest first, read from the ballots
   * themselves; `shardOf` says which ballot partition holds a ballot id. No evaluator.
   */
  listOriginalComments(roundId: string, targetId: string, limit: number, shardOf: (ballotId: string) => number): Promise<OriginalComment[]>;
}
