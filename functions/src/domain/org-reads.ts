import { AppError } from '@shared/errors';
import { ORG_PAGE_DEFAULT, type OrgPageQuery, type OrgPageResponse } from '@shared/api/org';
import type { Deps } from './deps';
import { openCursorOrThrow, sealCursor } from './public-cursor';

/**
 * The public read of the organisation tree: one page at a time (`ORG_PAGE_MAX` nodes, one
 * Query), or up to `ORG_IDS_MAX` named nodes. Never the whole tree in one answer: a county of
 * 60,000 windows was 8.6 MB and 8–14 s as one (docs/security.md, public reads).
 *
 * The cursor seals the level and the last id of the page (public-cursor.ts): nothing secret is in
 * it (the tree is public), but it is opaque like every public cursor, and one the server did not
 * hand out — or one of another level — is a 400, never a silently different page.
 */
export async function orgPage(deps: Deps, q: OrgPageQuery): Promise<OrgPageResponse> {
  if ('ids' in q) {
    const found = await deps.store.org.getNodes(q.ids);
    return { nodes: q.ids.flatMap((id) => found.get(id) ?? []) };
  }
  const level = q.kind ?? '';
  let afterId: string | undefined;
  if (q.after !== undefined) {
    const position = openCursorOrThrow(deps.secrets.tokenKey, 'org', q.after, 'after');
    const cut = position.indexOf('|');
    if (position.slice(0, cut) !== level) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'after', message: 'this cursor continues another listing (kind)' }] });
    afterId = position.slice(cut + 1);
  }
  const page = await deps.store.org.pageNodes({ ...(q.kind ? { kind: q.kind } : {}), limit: q.limit ?? ORG_PAGE_DEFAULT, ...(afterId ? { afterId } : {}) });
  return { nodes: page.nodes, ...(page.lastId ? { next: sealCursor(deps.secrets.tokenKey, 'org', `${level}|${page.lastId}`) } : {}) };
}
