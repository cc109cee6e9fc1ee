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
 * One cross-reference problem: where it is (a dotted path, components.<id>, rules.<id> …), the
 * English sentence for tools and the Chinese one for the office, naming the field.
 */
export interface SchemeIssue {
  path: string;
  en: string;
  zh: string;
}

/**
 * Cross-reference problems of a scheme, as readable sentences (empty when consistent).
 * @example schemeProblems({ ...scheme, total: 'nope' }) // ['total: unknown component "nope"']
 */
export function schemeProblems(scheme: Scheme): string[] {
  return schemeIssues(scheme).map((i) => `${i.path}: ${i.en}`);
}

/**
 * The same problems with a Chinese sentence each (the scheme editor shows them beside the field).
 * Weights given as shares (every weight of a part list at most 1) must add up to 100%.
 * @example schemeIssues({ ...scheme, total: 'nope' })[0].zh // '总分：没有名为“nope”的分项'
 */
export function schemeIssues(scheme: Scheme): SchemeIssue[] {
  const problems: SchemeIssue[] = [];
  const add = (path: string, en: string, zh: string) => problems.push({ path, en, zh });
  const known = new Set<string>();
  const groups = scheme.groups ? new Set(scheme.groups.map((g) => g.id)) : undefined;
  const allItems = new Set(Object.values(scheme.forms).flatMap((f) => f.items.map((i) => i.id)));

  for (const c of scheme.components) {
    const where = `components.${c.id}`;
    const name = `分项“${c.label}”`;
    if (known.has(c.id)) add(where, 'duplicate component id', `${name}：分项编号“${c.id}”重复`);
    if ('channels' in c) {
      for (const ch of c.channels) if (!scheme.channels.includes(ch)) add(where, `channel "${ch}" is not one of the scheme's channels`, `${name}：评价方式“${ch}”不在本方案的评价方式中`);
    }
    if (c.kind === 'proportion') {
      const versions = itemVersions(scheme, c.channels, c.item);
      if (versions.length === 0) add(where, `no form on its channels has item "${c.item}"`, `${name}：所用评价方式的评议表中没有题目“${c.item}”`);
      for (const v of c.success) if (!versions.some((i) => i.options.some((o) => o.value === v))) add(where, `"${v}" is not an option of "${c.item}"`, `${name}：“${v}”不是题目“${c.item}”的选项`);
    }
    if (c.kind === 'pointsMean') {
      for (const item of c.items) {
        const versions = itemVersions(scheme, c.channels, item);
        if (versions.length === 0) add(where, `no form on its channels has item "${item}"`, `${name}：所用评价方式的评议表中没有题目“${item}”`);
        for (const i of versions) if (i.options.some((o) => o.points === undefined)) add(where, `every option of "${item}" needs points`, `${name}：题目“${item}”的每个选项都须有分值`);
      }
    }
    if (c.kind === 'pointsMean' && c.divisor === 'present' && c.per !== 'ballot') add(where, 'divisor "present" counts representatives, so it needs per "ballot"', `${name}：按到会人数计分时须按每份评议表计分`);
    if (c.kind === 'input' && c.min > c.max) add(where, 'min is above max', `${name}：最低分高于最高分`);
    if (c.kind === 'input') for (const g of c.groups ?? []) if (groups && !groups.has(g)) add(where, `unknown group "${g}"`, `${name}：没有组别“${g}”`);
    if (c.kind === 'weighted') {
      const partLists: Array<[string, typeof c.parts]> = [['', c.parts], ...Object.entries(c.byGroup ?? {})];
      for (const [group, parts] of partLists) {
        for (const p of parts) if (!known.has(p.component)) add(where, `part "${p.component}" must be a component listed before it`, `${name}：组成部分“${p.component}”须是排在它前面的分项`);
        const sum = parts.reduce((s, p) => s + p.weight, 0);
        if (parts.every((p) => p.weight >= 0 && p.weight <= 1) && Math.abs(sum - 1) > 1e-9) {
          const groupLabel = group ? `，${scheme.groups?.find((g) => g.id === group)?.label ?? group}` : '';
          add(group ? `${where}.byGroup.${group}` : `${where}.parts`, `weights add up to ${sum}, not 1`, `权重合计须为100%，现为${percent(sum)}（${c.label}权重${groupLabel}）`);
        }
      }
      for (const g of Object.keys(c.byGroup ?? {})) if (groups && !groups.has(g)) add(where, `unknown group "${g}"`, `${name}：没有组别“${g}”`);
    }
    known.add(c.id);
  }
  const valueNames = new Set([...known, 'total']);
  if (!known.has(scheme.total)) add('total', `unknown component "${scheme.total}"`, `总分：没有名为“${scheme.total}”的分项`);

  const gradeIds = new Set(scheme.grades?.bands.map((b) => b.id) ?? []);
  const checkCondition = (c: Condition, where: string, what: string): void => {
    const refs = conditionRefs(c);
    for (const v of refs.values) if (!valueNames.has(v)) add(where, `unknown component "${v}"`, `${what}：没有名为“${v}”的分项`);
    for (const g of refs.grades) if (!gradeIds.has(g)) add(where, `unknown grade "${g}"`, `${what}：没有等次“${g}”`);
    for (const i of refs.items) if (!allItems.has(i)) add(where, `unknown item "${i}"`, `${what}：评议表中没有题目“${i}”`);
  };

  if (scheme.grades) {
    const g = scheme.grades;
    if (!valueNames.has(g.basis)) add('grades.basis', `unknown component "${g.basis}"`, `等次依据：没有名为“${g.basis}”的分项`);
    if (gradeIds.size !== g.bands.length) add('grades.bands', 'duplicate grade id', '等次：等次编号重复');
    g.bands.forEach((b, i) => {
      const next = g.bands[i + 1];
      if (b.min === undefined && next) add(`grades.bands.${b.id}`, 'only the last band may omit min', `等次“${b.label}”：只有最后一个等次可以不设下限`);
      if (b.min !== undefined && next?.min !== undefined && next.min >= b.min) add('grades.bands', 'list bands from the highest min down', `等次“${next.label}”：等次须按下限从高到低排列`);
    });
    g.overrides.forEach((o, i) => {
      if (!gradeIds.has(o.grade)) add(`grades.overrides.${i}`, `unknown grade "${o.grade}"`, `等次特别规定第${i + 1}条：没有等次“${o.grade}”`);
      checkCondition(o.when, `grades.overrides.${i}`, `等次特别规定第${i + 1}条`);
    });
  }
  if (scheme.ranking) {
    const basis = scheme.ranking.basis ?? scheme.total;
    if (!valueNames.has(basis)) add('ranking.basis', `unknown component "${basis}"`, `排名依据：没有名为“${basis}”的分项`);
    if (scheme.ranking.forceFirst) checkCondition(scheme.ranking.forceFirst.when, 'ranking.forceFirst', '排名首位规定');
  }

  const ruleIds = new Set<string>();
  for (const r of scheme.rules) {
    const where = `rules.${r.id}`;
    const name = `结果运用规则“${r.label}”`;
    if (ruleIds.has(r.id)) add(where, 'duplicate rule id', `${name}：规则编号“${r.id}”重复`);
    ruleIds.add(r.id);
    checkCondition(r.when, where, name);
    for (const g of r.groups ?? []) if (groups && !groups.has(g)) add(where, `unknown group "${g}"`, `${name}：没有组别“${g}”`);
    if (r.cases && !allItems.has(r.cases.item)) add(where, `unknown item "${r.cases.item}"`, `${name}：评议表中没有题目“${r.cases.item}”`);
    if (r.confidence === 'required' && (!scheme.ranking || !readsRank(r.when))) add(where, 'confidence "required" needs a ranking and a rank condition', `${name}：要求名次统计确定时，方案须有排名且规则须按名次判断`);
    if ((r.deductionByRank || r.cases) && r.history) add(where, 'deductions and cases are per round; drop history', `${name}：扣分和逐件整改按每轮计算，不能再设连续轮次条件`);
  }

  for (const [key, mix] of Object.entries(scheme.evaluatorMix ?? {})) {
    const where = `evaluatorMix.${key}`;
    if (!(key in scheme.forms)) add(where, 'no form with this key', `参评人员构成“${key}”：没有这个评议表`);
    const sum = mix.categories.reduce((s, c) => s + c.share, 0);
    if (Math.abs(sum - 1) > 1e-9) add(where, `shares add up to ${sum}, not 1`, `比例合计须为100%，现为${percent(sum)}（参评人员构成“${key}”）`);
    if (mix.item && !allItems.has(mix.item)) add(where, `unknown item "${mix.item}"`, `参评人员构成“${key}”：评议表中没有题目“${mix.item}”`);
  }
  return problems;
}

/** 0.9 → '90%', 0.333… → '33.3%'. */
const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;
