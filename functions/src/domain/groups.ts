import { ancestorAt, type OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';

/** The nearest node on the target's path that the round maps to a scheme group. */
export function groupOf(round: Round, node: OrgNode | undefined): string | undefined {
  if (!node || !round.groupMap) return node ? ancestorAt(node, 'category') : undefined;
  for (const id of [...node.path].reverse()) if (round.groupMap[id]) return round.groupMap[id];
  return ancestorAt(node, 'category');
}
