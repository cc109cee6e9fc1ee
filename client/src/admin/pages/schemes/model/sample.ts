import type { RoundFactsInput } from '@shared/scoring/facts';
import { valueIsShare, copy, type Body } from './values';

/**
 * The sample table a clerk types in the preview: a few units, their group, and a score for
 * each part the scheme reads (满意度, 听证评议分, 工作考核分 …). The table skips the ballot
 * counting: every part that is not a weighted sum is given as a number, so the preview shows
 * what the weights, grade bands, ranking and consequence rules make of those numbers.
 */
export type SampleColumn = { id: string; label: string; percent: boolean };
export type SampleRow = { name: string; group: string; values: Record<string, number | undefined> };

/**
 * The columns of the sample table: every component that is not a weighted sum, in scheme order.
 * @example sampleColumns(tonghe).map((c) => c.label) // ['群众满意度测评分', '“政风建设年”活动评议分', '听证评议分', '工作考核分']
 */
export function sampleColumns(body: Body): SampleColumn[] {
  return body.components.filter((c) => c.kind !== 'weighted').map((c) => ({ id: c.id, label: c.label, percent: valueIsShare(body, c.id) }));
}

/**
 * The body and facts the preview API scores for a sample: each column's component becomes an
 * entered number with a range wide enough for any typed value on its scale (0–100% for shares),
 * and each row a target with those numbers. Rows without a name are left out.
 * @example sampleRequest(ganquan, [{ name: '户政窗口', group: 'all', values: { satisfaction: 0.82, return_rate: 0.7, hearing: 0.9 } }])
 */
export function sampleRequest(body: Body, rows: SampleRow[]): { body: Body; sample: RoundFactsInput } {
  const columns = sampleColumns(body);
  const next = copy(body);
  next.components = next.components.map((c) => {
    if (c.kind === 'weighted') return c;
    const share = columns.find((x) => x.id === c.id)?.percent ?? false;
    const range = c.kind === 'input' ? { min: c.min, max: c.max } : share ? { min: 0, max: 1 } : { min: -100000, max: 100000 };
    const groups = c.kind === 'input' && c.groups ? { groups: c.groups } : {};
    return { kind: 'input' as const, id: c.id, label: c.label, ...range, required: false, ...groups };
  });
  const targets = rows
    .filter((r) => r.name.trim())
    .map((r, i) => ({
      targetId: `sample-${i + 1}`,
      name: r.name.trim(),
      group: r.group || 'all',
      inputs: Object.fromEntries(Object.entries(r.values).filter((e): e is [string, number] => typeof e[1] === 'number')),
    }));
  return { body: next, sample: { roundId: 'sample', targets } };
}

/** A fresh table: three empty rows in the first group. */
export function emptySample(body: Body): SampleRow[] {
  const group = body.groups?.[0]?.id ?? 'all';
  return [1, 2, 3].map(() => ({ name: '', group, values: {} }));
}
