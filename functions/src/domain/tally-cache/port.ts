import type { ChannelKind } from '@shared/model/channel';
import type { NodeKind } from '@shared/model/org';

/**
 * Counters the writers keep so a reader can tell, in one small read, whether what it computed
 * before still holds (tally-cache/cache.ts):
 * - per round, a tally version in a fixed number of stripes (so ballots do not all meet on one
 *   item) — one stripe added to in each ballot's own transaction, beside its tally update, so
 *   the versions and the counters they stand for never disagree;
 * - per node kind, the org nodes created — added to in each node import transaction (nodes are
 *   never changed or deleted, so a count names the set).
 * Both only ever grow: an equal value read later means nothing was written in between.
 */
export interface VersionStore {
  /** One consistent read of both: `stripes` has one entry per stripe (0 when absent), in a fixed order. */
  readVersions(roundId: string): Promise<TallyVersions>;
}

/** One counter of a round's tallies: a target × channel (summed over the tally shards). */
export interface TallyCounter {
  targetId: string;
  channel: ChannelKind;
}

export interface TallyVersions {
  stripes: number[];
  /**
   * Per stripe, the counter its latest ballot added to (undefined before any, or for stripes
   * written before this was kept). Read in the same item as the stripe's version, so a stripe
   * exactly one ahead of a remembered version names the one ballot counted since.
   */
  lasts: Array<TallyCounter | undefined>;
  nodes: Partial<Record<NodeKind, number>>;
}
