import type { ChannelKind } from '@shared/model/channel';
import type { ChannelTally } from '@shared/api/results';

/** A comment as the disclosure store keeps it; `ballotId` and `receivedAt` never leave the domain. */
export interface CommentRecord {
  ballotId: string;
  receivedAt: string;
  day: string;
  channel: ChannelKind;
  windowId?: string;
  /** The scrubbed copy written with the ballot. */
  text: string;
}

/**
 * What a target's staff were last shown of an open round (one item per round × target): the
 * tallies and comments of one moment, kept until at least k more ballots arrived.
 */
export interface DisclosedBatch {
  targetId: string;
  /** Ballots counted on the target's counters when the batch was taken (voids included). */
  ballots: number;
  /** The tallies then, less the ballots voided by then. */
  channels: Partial<Record<ChannelKind, ChannelTally>>;
  comments: CommentRecord[];
  /** The batch covers comments (and tasks from ballots) received before this instant; never shown. */
  before: string;
}

export interface DisclosureStore {
  /** Every batch of a round, by target. */
  listBatches(roundId: string): Promise<Map<string, DisclosedBatch>>;
  /**
   * Stores a new batch only if the one it replaces is still the stored one (`previousBallots`,
   * undefined for the first): false when another read moved it first (that one stands).
   */
  putBatch(roundId: string, batch: DisclosedBatch, previousBallots: number | undefined): Promise<boolean>;
  /** Up to `limit` comments on a target, newest first, received before `before` when given. */
  listComments(roundId: string, targetId: string, limit: number, before?: string): Promise<CommentRecord[]>;
}
