import type { Condition } from '@shared/scoring/conditions';
import { copy, valueIsShare, type Body } from './values';

/**
 * Adding and removing entries of a scheme: parts, items and options, grade bands, ranking groups
 * and consequence rules. Pure like edits.ts (a new body each time). Ids are made here, never
 * typed by the clerk; what an entry is called is its Chinese label. A removal that leaves a
 * reference behind (a rule reading a removed part) is not patched silently: the live check names
 * the field, and `usesOf` lets the confirmation say beforehand what reads the entry.
 */

/**
 * The first free id `prefix1`, `prefix2` … among `taken`.
 * @example freeId(['part1'], 'part') // 'part2'
 */
export function freeId(taken: Iterable<string>, prefix: string): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

type Component = Body['components'][number];
type Rule = NonNullable<Body['rules']>[number];

/**
 * Adds a score an office enters (0–100 分, or 0–100% when the sum it joins is a percentage) as a
 * new part of the weighted component `into`, listed just before it (a sum reads only parts listed
 * before it). Its weight starts at 0: the live check asks for a weight and for the split to add
 * up again. A group's own split (`byGroup`) is left as it is.
 * @example addEnteredPart(tonghe, 'total', '营商环境评价').components.find((c) => c.label === '营商环境评价') // { kind: 'input', id: 'part1', label: '营商环境评价', min: 0, max: 100 }
 */
export function addEnteredPart(body: Body, into: string, label: string): { body: Body; id: string } {
  const id = freeId(body.components.map((c) => c.id), 'part');
  const next = copy(body);
  const at = next.components.findIndex((c) => c.id === into);
  const sum = next.components[at];
  if (!sum || sum.kind !== 'weighted') return { body, id };
  const max = valueIsShare(body, into) ? 1 : 100;
  next.components.splice(at, 0, { kind: 'input', id, label, min: 0, max } as Component);
  sum.parts = [...sum.parts, { component: id, weight: 0 }];
  return { body: next, id };
}

/** What reads a value (a component or `total`), in words, for the confirmation before removing it. */
export function usesOf(body: Body, id: string): string[] {
  const out: string[] = [];
  for (const c of body.components) {
    if (c.kind === 'weighted' && (c.parts.some((p) => p.component === id) || Object.values(c.byGroup ?? {}).some((ps) => ps.some((p) => p.component === id)))) out.push(`“${c.label}”的权重`);
  }
  if (body.grades?.basis === id) out.push('等次依据');
  if ((body.grades?.overrides ?? []).some((o) => reads(o.when as Condition, id))) out.push('等次特别规定');
  if (body.ranking?.basis === id) out.push('排名依据');
  for (const r of body.rules ?? []) if (reads(r.when as Condition, id)) out.push(`规则“${r.label}”`);
  return out;
}

function reads(c: Condition, id: string): boolean {
  if (c.kind === 'value') return c.of === id;
  if (c.kind === 'any' || c.kind === 'all') return c.of.some((x) => reads(x, id));
  if (c.kind === 'not') return reads(c.of, id);
  return false;
}

/**
 * Removes a component and its place in every weighted sum (the other weights stay: the live
 * check then says the split no longer adds up). The total itself cannot be removed. A rule or
 * band that still reads it is named by the live check.
 */
export function removeComponent(body: Body, id: string): Body {
  if (id === body.total) return body;
  const next = copy(body);
  next.components = next.components
    .filter((c) => c.id !== id)
    .map((c) => {
      if (c.kind !== 'weighted') return c;
      const byGroup = c.byGroup ? Object.fromEntries(Object.entries(c.byGroup).map(([g, ps]) => [g, ps.filter((p) => p.component !== id)])) : undefined;
      return { ...c, parts: c.parts.filter((p) => p.component !== id), ...(byGroup ? { byGroup } : {}) };
    });
  return next;
}

/** Adds a single-choice item to a form: 满意 (1 分) / 不满意 (0 分), to be renamed and re-scored. */
export function addItem(body: Body, formKey: string, label: string): Body {
  const form = body.forms[formKey];
  if (!form) return body;
  const next = copy(body);
  const id = freeId(Object.values(body.forms).flatMap((f) => f.items.map((i) => i.id)), 'q');
  next.forms[formKey]!.items.push({ id, label, kind: 'single', required: true, options: [{ value: 'yes', label: '满意', points: 1 }, { value: 'no', label: '不满意', points: 0 }] } as never);
  return next;
}

/** Removes an item from one form (a part that counts it is then named by the live check). */
export function removeItem(body: Body, formKey: string, itemId: string): Body {
  const next = copy(body);
  const form = next.forms[formKey];
  if (form) form.items = form.items.filter((i) => i.id !== itemId);
  return next;
}

/** Adds an option (0 分) to an item; an item holds at most 10. */
export function addOption(body: Body, formKey: string, itemId: string, label: string): Body {
  const next = copy(body);
  const item = next.forms[formKey]?.items.find((i) => i.id === itemId);
  if (!item || item.options.length >= 10) return body;
  item.options.push({ value: freeId(item.options.map((o) => o.value), 'opt'), label, points: 0 });
  return next;
}

