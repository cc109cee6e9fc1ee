import { ACTION_KINDS, type ActionKind } from '@shared/scoring/action-kinds';

/**
 * A value from the diff (`before` / `after` of one changed field) in a clerk's words: numbers
 * under 1 that are shares as percentages when the field is a weight or threshold, lists joined,
 * absent as 「（无）」, anything else as compact JSON.
 * @example diffValue(0.85, 'grades.bands.satisfied.min') // '85%'
 * @example diffValue(undefined, 'rules.x') // '（无）'
 */
export function diffValue(v: unknown, path: string): string {
  if (v === undefined || v === null) return '（无）';
  if (typeof v === 'number') return /weight|bands\.[^.]+\.min$|\.top$|when.*\.value$/.test(path) && Math.abs(v) <= 1 ? `${Math.round(v * 10000) / 100}%` : String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.map((x) => ACTION_KINDS[x as ActionKind] ?? x).join('、');
  return JSON.stringify(v);
}

/**
 * A rank move in words.
 * @example rankMove(3, 1) // '第3名 → 第1名'
 * @example rankMove(null, 2) // '未排名 → 第2名'
 */
export function rankMove(from: number | null, to: number | null): string {
  const r = (x: number | null) => (x === null ? '未排名' : `第${x}名`);
  return `${r(from)} → ${r(to)}`;
}
