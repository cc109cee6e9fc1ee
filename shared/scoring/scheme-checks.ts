import type { BallotForm, FormItem } from '../model/form';
import type { ChannelKind } from '../model/channel';
import type { Scheme } from './scheme';
import { conditionRefs, readsRank, type Condition } from './conditions';

/**
 * The forms a channel can show: its own form when `channelForms` names one, otherwise any of
 * the scheme's forms (which one depends on the target's formKey).
 * @example formsServing(scheme, 'hearing') // [scheme.forms.hearing]
 */
export function formsServing(scheme: Pick<Scheme, 'forms' | 'channelForms'>, channel: ChannelKind): BallotForm[] {
  const own = scheme.channelForms?.[channel];
  const form = own === undefined ? undefined : scheme.forms[own];
  return form ? [form] : Object.values(scheme.forms);
}

/**
 * Every version of an item the given channels can show (the same id may sit on several forms).
 * @example itemVersions(scheme, ['window'], 'overall').length // 1 for 甘泉
 */
export function itemVersions(scheme: Pick<Scheme, 'forms' | 'channelForms'>, channels: ChannelKind[], item: string): FormItem[] {
  const out: FormItem[] = [];
  for (const ch of channels) for (const f of formsServing(scheme, ch)) for (const i of f.items) if (i.id === item && !out.includes(i)) out.push(i);
  return out;
}

/**
 * Cross-reference problems of a scheme, as readable sentences (empty when consistent).
 * @example schemeProblems({ ...scheme, total: 'nope' }) // ['total: unknown component "nope"']
 */
export function schemeProblems(scheme: Scheme): string[] {
  const problems: string[] = [];
  const known = new Set<string>();
  const groups = scheme.groups ? new Set(scheme.groups.map((g) => g.id)) : undefined;
  const allItems = new Set(Object.values(scheme.forms).flatMap((f) => f.items.map((i) => i.id)));

  for (const c of scheme.components) {
    const where = `components.${c.id}`;
    if (known.has(c.id)) problems.push(`${where}: duplicate component id`);
    if ('channels' in c) {
      for (const ch of c.channels) if (!scheme.channels.includes(ch)) problems.push(`${where}: channel "${ch}" is not one of the scheme's channels`);
    }
    if (c.kind === 'proportion') {
      const versions = itemVersions(scheme, c.channels, c.item);
      if (versions.length === 0) problems.push(`${where}: no form on its channels has item "${c.item}"`);
      for (const v of c.success) if (!versions.some((i) => i.options.some((o) => o.value === v))) problems.push(`${where}: "${v}" is not an option of "${c.item}"`);
    }
    if (c.kind === 'pointsMean') {
      for (const item of c.items) {
        const versions = itemVersions(scheme, c.channels, item);
        if (versions.length === 0) problems.push(`${where}: no form on its channels has item "${item}"`);
        for (const i of versions) if (i.options.some((o) => o.points === undefined)) problems.push(`${where}: every option of "${item}" needs points`);
      }
    }
    if (c.kind === 'pointsMean' && c.divisor === 'present' && c.per !== 'ballot') problems.push(`${where}: divisor "present" counts representatives, so it needs per "ballot"`);
    if (c.kind === 'input' && c.min > c.max) problems.push(`${where}: min is above max`);
    if (c.kind === 'input') for (const g of c.groups ?? []) if (groups && !groups.has(g)) problems.push(`${where}: unknown group "${g}"`);
    if (c.kind === 'weighted') {
      const partLists = [c.parts, ...Object.values(c.byGroup ?? {})];
      for (const parts of partLists) for (const p of parts) if (!known.has(p.component)) problems.push(`${where}: part "${p.component}" must be a component listed before it`);
      for (const g of Object.keys(c.byGroup ?? {})) if (groups && !groups.has(g)) problems.push(`${where}: unknown group "${g}"`);
    }
    known.add(c.id);
  }
  const valueNames = new Set([...known, 'total']);
  if (!known.has(scheme.total)) problems.push(`total: unknown component "${scheme.total}"`);

  const gradeIds = new Set(scheme.grades?.bands.map((b) => b.id) ?? []);
  const checkCondition = (c: Condition, where: string): void => {
    const refs = conditionRefs(c);
    for (const v of refs.values) if (!valueNames.has(v)) problems.push(`${where}: unknown component "${v}"`);
    for (const g of refs.grades) if (!gradeIds.has(g)) problems.push(`${where}: unknown grade "${g}"`);
    for (const i of refs.items) if (!allItems.has(i)) problems.push(`${where}: unknown item "${i}"`);
  };

  if (scheme.grades) {
    const g = scheme.grades;
    if (!valueNames.has(g.basis)) problems.push(`grades.basis: unknown component "${g.basis}"`);
    if (gradeIds.size !== g.bands.length) problems.push('grades.bands: duplicate grade id');
    g.bands.forEach((b, i) => {
      const next = g.bands[i + 1];
      if (b.min === undefined && next) problems.push(`grades.bands.${b.id}: only the last band may omit min`);
      if (b.min !== undefined && next?.min !== undefined && next.min >= b.min) problems.push('grades.bands: list bands from the highest min down');
    });
    g.overrides.forEach((o, i) => {
      if (!gradeIds.has(o.grade)) problems.push(`grades.overrides.${i}: unknown grade "${o.grade}"`);
      checkCondition(o.when, `grades.overrides.${i}`);
    });
  }
  if (scheme.ranking) {
    const basis = scheme.ranking.basis ?? scheme.total;
    if (!valueNames.has(basis)) problems.push(`ranking.basis: unknown component "${basis}"`);
    if (scheme.ranking.forceFirst) checkCondition(scheme.ranking.forceFirst.when, 'ranking.forceFirst');
  }

  const ruleIds = new Set<string>();
  for (const r of scheme.rules) {
    if (ruleIds.has(r.id)) problems.push(`rules.${r.id}: duplicate rule id`);
    ruleIds.add(r.id);
    checkCondition(r.when, `rules.${r.id}`);
    for (const g of r.groups ?? []) if (groups && !groups.has(g)) problems.push(`rules.${r.id}: unknown group "${g}"`);
    if (r.cases && !allItems.has(r.cases.item)) problems.push(`rules.${r.id}: unknown item "${r.cases.item}"`);
    if (r.confidence === 'required' && (!scheme.ranking || !readsRank(r.when))) problems.push(`rules.${r.id}: confidence "required" needs a ranking and a rank condition`);
    if ((r.deductionByRank || r.cases) && r.history) problems.push(`rules.${r.id}: deductions and cases are per round; drop history`);
  }

  for (const [key, mix] of Object.entries(scheme.evaluatorMix ?? {})) {
    if (!(key in scheme.forms)) problems.push(`evaluatorMix.${key}: no form with this key`);
    const sum = mix.categories.reduce((s, c) => s + c.share, 0);
    if (Math.abs(sum - 1) > 1e-9) problems.push(`evaluatorMix.${key}: shares add up to ${sum}, not 1`);
    if (mix.item && !allItems.has(mix.item)) problems.push(`evaluatorMix.${key}: unknown item "${mix.item}"`);
  }
  return problems;
}
