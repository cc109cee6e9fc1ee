import type { ComponentInput } from '@shared/scoring/components';
import type { SchemeInput } from '@shared/scoring/scheme';
import { percent } from './numbers';

/** The scheme body the editor works on: the JSON a stored version carries. */
export type Body = SchemeInput;

/** A component by id. */
export function componentOf(body: Body, id: string): ComponentInput | undefined {
  return body.components.find((c) => c.id === id);
}

/**
 * The Chinese name of a value a condition or band reads: a component's label, `total` as 总分.
 * @example valueLabel(ganquan, 'satisfaction') // '满意度'
 */
export function valueLabel(body: Body, id: string): string {
  return componentOf(body, id)?.label ?? (id === 'total' || id === body.total ? '总分' : id);
}

/**
 * Whether a value is a share (0–1, shown as a percentage) rather than points: a proportion or
 * return rate without a scale, a points mean divided by its top mark (效能办 ÷ 90), or a split
 * of 100% over shares. Everything else (entered scores, hearing points, deductions) is points.
 * @example valueIsShare(ganquan, 'satisfaction') // true
 * @example valueIsShare(tonghe, 'survey') // false (scale 100: percentage points)
 */
export function valueIsShare(body: Body, id: string, seen: Set<string> = new Set()): boolean {
  const c = componentOf(body, id === 'total' && !componentOf(body, 'total') ? body.total : id);
  if (!c || seen.has(c.id)) return false;
  seen.add(c.id);
  switch (c.kind) {
    case 'proportion':
    case 'returnRate':
      return (c.scale ?? 1) === 1;
    case 'pointsMean':
      return (c.scale ?? 1) === 1 && (c.normaliser ?? 1) !== 1;
    case 'weighted':
      return Math.abs(c.parts.reduce((s, p) => s + p.weight, 0) - 1) < 1e-9 && c.parts.every((p) => valueIsShare(body, p.component, seen));
    default:
      return false;
  }
}

/**
 * A value as the clerk reads it: a share as a percentage, points as a number with 分.
 * @example showValue(ganquan, 'satisfaction', 0.85) // '85%'
 * @example showValue(tonghe, 'total', 70) // '70分'
 */
export function showValue(body: Body, id: string, value: number): string {
  return valueIsShare(body, id) ? percent(value) : `${Math.round(value * 100) / 100}分`;
}

/** A group's label, or its id when the scheme lists no such group. */
export function groupLabel(body: Body, id: string): string {
  return body.groups?.find((g) => g.id === id)?.label ?? id;
}

/** The item's label on any form (the same id may sit on several). */
export function itemLabel(body: Body, id: string): string {
  for (const f of Object.values(body.forms)) for (const i of f.items) if (i.id === id) return i.label;
  return id;
}

/** An option's label on item `item` on any form. */
export function optionLabel(body: Body, item: string, value: string): string {
  for (const f of Object.values(body.forms)) for (const i of f.items) if (i.id === item) for (const o of i.options) if (o.value === value) return o.label;
  return value;
}

/** A deep copy of JSON data (structuredClone is missing from older WeChat engines). */
export function copy<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
