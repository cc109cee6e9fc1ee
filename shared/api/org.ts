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

export const CsvRowError = z.object({ line: z.number().int(), field: z.string().optional(), message: z.string() });
export type CsvRowError = z.infer<typeof CsvRowError>;

export const ImportResponse = z.object({ created: z.number().int(), nodes: z.array(OrgNode) });
export type ImportResponse = z.infer<typeof ImportResponse>;

export const OrgTreeResponse = z.object({ nodes: z.array(OrgNode) });
export type OrgTreeResponse = z.infer<typeof OrgTreeResponse>;
