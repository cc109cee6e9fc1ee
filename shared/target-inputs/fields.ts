import { z } from 'zod';
import { CHANNEL_LABELS, ChannelKind } from '../model/channel';
import { ChannelTally, ImportedChannel } from '../api/results';
import type { Scheme } from '../scoring/scheme';

/**
 * One per-target input the office enters besides ballots, named by a field id:
 * `served` (服务人次, the 回收率 denominator), `misconduct`, `inputs.<component>` (工作考核 …),
 * `records.<kind>` (整改记录), `present.<channel>` (到会人数) and `channels.<channel>` (an imported
 * tally: 电话测评, 听证评议 sheets typed in). Each field is stored and audited on its own, so
 * entering one never touches another.
 * @example parseFieldId('inputs.work') // { kind: 'inputs', key: 'work' }
 */
export const FIELD_ID = /^(served|misconduct|(inputs|records)\.[a-z0-9_]{1,32}|(present|channels)\.[a-z]{1,16})$/;
export const FieldId = z.string().regex(FIELD_ID, '字段名不正确（如 served、inputs.work、present.hearing）');
export type FieldId = z.infer<typeof FieldId>;

export type FieldKind = 'served' | 'misconduct' | 'inputs' | 'records' | 'present' | 'channels';

/** A field's value: a number, or an imported channel tally for `channels.*`. */
export const FieldValue = z.union([z.number(), ChannelTally]);
export type FieldValue = z.infer<typeof FieldValue>;

/** The fields of one target as entered, by field id. */
export type FieldMap = Record<string, FieldValue>;

export function parseFieldId(field: string): { kind: FieldKind; key?: string } {
  const dot = field.indexOf('.');
  if (dot < 0) return { kind: field as FieldKind };
  return { kind: field.slice(0, dot) as FieldKind, key: field.slice(dot + 1) };
}

/**
 * Sets and clears fields: `null` clears one, any other value replaces it, fields not named stay.
 * Pure, so that setting A then B equals setting B then A whenever A and B name different fields.
 * @example mergeFields({ served: 10 }, { 'inputs.work': 90 }) // { served: 10, 'inputs.work': 90 }
 */
export function mergeFields(current: FieldMap, set: Record<string, FieldValue | null>): FieldMap {
  const out: FieldMap = { ...current };
  for (const [field, value] of Object.entries(set)) {
    if (value === null) delete out[field];
    else out[field] = value;
  }
  return out;
}

/** What the scoring facts read, from a target's fields (the engine's TargetFacts shape). */
export function factsOfFields(fields: FieldMap) {
  const out: { served?: number; misconduct?: number; inputs?: Record<string, number>; records?: Record<string, number>; present?: Partial<Record<ChannelKind, number>>; channels?: Partial<Record<ChannelKind, ChannelTally>> } = {};
  for (const [field, value] of Object.entries(fields)) {
    const { kind, key } = parseFieldId(field);
    if (kind === 'served' || kind === 'misconduct') out[kind] = value as number;
    else if (key !== undefined) ((out[kind] ??= {}) as Record<string, FieldValue>)[key] = value;
  }
  return out;
}

/** A column of the office's inputs table: a field the round's scheme reads. */
export interface InputColumn {
  field: string;
  label: string;
  /** Groups it applies to (absent: every group). */
  groups?: string[];
  min: number;
  max: number;
  integer: boolean;
  /** Whether a complete round needs it for every target it applies to. */
  required: boolean;
}

/**
 * The fields a round's scheme reads, in the scheme's order: 服务人次 when it has a return rate,
 * each input component, each rectification record kind, 违纪违法 cases, and 到会人数 for each
 * hearing-like channel the round runs. Imported tallies are not table columns.
 * @example inputColumns(tonghe, ['phone', 'hearing']).map((c) => c.field) // ['inputs.style_year', 'inputs.work', 'misconduct', 'present.hearing']
 */
export function inputColumns(scheme: Scheme, roundChannels: readonly string[]): InputColumn[] {
  const cols: InputColumn[] = [];
  if (scheme.components.some((c) => c.kind === 'returnRate')) cols.push({ field: 'served', label: '服务人次', min: 0, max: 10_000_000, integer: true, required: true });
  for (const c of scheme.components) {
    if (c.kind === 'input') cols.push({ field: `inputs.${c.id}`, label: c.label, ...(c.groups ? { groups: [...c.groups] } : {}), min: c.min, max: c.max, integer: false, required: c.required });
  }
  const kinds = [...new Set(scheme.components.flatMap((c) => (c.kind === 'deduction' ? Object.keys(c.per) : [])))];
  for (const k of kinds) cols.push({ field: `records.${k}`, label: `整改记录：${recordLabel(scheme, k)}`, min: 0, max: 10_000, integer: true, required: false });
  cols.push({ field: 'misconduct', label: '查实违纪违法（件）', min: 0, max: 1000, integer: true, required: false });
  for (const ch of roundChannels) if (ch === 'hearing') cols.push({ field: `present.${ch}`, label: `到会人数（${CHANNEL_LABELS[ch]}）`, min: 0, max: 100_000, integer: true, required: false });
  return cols;
}

