import type { RoundPeriod } from './facts';

/**
 * Calendar arithmetic for rules that count quarters or years. A quarterly round must cover one
 * whole calendar quarter (it starts on the quarter's first day and ends in its last month); a
 * yearly round one whole programme year (it starts on the 1st of `yearStartMonth` and ends in
 * the year's last month). Each such period gets a running index, so "consecutive" means the
 * index before, and a Chinese label for the consequence sheet.
 */
export type PeriodSlot = { index: number; label: string };

const QUARTER = ['一', '二', '三', '四'] as const;

function parts(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split('-').map(Number);
  return { y: y ?? 0, m: m ?? 0, d: d ?? 0 };
}

/**
 * The calendar quarter a quarterly period covers, or why it does not cover exactly one.
 * @example quarterSlot({ kind: 'quarter', start: '2026-07-01', end: '2026-09-30' }) // { index: 8106, label: '2026年第三季度' }
 */
export function quarterSlot(p: RoundPeriod): PeriodSlot | { problem: string } {
  const s = parts(p.start);
  const e = parts(p.end);
  const q = Math.floor((s.m - 1) / 3);
  if (p.kind !== 'quarter') return { problem: `评议期类型为“${p.kind}”，不是季度` };
  if (s.d !== 1 || (s.m - 1) % 3 !== 0 || e.y !== s.y || e.m !== q * 3 + 3) {
    return { problem: `评议期 ${p.start} 至 ${p.end} 不是一个完整的日历季度` };
  }
  return { index: s.y * 4 + q, label: `${s.y}年第${QUARTER[q]}季度` };
}

/**
 * The programme year a yearly period covers (calendar year when `yearStartMonth` is 1), or why
 * it does not cover exactly one.
 * @example yearSlot({ kind: 'year', start: '2025-07-01', end: '2026-06-30' }, 7) // { index: 2025, label: '2025年7月至2026年6月' }
 */
export function yearSlot(p: RoundPeriod, yearStartMonth: number): PeriodSlot | { problem: string } {
  const s = parts(p.start);
  const e = parts(p.end);
  if (p.kind !== 'year') return { problem: `评议期类型为“${p.kind}”，不是年度` };
  const lastMonth = yearStartMonth === 1 ? 12 : yearStartMonth - 1;
  const lastYear = yearStartMonth === 1 ? s.y : s.y + 1;
  if (s.d !== 1 || s.m !== yearStartMonth || e.y !== lastYear || e.m !== lastMonth) {
    const year = yearStartMonth === 1 ? '日历年度' : `评议年度（每年${yearStartMonth}月起）`;
    return { problem: `评议期 ${p.start} 至 ${p.end} 不是一个完整的${year}` };
  }
  return { index: s.y, label: yearStartMonth === 1 ? `${s.y}年` : `${s.y}年${yearStartMonth}月至${s.y + 1}年${lastMonth}月` };
}

/**
 * A period in words for the consequence sheet, whatever its kind.
 * @example periodLabel({ kind: 'half', start: '2026-01-01', end: '2026-06-30' }, 1) // '2026年上半年'
 */
export function periodLabel(p: RoundPeriod, yearStartMonth: number): string {
  const s = parts(p.start);
  const e = parts(p.end);
  if (p.kind === 'quarter') {
    const q = quarterSlot(p);
    if ('label' in q) return q.label;
  }
  if (p.kind === 'year') {
    const y = yearSlot(p, yearStartMonth);
    if ('label' in y) return y.label;
  }
  if (p.kind === 'month' && s.y === e.y && s.m === e.m) return `${s.y}年${s.m}月`;
  if (p.kind === 'half' && s.y === e.y && s.d === 1 && (s.m === 1 || s.m === 7)) return `${s.y}年${s.m === 1 ? '上' : '下'}半年`;
  return `${p.start}至${p.end}`;
}
