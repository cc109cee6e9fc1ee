import type { PublicRow } from '@shared/publication/public-table';

/**
 * How published numbers read on a phone. The exports (Excel, CSV) keep the engine's four
 * decimals; the page shows what a reader can take in: a satisfaction share as a percentage with
 * one decimal ("85.7%"), a points total with at most two.
 */

export type Scale = 'share' | 'points';

/**
 * A list is on the share scale when every score and interval bound lies in [0, 1] (a proportion
 * or return-rate total on its default scale 1); anything above 1 is points.
 * @example scaleOf([{ total: 0.857, lower: 0.6, upper: 0.96 }]) // 'share'
 */
export function scaleOf(rows: Array<Pick<PublicRow, 'total' | 'lower' | 'upper'>>): Scale {
  const values = rows.flatMap((r) => [r.total, r.lower, r.upper]).filter((v): v is number => v !== null);
  return values.length > 0 && values.every((v) => v >= 0 && v <= 1) ? 'share' : 'points';
}

/**
 * @example showScore(0.857142, 'share') // '85.7%'
 * @example showScore(87.456, 'points') // '87.46'
 */
export function showScore(x: number | null, scale: Scale): string {
  if (x === null) return '—';
  return scale === 'share' ? `${(x * 100).toFixed(1)}%` : String(Number(x.toFixed(2)));
}

/** @example showInterval(0.61, 0.96, 'share') // '61.0%–96.0%' */
export function showInterval(lower: number | null, upper: number | null, scale: Scale): string {
  return lower === null || upper === null ? '' : `${showScore(lower, scale)}–${showScore(upper, scale)}`;
}

export type GradeTone = 'good' | 'middle' | 'bad';

/**
 * A grade's colour from its wording (schemes name their bands freely: 满意/基本满意/不满意,
 * 优秀/良好/一般/较差): a negative word is bad, a qualified one middle, the rest good.
 * @example gradeTone('基本满意') // 'middle'
 */
export function gradeTone(label: string): GradeTone {
  if (/不|差|劣|未/.test(label)) return 'bad';
  if (/基本|一般|合格|中/.test(label)) return 'middle';
  return 'good';
}

/**
 * A note every row of a list carries is said once above it instead of on every row.
 * @example commonNote([{ notes: '样本不足' }, { notes: '样本不足' }]) // '样本不足'
 */
export function commonNote(rows: Array<Pick<PublicRow, 'notes'>>): string {
  const first = rows[0]?.notes ?? '';
  return rows.length > 1 && first !== '' && rows.every((r) => r.notes === first) ? first : '';
}

type Part = { id: string; label: string; value: number | null; numerator?: number; denominator?: number };

/**
 * The parts behind a published total, each with its counts where it is a share: 甘泉's
 * 测评表回收率 beside its 满意度 (under 60% it alone makes a post 不满意), 通河's four weighted
 * parts. The total itself (`totalId`) is left out: the row shows it already.
 * @example scoreParts({ return_rate: { id: 'return_rate', label: '测评表回收率', value: 0.875, numerator: 7, denominator: 8 } }, 'satisfaction') // '测评表回收率 87.5%（7/8）'
 */
export function scoreParts(components: Record<string, Part>, totalId?: string): string {
  return Object.values(components)
    .filter((c) => c.id !== totalId)
    .map((c) => {
      if (c.value === null) return `${c.label} —`;
      const share = c.denominator !== undefined && c.numerator !== undefined && c.denominator > 0 && c.value <= 1 && Math.abs(c.numerator / c.denominator - c.value) < 1e-9;
      return share ? `${c.label} ${(c.value * 100).toFixed(1)}%（${c.numerator}/${c.denominator}）` : `${c.label} ${Number(c.value.toFixed(2))}`;
    })
    .join(' · ');
}
