import type { Condition } from '@shared/scoring/conditions';
import type { ChannelKind } from '@shared/model/channel';
import type { ActionKind } from '@shared/scoring/action-kinds';
import type { ComponentInput } from '@shared/scoring/components';
import { conditionKnobs, describeCondition, describeHistory, type Knob } from './conditions';
import { COMPONENT_KIND_LABELS, COMPONENT_SOURCE, COMPONENT_SOURCE_LABELS, channelLabel, formKeyLabel, type ComponentSource } from './labels';
import { percent, shareSum, weightsAreShares } from './numbers';
import { groupLabel, itemLabel, optionLabel, showValue, valueIsShare, valueLabel, type Body } from './values';

/**
 * The scheme body as rows a clerk edits: one function per section of the editor, each pure, so
 * the page only lays them out and the tests read exactly what the clerk sees.
 */

export type OptionRow = { value: string; label: string; points: number | undefined };
export type ItemRow = { id: string; label: string; options: OptionRow[] };
export type FormRow = { key: string; label: string; title: string; usedBy: string; items: ItemRow[] };

/** Which channels or organisation types a form serves, in words. */
function formUse(body: Body, key: string): string {
  const own = Object.entries(body.channelForms ?? {}).filter(([, k]) => k === key).map(([c]) => channelLabel(c as ChannelKind));
  if (own.length) return own.join('、');
  if (key === 'default') return '未单独设置评价表的单位';
  return `单位类型为“${formKeyLabel(key)}”的单位`;
}

/**
 * Each form with its items and the points of each option.
 * @example formRows(tonghe)[1] // { key: 'hearing', label: '听证（评议会）评分表', usedBy: '听证评议', items: [{ id: 'openness', label: '信息公开', options: [{ value: 'good', label: '好', points: 20 }, …] }, …] }
 */
export function formRows(body: Body): FormRow[] {
  return Object.entries(body.forms).map(([key, f]) => ({
    key,
    label: formKeyLabel(key),
    title: f.title,
    usedBy: formUse(body, key),
    items: f.items.map((i) => ({ id: i.id, label: i.label, options: i.options.map((o) => ({ value: o.value, label: o.label, points: o.points })) })),
  }));
}

export type WeightRow = { component: string; label: string; weight: number; shown: string };
/** One list of weights: the component's own parts or a group's replacement (通河 社会服务组). */
export type WeightTable = { group: string | undefined; title: string; shares: boolean; rows: WeightRow[]; sum: string | undefined; sumOk: boolean };

function weightTable(body: Body, group: string | undefined, parts: { component: string; weight: number }[]): WeightTable {
  const shares = weightsAreShares(parts.map((p) => p.weight));
  const sum = shareSum(parts.map((p) => p.weight));
  return {
    group,
    title: group === undefined ? '各组通用' : `${groupLabel(body, group)}`,
    shares,
    rows: parts.map((p) => ({ component: p.component, label: valueLabel(body, p.component), weight: p.weight, shown: shares ? percent(p.weight) : `× ${p.weight}` })),
    sum: shares ? sum.text : undefined,
    sumOk: !shares || sum.ok,
  };
}

export type ComponentRow = {
  id: string;
  label: string;
  kind: ComponentInput['kind'];
  kindLabel: string;
  source: ComponentSource;
  sourceLabel: string;
  /** What the value is read in: 百分比 or 分. */
  scaleLabel: string;
  channels: ChannelKind[];
  /** In words: which items of the form it counts (ballot components). */
  reads: string | undefined;
  range: { min: number; max: number } | undefined;
  groups: string | undefined;
  weights: WeightTable[];
};