/** Removes an option (never the last one of an item). */
export function removeOption(body: Body, formKey: string, itemId: string, value: string): Body {
  const next = copy(body);
  const item = next.forms[formKey]?.items.find((i) => i.id === itemId);
  if (!item || item.options.length <= 1) return body;
  item.options = item.options.filter((o) => o.value !== value);
  return next;
}

/** An option's wording. */
export function setOptionLabel(body: Body, formKey: string, itemId: string, value: string, label: string): Body {
  const next = copy(body);
  const option = next.forms[formKey]?.items.find((i) => i.id === itemId)?.options.find((o) => o.value === value);
  if (option) option.label = label;
  return next;
}

/**
 * Adds a grade band just above the catch-all band (the last, without a threshold), with a
 * threshold below the band before it (10 分 or 10% lower), to be set by the clerk.
 * @example addBand(ganquan, '基本满意').grades?.bands.map((b) => b.label) // ['满意', '基本满意', '不满意']
 */
export function addBand(body: Body, label: string): Body {
  const g = body.grades;
  if (!g) return body;
  const next = copy(body);
  const bands = next.grades!.bands;
  const at = bands.length > 0 && bands[bands.length - 1]!.min === undefined ? bands.length - 1 : bands.length;
  const above = bands.slice(0, at).reverse().find((b) => b.min !== undefined)?.min;
  const step = valueIsShare(body, g.basis) ? 0.1 : 10;
  const min = Math.max(0, Math.round(((above ?? step * 7) - step) * 1000) / 1000);
  bands.splice(at, 0, { id: freeId(bands.map((b) => b.id), 'band'), label, min });
  return next;
}

/** Removes a grade band (never the only one). A rule or override naming it is named by the live check. */
export function removeBand(body: Body, bandId: string): Body {
  if (!body.grades || body.grades.bands.length <= 1) return body;
  const next = copy(body);
  next.grades!.bands = next.grades!.bands.filter((b) => b.id !== bandId);
  return next;
}

/**
 * Adds a ranking group with a free id; units are placed in groups when a programme or round is
 * made. A scheme without groups gets its first.
 */
export function addRankingGroup(body: Body, label: string): Body {
  const next = copy(body);
  next.groups = [...(next.groups ?? []), { id: freeId((body.groups ?? []).map((g) => g.id), 'group'), label }];
  return next;
}

/**
 * Removes a ranking group and its own split of weights. The last group removed leaves a scheme
 * ranking everyone together. Rules and entered scores limited to it are named by the live check.
 */
export function removeRankingGroup(body: Body, groupId: string): Body {
  const next = copy(body);
  const groups = (next.groups ?? []).filter((g) => g.id !== groupId);
  if (groups.length > 0) next.groups = groups;
  else delete next.groups;
  next.components = next.components.map((c) => {
    if (c.kind !== 'weighted' || !c.byGroup?.[groupId]) return c;
    const { [groupId]: _gone, ...rest } = c.byGroup;
    const { byGroup: _old, ...own } = c;
    return Object.keys(rest).length ? { ...own, byGroup: rest } : own;
  });
  return next;
}

/** The kinds of rule a clerk can add, each with its first condition (numbers are then edited as knobs). */
export const RULE_TEMPLATES = {
  topShare: { label: '排名前40%', when: { kind: 'rankShare', top: 0.4 } },
  top: { label: '排名前6名', when: { kind: 'rank', top: 6 } },
  bottom: { label: '排名后3名', when: { kind: 'rankFromEnd', within: 3 } },
  below: { label: '总分低于60分', when: { kind: 'value', of: 'total', op: 'lt', value: 60 } },
  misconduct: { label: '查实违纪违法', when: { kind: 'misconduct' } },
} as const satisfies Record<string, { label: string; when: Condition }>;
export type RuleTemplate = keyof typeof RULE_TEMPLATES;

/**
 * Adds a consequence rule from a template, for this round alone (its period is set with the
 * rule's 期间 chips), named after the template until the clerk renames it.
 * @example addRule(ganquan, 'bottom').rules?.at(-1) // { id: 'rule1', label: '排名后3名', text: '排名后3名的，按规定处理', when: { kind: 'rankFromEnd', within: 3 } }
 */
export function addRule(body: Body, template: RuleTemplate): { body: Body; id: string } {
  const t = RULE_TEMPLATES[template];
  const id = freeId((body.rules ?? []).map((r) => r.id), 'rule');
  const next = copy(body);
  const when = copy(t.when) as Condition;
  // A share-valued total reads 60% rather than 60 分.
  const share = when.kind === 'value' && valueIsShare(body, 'total');
  if (share) when.value = 0.6;
  const label = share ? '总分低于60%' : t.label;
  next.rules = [...(next.rules ?? []), { id, label, text: `${label}的，按规定处理`, when } as Rule];
  return { body: next, id };
}

/** Removes a consequence rule. */
export function removeRule(body: Body, ruleId: string): Body {
  const next = copy(body);
  next.rules = (next.rules ?? []).filter((r) => r.id !== ruleId);
  return next;
}
