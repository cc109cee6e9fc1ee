import { AppError } from '@shared/errors';
import { Representative, REPRESENTATIVE_CSV_HEADER, REPRESENTATIVE_CSV_HEADER_ZH, REPRESENTATIVE_FIELD_LABELS, categoryOfCell } from '@shared/model/representative';
import type { Deps } from './deps';
import { parseCsv } from './csv';

type RowError = { line: number; field?: string; message: string };

/** What a clerk should fix in a cell, in words (zod's own messages are for programmers). */
const REPRESENTATIVE_PROBLEMS: Record<string, string> = {
  id: '编号应为 1–40 位字母、数字、-、_',
  name: '姓名不能为空，最多 40 个字',
  category: '类别应为 服务对象、两代表一委员、离退休老干部 等类别名称，或类别代码（小写字母）',
  area: '片区最多 40 个字',
  worksFor: '工作单位编号应为单位、科室的编号',
  household: '户号应为 1–40 位字母、数字、-、_',
};

/**
 * Imports the 评议代表库 from CSV, with the template's Chinese header (编号,姓名,类别,片区,工作单位编号,户号)
 * or the tools' one (id,name,category,area,worksFor,household); a category is its id or Chinese name. Every row is
 * checked first — fields, ids repeated in the file, `worksFor` naming a node that exists — and
 * any error imports nothing and lists each bad row. A known id is replaced (re-import updates).
 */
export async function importRepresentatives(deps: Deps, csv: string): Promise<{ imported: number; created: number; updated: number }> {
  const [header, ...rows] = parseCsv(csv);
  const head = header?.fields.map((f) => f.trim().replace(/^\uFEFF/, '')).join(',');
  if (head !== REPRESENTATIVE_CSV_HEADER.join(',') && head !== REPRESENTATIVE_CSV_HEADER_ZH.join(','))
    throw new AppError('CSV_INVALID', { errors: [{ line: 1, message: `表头应为 ${REPRESENTATIVE_CSV_HEADER_ZH.join(',')}` }] });
  if (rows.length === 0) throw new AppError('CSV_INVALID', { errors: [{ line: 2, message: '没有数据行' }] });
  const nodes = new Set((await deps.store.org.listNodes()).map((n) => n.id));
  const updatedAt = deps.clock.now().toISOString();
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const reps: Representative[] = [];
  for (const row of rows) {
    const [id, name, categoryCell, area, worksFor, household] = row.fields.map((f) => f.trim());
    const category = categoryOfCell(categoryCell ?? '');
    const parsed = Representative.safeParse({ id, name, category, updatedAt, ...(area ? { area } : {}), ...(worksFor ? { worksFor } : {}), ...(household ? { household } : {}) });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join('.');
        errors.push({ line: row.line, field: REPRESENTATIVE_FIELD_LABELS[field as keyof typeof REPRESENTATIVE_FIELD_LABELS] ?? field, message: REPRESENTATIVE_PROBLEMS[field] ?? issue.message });
      }
      continue;
    }
    const rep = parsed.data;
    if (seen.has(rep.id)) errors.push({ line: row.line, field: '编号', message: `编号 ${rep.id} 与第 ${seen.get(rep.id)} 行重复` });
    seen.set(rep.id, row.line);
    if (rep.worksFor && !nodes.has(rep.worksFor)) errors.push({ line: row.line, field: '工作单位编号', message: `工作单位 ${rep.worksFor} 不存在` });
    reps.push(rep);
  }
  if (errors.length > 0) throw new AppError('CSV_INVALID', { errors: errors.slice(0, 200) });
  const { created, updated } = await deps.store.representatives.putRepresentatives(reps);
  return { imported: reps.length, created, updated };
}