function reads(body: Body, c: ComponentInput): string | undefined {
  if (c.kind === 'proportion') return `“${itemLabel(body, c.item)}”选“${c.success.map((v) => optionLabel(body, c.item, v)).join('、')}”的比例${c.scale === 100 ? '（百分制）' : ''}`;
  if (c.kind === 'pointsMean') return `${c.items.map((i) => `“${itemLabel(body, i)}”`).join('')}的平均得分${c.normaliser && c.normaliser !== 1 ? `（÷${c.normaliser}）` : ''}`;
  if (c.kind === 'returnRate') return '回收份数 ÷ 服务人次';
  if (c.kind === 'deduction') return `基础分${c.base}，按记录扣分，最低${c.floor ?? 0}分`;
  return undefined;
}

/**
 * Every component: where its value comes from, which channels feed it, its range when entered,
 * and its weights when it adds others up.
 * @example componentRows(tonghe).find((r) => r.id === 'total')?.weights[0]?.rows.map((w) => w.shown) // ['40%', '20%', '20%', '20%']
 */
export function componentRows(body: Body): ComponentRow[] {
  return body.components.map((c) => ({
    id: c.id,
    label: c.label,
    kind: c.kind,
    kindLabel: COMPONENT_KIND_LABELS[c.kind],
    source: COMPONENT_SOURCE[c.kind],
    sourceLabel: COMPONENT_SOURCE_LABELS[COMPONENT_SOURCE[c.kind]],
    scaleLabel: valueIsShare(body, c.id) ? '百分比' : '分',
    channels: 'channels' in c ? [...c.channels] : [],
    reads: reads(body, c),
    range: c.kind === 'input' ? { min: c.min, max: c.max } : undefined,
    groups: c.kind === 'input' && c.groups ? c.groups.map((g) => groupLabel(body, g)).join('、') : undefined,
    weights: c.kind === 'weighted' ? [weightTable(body, undefined, c.parts), ...Object.entries(c.byGroup ?? {}).map(([g, parts]) => weightTable(body, g, parts))] : [],
  }));
}

export type BandRow = { id: string; label: string; min: number | undefined; shown: string };
export type GradeView = { basis: string; basisLabel: string; share: boolean; bands: BandRow[]; overrides: { index: number; text: string; grade: string; knobs: Knob[] }[] };

/**
 * The grade bands (best first) with each threshold as the clerk reads it, and the overrides.
 * @example gradeView(ganquan)?.bands // [{ id: 'satisfied', label: '满意', min: 0.85, shown: '85%及以上' }, { id: 'unsatisfied', label: '不满意', min: undefined, shown: '其余' }]
 */
export function gradeView(body: Body): GradeView | undefined {
  const g = body.grades;
  if (!g) return undefined;
  return {
    basis: g.basis,
    basisLabel: valueLabel(body, g.basis),
    share: valueIsShare(body, g.basis),
    bands: g.bands.map((b) => ({ id: b.id, label: b.label, min: b.min, shown: b.min === undefined ? '其余' : `${showValue(body, g.basis, b.min)}及以上` })),
    overrides: (g.overrides ?? []).map((o, index) => ({
      index,
      text: `${describeCondition(body, o.when as Condition)} → “${g.bands.find((b) => b.id === o.grade)?.label ?? o.grade}”`,
      grade: o.grade,
      knobs: conditionKnobs(body, o.when as Condition),
    })),
  };
}

export type RuleRow = {
  id: string;
  label: string;
  text: string;
  when: string;
  knobs: Knob[];
  groups: string;
  history: string;
  actions: ActionKind[];
};

/**
 * Each consequence rule: what triggers it (in words, with its numbers as knobs), for which
 * groups, over which period, and the kinds of action it orders.
 * @example ruleRows(tonghe)[0]?.when // '排名前40%'
 */
export function ruleRows(body: Body): RuleRow[] {
  return (body.rules ?? []).map((r) => ({
    id: r.id,
    label: r.label,
    text: r.text,
    when: describeCondition(body, r.when as Condition),
    knobs: conditionKnobs(body, r.when as Condition),
    groups: r.groups ? r.groups.map((g) => groupLabel(body, g)).join('、') : '全部分组',
    history: describeHistory(r.history),
    actions: [...(r.actions ?? [])],
  }));
}
