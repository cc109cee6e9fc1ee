import type { SchemeChange } from '../api/schemes';
import { schemePathLabel, type SchemeLike } from './labels';

/** The field that names a list entry: components, items, rules, groups, bands by `id`; options by `value`; weighted parts by `component`. */
const KEY_FIELDS = ['id', 'value', 'component'] as const;

/**
 * Every field that differs between two scheme bodies, with its Chinese name (read from the newer
 * body, or the older one for removed fields). Lists of named entries are compared by name, so
 * moving a component is not reported as every component changing.
 * @example diffSchemes(v1, v2) // [{ path: 'grades.bands.satisfied.min', label: '等次“满意”：下限', before: 0.85, after: 0.8 }]
 */
export function diffSchemes(before: unknown, after: unknown): SchemeChange[] {
  const changes: SchemeChange[] = [];
  walk(before, after, [], changes);
  return changes.map((c) => ({ ...c, label: schemePathLabel(labelSource(after, before, c), c.path) }));
}

function labelSource(after: unknown, before: unknown, c: SchemeChange): SchemeLike {
  return (c.after === undefined ? before : after) as SchemeLike;
}

function walk(a: unknown, b: unknown, path: string[], out: SchemeChange[]): void {
  if (same(a, b)) return;
  const at = path.join('.');
  if (Array.isArray(a) && Array.isArray(b)) {
    const key = listKey(a, b);
    if (!key) {
      // Plain lists (channels, success options, actions) read best as a whole.
      out.push({ path: at, label: '', before: a, after: b });
      return;
    }
    const byKey = (list: unknown[]) => new Map(list.map((x) => [String((x as Record<string, unknown>)[key]), x]));
    const am = byKey(a);
    const bm = byKey(b);
    for (const [k, x] of am) walk(x, bm.get(k), [...path, k], out);
    for (const [k, y] of bm) if (!am.has(k)) walk(undefined, y, [...path, k], out);
    const order = (m: Map<string, unknown>, other: Map<string, unknown>) => [...m.keys()].filter((k) => other.has(k));
    if (order(am, bm).join('\u0000') !== order(bm, am).join('\u0000')) out.push({ path: `${at}.(order)`.replace(/^\./, ''), label: '', before: [...am.keys()], after: [...bm.keys()] });
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) walk(a[k], b[k], [...path, k], out);
    return;
  }
  out.push({ path: at, label: '', ...(a === undefined ? {} : { before: a }), ...(b === undefined ? {} : { after: b }) });
}

function listKey(a: unknown[], b: unknown[]): string | undefined {
  const all = [...a, ...b];
  if (all.length === 0) return undefined;
  return KEY_FIELDS.find((k) => {
    if (!all.every((x) => isObject(x) && typeof x[k] === 'string')) return false;
    const unique = (list: unknown[]) => new Set(list.map((x) => (x as Record<string, unknown>)[k])).size === list.length;
    return unique(a) && unique(b);
  });
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!same(a[k], b[k])) return false;
    return true;
  }
  return false;
}
