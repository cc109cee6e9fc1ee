import { holds } from './compare';
import { conditionHolds, type TargetView } from './conditions';
import type { Flag, Grades } from './scheme';

/**
 * The grade of a target: the first band whose `min` the basis reaches (on the comparison
 * grid, so exactly 85% is 85%), then the first override that holds replaces it. Overrides
 * apply even without a basis value: 0 ballots returned of 100 served is still 不满意.
 * @example gradeFor(ganquan.grades, view) // { grade: { id: 'satisfied', label: '满意' } }
 */
export function gradeFor(grades: Grades, view: TargetView): { grade: { id: string; label: string } | null; flag?: Flag } {
  const v = view.values[grades.basis] ?? null;
  let band = v === null ? undefined : grades.bands.find((b) => b.min === undefined || holds(v, 'gte', b.min));
  for (const o of grades.overrides) {
    if (!conditionHolds(o.when, view)) continue;
    band = grades.bands.find((b) => b.id === o.grade);
    return { grade: band ? { id: band.id, label: band.label } : null, flag: o.flag };
  }
  return { grade: band ? { id: band.id, label: band.label } : null };
}