function recordLabel(scheme: Scheme, kind: string): string {
  for (const c of scheme.components) if (c.kind === 'deduction' && c.recordLabels?.[kind]) return c.recordLabels[kind]!;
  return kind;
}

/** The Chinese name of a field, for messages and the 待录入 list. */
export function fieldLabel(scheme: Scheme, field: string): string {
  const { kind, key } = parseFieldId(field);
  if (kind === 'served') return '服务人次';
  if (kind === 'misconduct') return '查实违纪违法（件）';
  if (kind === 'inputs') return scheme.components.find((c) => c.id === key)?.label ?? key ?? field;
  if (kind === 'records') return `整改记录：${recordLabel(scheme, key ?? '')}`;
  const ch = ChannelKind.safeParse(key);
  const name = ch.success ? CHANNEL_LABELS[ch.data] : key;
  return kind === 'present' ? `到会人数（${name}）` : `导入的${name}计数`;
}

/** A refused field: machine code, the field, and a sentence naming the target and the field. */
export interface FieldProblem {
  targetId: string;
  field: string;
  code: 'INPUT_FIELD_UNKNOWN' | 'INPUT_NOT_APPLICABLE' | 'INPUT_OUT_OF_RANGE' | 'SERVED_BELOW_RETURNED' | 'IMPORTED_TALLY_CLASH';
  message: string;
}

/** What a field is checked against: the target, its group and what its ballots already count. */
export interface FieldContext {
  scheme: Scheme;
  roundChannels: readonly string[];
  target: { targetId: string; name: string; group: string };
  /** Ballots counted per channel (tallies less voids). */
  ballots: Partial<Record<ChannelKind, number>>;
}

/**
 * Checks one field's new value against the round's scheme and the target's group. `null`
 * (clearing) is always allowed: a cleared field shows as 待录入, it never breaks the round.
 * @example checkField(ctx, 'inputs.style_year', 80) // INPUT_NOT_APPLICABLE for a 社会服务组 unit
 */
export function checkField(ctx: FieldContext, field: string, value: FieldValue | null): FieldProblem | undefined {
  const { scheme, target } = ctx;
  const who = `${target.name}（${target.targetId}）`;
  const problem = (code: FieldProblem['code'], message: string): FieldProblem => ({ targetId: target.targetId, field, code, message });
  if (!FIELD_ID.test(field)) return problem('INPUT_FIELD_UNKNOWN', `${who}：字段“${field}”不存在`);
  const { kind, key } = parseFieldId(field);
  const column = inputColumns(scheme, ctx.roundChannels).find((c) => c.field === field);
  if (kind === 'channels') {
    const ch = ImportedChannel.safeParse(key);
    if (!ch.success || !ctx.roundChannels.includes(ch.data)) return problem('INPUT_FIELD_UNKNOWN', `${who}：本轮评议没有可导入计数的评价方式“${key}”`);
    if (value === null) return undefined;
    if (typeof value === 'number') return problem('INPUT_OUT_OF_RANGE', `${who}：${fieldLabel(scheme, field)}应为计数表，不是数字`);
    if ((ctx.ballots[ch.data] ?? 0) > 0) return problem('IMPORTED_TALLY_CLASH', `${who}：${CHANNEL_LABELS[ch.data]}已有 ${ctx.ballots[ch.data]} 份评价表入账，不能再导入计数`);
    return undefined;
  }
  if (kind === 'served' && !column) {
    // Served counts are harmless where no return rate reads them; they are still range-checked.
  } else if (!column) {
    const what = kind === 'inputs' ? `评分项“${key}”` : kind === 'records' ? `整改记录类别“${key}”` : `评价方式“${key}”`;
    return problem('INPUT_FIELD_UNKNOWN', `${who}：本方案没有${what}`);
  }
  if (value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return problem('INPUT_OUT_OF_RANGE', `${who}：${fieldLabel(scheme, field)}应为数字`);
  if (column?.groups && !column.groups.includes(target.group)) {
    const groupLabel = scheme.groups?.find((g) => g.id === target.group)?.label ?? target.group;
    return problem('INPUT_NOT_APPLICABLE', `${who}属于${groupLabel}，${column.label}不适用于该组别`);
  }
  const min = column?.min ?? 0;
  const max = column?.max ?? 10_000_000;
  const integer = column?.integer ?? true;
  if (value < min || value > max || (integer && !Number.isInteger(value))) {
    return problem('INPUT_OUT_OF_RANGE', `${who}：${fieldLabel(scheme, field)}应为 ${min}–${max} 之间的${integer ? '整数' : '数'}，收到 ${value}`);
  }
  if (kind === 'served') {
    for (const c of scheme.components) {
      if (c.kind !== 'returnRate') continue;
      const returned = c.channels.reduce((s, ch) => s + (ctx.ballots[ch] ?? 0), 0);
      if (value < returned) return problem('SERVED_BELOW_RETURNED', `${who}：服务人次 ${value} 少于已回收的 ${returned} 份评价表`);
    }
  }
  return undefined;
}
