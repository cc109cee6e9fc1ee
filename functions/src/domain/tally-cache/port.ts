import type { NodeKind } from '@shared/model/org';

/**
 * Counters the writers keep so a reader can tell, in one small read, whether what it computed
 * before still holds (tally-cache/cache.ts):
 * - per tally shard of a round, the ballots its counters hold — added to in each ballot's own
 *   transaction, on the same shard as the ballot's tally update, so the counter and the counters
 *   it stands for never disagree;
 * - per node kind, the org nodes created — added to in each node import transaction (nodes are
 *   never changed or deleted, so a count names the set).
 * Both only ever grow: an equal value read later means nothing was written in between.
 */
export interface VersionStore {
  /** One consistent read of both: `shards` has one entry per shard 0 … shards − 1 (0 when absent). */
  readVersions(roundId: string, shards: number): Promise<{ shards: number[]; nodes: Partial<Record<NodeKind, number>> }>;
}
