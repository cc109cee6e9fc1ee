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
  readVersions(roundId: string): Promise<{ stripes: number[]; nodes: Partial<Record<NodeKind, number>> }>;
}
