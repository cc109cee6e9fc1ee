import { AppError } from '@shared/errors';
import { CreateNodeRequest, CSV_FIELD_LABELS, CSV_HEADER, CSV_HEADER_ZH } from '@shared/api/org';
import { NODE_KINDS, NODE_KIND_LABELS } from '@shared/model/org';
import { parseCsv } from './csv';

type RowError = { line: number; field?: string; message: string };
export type NodeRow = { request: CreateNodeRequest; line: number };

/** What a clerk should fix in a cell, in words (zod's own messages are for programmers). */
const PROBLEMS: Record<string, string> = {
  kind: `类型应为 ${NODE_KINDS.map((k) => NODE_KIND_LABELS[k]).join('、')}`,
  id: '编号应为 1–12 位字母、数字、-、_',
  name: '名称不能为空，最多 60 个字',
  parentId: '上级编号应为 1–12 位字母、数字、-、_',
  formKey: '表单最多 32 个字符',
};

/** A kind cell as the office writes it: 单位, 科室, 窗口 (or 窗口/岗位, 岗位), 组别, or the kind's id. */
function kindOfCell(cell: string): string {
  const t = cell.trim();
  if (t === '窗口' || t === '岗位') return 'window';
  return NODE_KINDS.find((k) => NODE_KIND_LABELS[k] === t) ?? t;
}

/**
 * The organisation CSV, with the template's Chinese header (类型,编号,名称,上级编号,表单) or the tools'
 * one (kind,id,name,parentId,formKey). Every row is read before anything is stored; the first
 * problem of each bad row is named by line and Chinese column.
 */
export function parseOrgCsv(text: string): NodeRow[] {
  const [header, ...data] = parseCsv(text);
  const head = header?.fields.map((f) => f.trim().replace(/^\uFEFF/, '')).join(',');
  if (head !== CSV_HEADER.join(',') && head !== CSV_HEADER_ZH.join(','))
    throw new AppError('CSV_INVALID', { errors: [{ line: 1, message: `表头应为 ${CSV_HEADER_ZH.join(',')}` }] });
  if (data.length === 0) throw new AppError('CSV_INVALID', { errors: [{ line: 2, message: '没有数据行' }] });
  const errors: RowError[] = [];
  const rows = data.flatMap((row) => {
    const [kind, id, name, parentId, formKey] = row.fields.map((f) => f.trim());
    const r = CreateNodeRequest.safeParse({ kind: kindOfCell(kind ?? ''), id, name, parentId: parentId ? parentId : null, ...(formKey ? { formKey } : {}) });
    if (!r.success) {
      for (const issue of r.error.issues) {
        const field = String(issue.path[0] ?? '');
        errors.push({ line: row.line, field: CSV_FIELD_LABELS[field as keyof typeof CSV_FIELD_LABELS] ?? field, message: PROBLEMS[field] ?? issue.message });
      }
      return [];
    }
    return [{ request: r.data, line: row.line }];
  });
  if (errors.length > 0) throw new AppError('CSV_INVALID', { errors: errors.slice(0, 200) });
  return rows;
}
