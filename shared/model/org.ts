import { z } from 'zod';
import { Instant, NodeId } from './ids';

/**
 * The organisation tree: category/group (执法监督组 …) → unit (局/公司) → section (科室/二级单位)
 * → window or post (窗口/岗位). Any node can be a rating target; a round says which level.
 */
export const NODE_KINDS = ['category', 'unit', 'section', 'window'] as const;
export const NodeKind = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof NodeKind>;

export const NODE_KIND_LABELS: Record<NodeKind, string> = {
  category: '组别',
  unit: '单位',
  section: '科室',
  window: '窗口/岗位',
};

/** Which kind a node's parent must be; categories are roots. */
export const PARENT_KIND: Record<NodeKind, NodeKind | null> = {
  category: null,
  unit: 'category',
  section: 'unit',
  window: 'section',
};

/**
 * A node of the tree. `path` lists the ids from the category down to this node, so a window
 * knows its unit and section without more reads.
 * `formKey` picks the ballot form where a scheme has several (泸西: rural/agency/school/community).
 * @example { id: 'w101', kind: 'window', name: '1号窗口', parentId: 's11', path: ['c1','u1','s11','w101'] }
 */
export const OrgNode = z.object({
  id: NodeId,
  kind: NodeKind,
  name: z.string().min(1).max(60),
  parentId: NodeId.nullable(),
  path: z.array(NodeId).min(1).max(4),
  formKey: z.string().max(32).optional(),
  createdAt: Instant,
});
export type OrgNode = z.infer<typeof OrgNode>;

/**
 * The node at `kind` on `node`'s path, or undefined when `node` is above that level.
 * @example ancestorAt(window, 'section') // the section id the window belongs to
 */
export function ancestorAt(node: Pick<OrgNode, 'kind' | 'path'>, kind: NodeKind): string | undefined {
  const depth = NODE_KINDS.indexOf(kind);
  return depth < node.path.length ? node.path[depth] : undefined;
}
