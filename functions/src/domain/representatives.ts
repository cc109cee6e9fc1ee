import { AppError } from '@shared/errors';
import { Representative, REPRESENTATIVE_CSV_HEADER } from '@shared/model/representative';
import type { Deps } from './deps';
import { parseCsv } from './csv';

type RowError = { line: number; field?: string; message: string };

/**
 * Imports the 评议代表库 from CSV (id,name,category,area,worksFor,household). Every row is
 * checked first — fields, ids repeated in the file, `worksFor` naming a node that exists — and
 * any error imports nothing and lists each bad row. A known id is replaced (re-import updates).
 */
export async function importRepresentatives(deps: Deps, csv: string): Promise<{ imported: number; created: number; updated: number }> {
  const [header, ...rows] = parseCsv(csv);
  if (!header || header.fields.map((f) => f.trim()).join(',') !== REPRESENTATIVE_CSV_HEADER.join(','))
    throw new AppError('CSV_INVALID', { errors: [{ line: 1, message: `表头应为 ${REPRESENTATIVE_CSV_HEADER.join(',')}` }] });
  if (rows.length === 0) throw new AppError('CSV_INVALID', { errors: [{ line: 2, message: '没有数据行' }] });
  const nodes = new Set((await deps.store.org.listNodes()).map((n) => n.id));
  const updatedAt = deps.clock.now().toISOString();
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const reps: Representative[] = [];
  for (const row of rows) {
    const [id, name, category, area, worksFor, household] = row.fields.map((f) => f.trim());
    const parsed = Representative.safeParse({ id, name, category, updatedAt, ...(area ? { area } : {}), ...(worksFor ? { worksFor } : {}), ...(household ? { household } : {}) });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ line: row.line, field: issue.path.join('.'), message: issue.message });
      continue;
    }
    const rep = parsed.data;
    if (seen.has(rep.id)) errors.push({ line: row.line, field: 'id', message: `编号 ${rep.id} 与第 ${seen.get(rep.id)} 行重复` });
    seen.set(rep.id, row.line);
    if (rep.worksFor && !nodes.has(rep.worksFor)) errors.push({ line: row.line, field: 'worksFor', message: `工作单位 ${rep.worksFor} 不存在` });
    reps.push(rep);
  }
  if (errors.length > 0) throw new AppError('CSV_INVALID', { errors: errors.slice(0, 200) });
  const { created, updated } = await deps.store.representatives.putRepresentatives(reps);
  return { imported: reps.length, created, updated };
}
