import type { Snapshot } from './snapshot';
import { worstTargets } from './main-problems';

/** One line of the published list (the web page, the Excel sheet, the CSV and the newspaper list share it). */
export interface PublicRow {
  groupLabel: string;
  rank: number | null;
  tied: boolean;
  name: string;
  targetId: string;
  ballots: number;
  total: number | null;
  lower: number | null;
  upper: number | null;
  grade: string;
  problems: string;
  consequences: string;
  notes: string;
}

export const PUBLIC_COLUMNS: Array<{ key: keyof PublicRow; header: string }> = [
  { key: 'groupLabel', header: '组别' },
  { key: 'rank', header: '名次' },
  { key: 'name', header: '被评议对象' },
  { key: 'targetId', header: '编号' },
  { key: 'ballots', header: '有效评价数' },
  { key: 'total', header: '得分' },
  { key: 'lower', header: '95%区间下限' },
  { key: 'upper', header: '95%区间上限' },
  { key: 'grade', header: '等次' },
  { key: 'problems', header: '主要问题' },
  { key: 'consequences', header: '处理措施' },
  { key: 'notes', header: '说明' },
];

/**
 * The published table, group by group in the scheme's order and, inside a group, in ranking
 * order (rank 1 first: the worst first where the scheme ranks worst-first), unranked targets last.
 * Main problems are named for the worst places only (see worstTargets).
 * @example publicRows(snapshot)[0] // { groupLabel: '全部', rank: 1, name: '户政科', total: 18, … }
 */
export function publicRows(snapshot: Snapshot): PublicRow[] {
  const result = snapshot.results;
  const byId = new Map(result.targets.map((t) => [t.targetId, t]));
  const factsById = new Map(snapshot.facts.targets.map((t) => [t.targetId, t]));
  const worst = new Set(worstTargets(result));
  const rows: PublicRow[] = [];
  for (const g of result.groups) {
    for (const id of [...g.order, ...g.notRanked]) {
      const t = byId.get(id);
      if (!t) continue;
      const facts = factsById.get(id);
      const ballots = Object.values(facts?.channels ?? {}).reduce((n, c) => n + (c && 'ballots' in c ? c.ballots : c && 'sheets' in c ? c.sheets.length : 0), 0);
      rows.push({
        groupLabel: g.label,
        rank: t.rank,
        tied: t.tied,
        name: t.name ?? t.targetId,
        targetId: t.targetId,
        ballots,
        total: t.total,
        lower: t.totalInterval?.lower ?? null,
        upper: t.totalInterval?.upper ?? null,
        grade: t.grade?.label ?? '',
        problems: worst.has(id) ? (snapshot.mainProblems[id] ?? []).map((p) => `${p.label}（${p.count}）`).join('；') : '',
        consequences: t.consequences.map((c) => c.label).join('；'),
        notes: t.flags.map((f) => f.label).join('；'),
      });
    }
  }
  return rows;
}

/** A score as printed: at most four decimals, no trailing zeros (the engine's grid is finer). */
export function printNumber(x: number | null): string {
  return x === null ? '' : String(Number(x.toFixed(4)));
}
