import type { OrgNode } from '@shared/model/org';
import type { Deps } from '../deps';

/**
 * Targets named in full, the way a printed form and a clerk's screen must name them: every
 * level from the unit down (`县人社局 · 社保股 · 3号窗口`), never the bare window number.
 */
export async function fullNames(deps: Deps, targets: OrgNode[]): Promise<Map<string, string>> {
  const ancestorIds = [...new Set(targets.flatMap((t) => t.path.filter((id) => id !== t.id)))];
  const ancestors = ancestorIds.length ? await deps.store.org.getNodes(ancestorIds) : new Map<string, OrgNode>();
  const out = new Map<string, string>();
  for (const t of targets) {
    // The category (组别) is the office's grouping, not part of the name a citizen knows.
    const names = t.path.map((id) => (id === t.id ? t : ancestors.get(id))).filter((n): n is OrgNode => n !== undefined && n.kind !== 'category').map((n) => n.name);
    out.set(t.id, names.join(' · '));
  }
  return out;
}
