import type { TalliesResponse, TargetTally } from '@shared/api/results';
import { ancestorAt, type NodeKind, type OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { Deps } from './deps';
import { getRoundOrThrow } from './rounds-admin';
import { isRoundTarget } from './round-rules';
import { countersSince, nodesOfKind, recall, remember, roundKeyOf, sameVersions, withCounters } from './tally-cache/cache';

/** Past this many counter items (counters × shards) a full read of the shards is as cheap. */
const MAX_KEYS_READ_AGAIN = 200;

export interface TallyRead {
  /**
   * Read the counters whatever is remembered: publication (what it freezes must be the store's
   * as it is, even after an edit made outside the app), and staff reads of an open round (a
   * remembered answer is faster, and how fast an answer comes must not tell staff whether a
   * ballot just arrived: docs/security.md).
   */
  fresh?: boolean;
}

/** A round's tallies with what they were read with, for readers that build on them (round-facts.ts). */
export interface TallyState {
  round: Round;
  /** The org version's node count per kind, as read beside the tally versions (empty when `fresh`). */
  nodeCounts: Partial<Record<NodeKind, number>>;
  /** Shared and frozen: copy before changing. */
  targets: readonly TargetTally[];
  /**
   * The targets are the tally memory's own (tally-cache/cache.ts): the same array comes back
   * exactly while the round, its tally versions and its node count stand still, so a reader may
   * remember what it built on them by the array's identity. False for fresh reads and for node
   * lists that could not be remembered.
   */
  remembered: boolean;
}

/**
 * Tallies per target of a round, from the counter shards: reads O(targets × channels × shards)
 * items whatever the number of ballots — once; while the round's tally versions and the org's
 * node count stand still, the answer is the one remembered (tally-cache/cache.ts), for the
 * price of the round and one small batch read. Targets with no ballot yet are listed with no
 * channels. The targets are shared and frozen: copy before changing.
 */
export async function roundTallies(deps: Deps, roundId: string, read: TallyRead = {}): Promise<TalliesResponse> {
  const { targets } = await tallyState(deps, roundId, read);
  return { roundId, computedAt: deps.clock.now().toISOString(), targets: targets as TargetTally[] };
}

export async function tallyState(deps: Deps, roundId: string, read: TallyRead = {}): Promise<TallyState> {
  if (read.fresh) {
    const round = await getRoundOrThrow(deps, roundId);
    const [nodes, tallies] = await Promise.all([deps.store.org.listNodesOfKind(round.targetKind), deps.store.ballots.readTallies(roundId, round.tallyShards)]);
    return { round, nodeCounts: {}, targets: targetsOf(round, nodes, tallies), remembered: false };
  }
  const before = recall(deps.store, roundId);
  const [round, versions] = await Promise.all([getRoundOrThrow(deps, roundId), deps.store.versions.readVersions(roundId)]);
  const roundKey = roundKeyOf(round);
  const nodeCount = versions.nodes[round.targetKind];
  if (before && sameVersions(before, roundKey, versions.stripes, nodeCount)) return { round, nodeCounts: versions.nodes, targets: before.targets, remembered: true };
  // A few ballots since: read again only the counters they added to (tally-cache/cache.ts).
  const since = before && before.roundKey === roundKey && before.nodeCount === nodeCount ? countersSince(before, versions) : undefined;
  if (before && since && since.length * round.tallyShards <= MAX_KEYS_READ_AGAIN) {
    const targets = withCounters(before.targets, since, await deps.store.ballots.readCounters(roundId, round.tallyShards, since));
    if (targets) {
      remember(deps.store, roundId, { roundKey, stripes: versions.stripes, nodeCount, targets });
      return { round, nodeCounts: versions.nodes, targets: recall(deps.store, roundId)!.targets, remembered: true };
    }
  }
  const [{ nodes, complete }, tallies] = await Promise.all([nodesOfKind(deps.store, round.targetKind, nodeCount), deps.store.ballots.readTallies(roundId, round.tallyShards)]);
  const targets = targetsOf(round, nodes, tallies);
  if (!complete) return { round, nodeCounts: versions.nodes, targets, remembered: false };
  remember(deps.store, roundId, { roundKey, stripes: versions.stripes, nodeCount, targets });
  // The memory's frozen copy, so the next call that finds it returns this very array.
  return { round, nodeCounts: versions.nodes, targets: recall(deps.store, roundId)!.targets, remembered: true };
}

function targetsOf(round: Round, nodes: readonly OrgNode[], tallies: Awaited<ReturnType<Deps['store']['ballots']['readTallies']>>): TargetTally[] {
  return nodes
    .filter((n) => isRoundTarget(round, n))
    .map((n) => ({ n, key: n.path.join('/') }))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ n }) => ({ targetId: n.id, targetName: n.name, categoryId: ancestorAt(n, 'category') ?? n.id, channels: tallies.get(n.id) ?? {} }));
}
