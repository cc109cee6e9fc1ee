import { z } from 'zod';
import { NodeId } from '../model/ids';
import { NodeKind, OrgNode } from '../model/org';

export const CreateNodeRequest = z.strictObject({
  id: NodeId,
  kind: NodeKind,
  name: z.string().trim().min(1).max(60),
  parentId: NodeId.nullable(),
  formKey: z.string().max(32).optional(),
});
export type CreateNodeRequest = z.infer<typeof CreateNodeRequest>;

/** CSV import: header `kind,id,name,parentId,formKey`, parents before children (or in the file). */
export const CSV_HEADER = ['kind', 'id', 'name', 'parentId', 'formKey'] as const;
/** The same columns as the office's template names them; `类型` takes 组别/单位/科室/窗口 or the kind ids. */
export const CSV_HEADER_ZH = ['类型', '编号', '名称', '上级编号', '表单'] as const;
export const CSV_FIELD_LABELS: Record<(typeof CSV_HEADER)[number], string> = { kind: '类型', id: '编号', name: '名称', parentId: '上级编号', formKey: '表单' };

export const CsvRowError = z.object({ line: z.number().int(), field: z.string().optional(), message: z.string() });
export type CsvRowError = z.infer<typeof CsvRowError>;

export const ImportResponse = z.object({ created: z.number().int(), nodes: z.array(OrgNode) });
export type ImportResponse = z.infer<typeof ImportResponse>;

/**
 * Nodes per page of `GET /api/org`: the largest node (60-character name in CJK, 4-level path,
 * form key) is under 500 bytes of JSON, so a full page stays under 100 KB however large the
 * county (a 60,000-window tree was 8.6 MB as one answer).
 */
export const ORG_PAGE_MAX = 200;
export const ORG_PAGE_DEFAULT = 100;
/** Ids per `?ids=` lookup. */
export const ORG_IDS_MAX = 100;

/**
 * `GET /api/org` query: one page of one level (`kind`) or of the whole tree, continued with the
 * opaque `after` cursor of the previous page's `next`; or `ids` (comma-separated) for named nodes.
 */
export const OrgPageQuery = z.union([
  z.strictObject({ ids: z.string().transform((s, ctx) => {
    const ids = [...new Set(s.split(',').filter((x) => x !== ''))];
    if (ids.length === 0 || ids.length > ORG_IDS_MAX || !ids.every((id) => NodeId.safeParse(id).success)) {
      ctx.addIssue({ code: 'custom', message: `1–${ORG_IDS_MAX} node ids, comma-separated` });
      return z.NEVER;
    }
    return ids;
  }) }),
  z.strictObject({
    kind: NodeKind.optional(),
    limit: z.coerce.number().int().min(1).max(ORG_PAGE_MAX).optional(),
    after: z.string().min(1).max(200).optional(),
  }),
]);
export type OrgPageQuery = z.infer<typeof OrgPageQuery>;

/** One page of nodes; `next` (opaque) asks for the following page, absent on the last. */
export const OrgPageResponse = z.object({ nodes: z.array(OrgNode), next: z.string().optional() });
export type OrgPageResponse = z.infer<typeof OrgPageResponse>;
