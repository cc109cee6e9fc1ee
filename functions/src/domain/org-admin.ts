import { AppError } from '@shared/errors';
import { NODE_KIND_LABELS, PARENT_KIND, type OrgNode } from '@shared/model/org';
import { CSV_FIELD_LABELS, type CreateNodeRequest } from '@shared/api/org';
import type { Deps } from './deps';

/**
 * Builds nodes from requests, checking parents (in the store or earlier in the same batch)
 * and ids (unique in the batch, absent from the store). Throws before anything is written.
 */
export async function planNodes(deps: Deps, requests: CreateNodeRequest[], lineOf: (i: number) => number = (i) => i + 1): Promise<OrgNode[]> {
  const existing = new Map((await deps.store.org.listNodes()).map((n) => [n.id, n]));
  const batch = new Map<string, OrgNode>();
  const errors: Array<{ line: number; field: string; message: string }> = [];
  const now = deps.clock.now().toISOString();
  requests.forEach((r, i) => {
    if (existing.has(r.id) || batch.has(r.id)) {
      errors.push({ line: lineOf(i), field: CSV_FIELD_LABELS.id, message: `编号 ${r.id} 已存在` });
      return;
    }
    const wanted = PARENT_KIND[r.kind];
    let path: string[];
    if (wanted === null) {
      if (r.parentId !== null) return errors.push({ line: lineOf(i), field: CSV_FIELD_LABELS.parentId, message: '组别不能有上级' });
      path = [r.id];
    } else {
      const parent = r.parentId === null ? undefined : (batch.get(r.parentId) ?? existing.get(r.parentId));
      if (!parent || parent.kind !== wanted) return errors.push({ line: lineOf(i), field: CSV_FIELD_LABELS.parentId, message: `上级 ${r.parentId ?? '(空)'} 不存在或不是${NODE_KIND_LABELS[wanted]}` });
      path = [...parent.path, r.id];
    }
    batch.set(r.id, { id: r.id, kind: r.kind, name: r.name, parentId: r.parentId, path, ...(r.formKey ? { formKey: r.formKey } : {}), createdAt: now });
  });
  if (errors.length > 0) {
    const onlyParent = requests.length === 1 && errors[0]?.field === CSV_FIELD_LABELS.parentId;
    const onlyId = requests.length === 1 && errors[0]?.field === CSV_FIELD_LABELS.id;
    throw new AppError(onlyParent ? 'PARENT_INVALID' : onlyId ? 'ALREADY_EXISTS' : 'CSV_INVALID', { errors });
  }
  return [...batch.values()];
}

export async function createNodes(deps: Deps, requests: CreateNodeRequest[], lineOf?: (i: number) => number): Promise<OrgNode[]> {
  const nodes = await planNodes(deps, requests, lineOf);
  await deps.store.org.createNodes(nodes);
  return nodes;
}
