import type { TalliesResponse } from '@shared/api/results';
import { ancestorAt } from '@shared/model/org';
import type { Deps } from './deps';
import { getRoundOrThrow } from './rounds-admin';
import { isRoundTarget } from './round-rules';

/**
 * Tallies per target of a round, from the counter shards: reads O(targets × channels × shards)
 * items whatever the number of ballots. Targets with no ballot yet are listed with no channels.
 */
export async function roundTallies(deps: Deps, roundId: string): Promise<TalliesResponse> {
  const round = await getRoundOrThrow(deps, roundId);
  const [nodes, tallies] = await Promise.all([deps.store.org.listNodesOfKind(round.targetKind), deps.store.ballots.readTallies(roundId, round.tallyShards)]);
  const targets = nodes
    .filter((n) => isRoundTarget(round, n))
    .sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')))
    .map((n) => ({ targetId: n.id, targetName: n.name, categoryId: ancestorAt(n, 'category') ?? n.id, channels: tallies.get(n.id) ?? {} }));
  return { roundId, computedAt: deps.clock.now().toISOString(), targets };
}
