import { CHANNEL_LABELS, type ChannelKind } from '../model/channel';
import type { Condition } from '../scoring/conditions';
import type { Scheme } from '../scoring/scheme';
import { inputColumns, type InputColumn } from './fields';
import { SHEETS } from './workbook';

/**
 * Which sheets and columns a scheme's workbook has. The generator writes this layout and the
 * parser reads by it, so the two cannot disagree about a header.
 *
 * - `inputs` (the admin import): 单位录入 only — the per-target fields the office enters
 *   (服务人次, each input component, 整改记录, 违纪违法, 到会人数), the same columns as the
 *   inputs table (`inputColumns`).
 * - `facts` (`npm run score`): also 本轮信息 (round id and period), one 计数 sheet per channel of
 *   the scheme (the tallies the engine scores) and 往期结果 when a consequence rule counts
 *   earlier rounds.
 */
export type WorkbookMode = 'inputs' | 'facts';

/** One count column of a tally sheet: an (item, option) pair of the channel's form(s). */
export interface CountColumn {
  header: string;
  item: string;
  option: string;
}

export interface TallySheetLayout {
  channel: ChannelKind;
  sheet: string;
  counts: CountColumn[];
}

/** A history column: the PastTarget field it fills. */
export interface HistoryColumn {
  header: string;
  field: 'rank' | 'rankedCount' | 'tieSize' | 'total' | 'grade' | 'misconduct' | `components.${string}`;
}

export interface WorkbookLayout {
  mode: WorkbookMode;
  inputs: InputColumn[];
  tallies: TallySheetLayout[];
  /** Present when a rule counts earlier rounds (facts mode only). */
  history?: { periods: boolean; columns: HistoryColumn[] };
}

/** Headers of the 本轮信息 sheet (label / value rows) and the 往期结果 sheet's fixed columns. */
export const ROUND_INFO = { key: '项目', value: '内容', scheme: '评议方案', roundId: '轮次编号', periodKind: '评议期类型', start: '开始日期', end: '结束日期', yearStart: '年度起始月份' } as const;
export const HISTORY_HEADERS = { round: '往期轮次', periodKind: '评议期类型', start: '开始日期', end: '结束日期' } as const;
export const BALLOTS_HEADER = '有效评价表数';

/** 评议期类型 in Chinese, both ways. */
export const PERIOD_KINDS = { month: '月度', quarter: '季度', half: '半年', year: '年度', custom: '自定义' } as const;

/**
 * The layout of a scheme's workbook.
 * @example workbookLayout(tonghe, 'inputs', ['phone', 'hearing']).inputs.map((c) => c.label)
 */
export function workbookLayout(scheme: Scheme, mode: WorkbookMode, roundChannels: readonly string[]): WorkbookLayout {
  const inputs = inputColumns(scheme, roundChannels);
  if (mode === 'inputs') return { mode, inputs, tallies: [] };
  const tallies = scheme.channels.map((channel) => ({ channel, sheet: `${SHEETS.tallyPrefix}${CHANNEL_LABELS[channel]}`, counts: countColumns(scheme, channel) }));
  const historyRules = scheme.rules.filter((r) => r.history);
  if (historyRules.length === 0) return { mode, inputs, tallies };
  const periods = historyRules.some((r) => r.history!.unit !== 'round');
  const read = new Set(historyRules.flatMap((r) => valuesRead(r.when)));
  const extra = scheme.components.filter((c) => c.id !== scheme.total && read.has(c.id)).map((c) => ({ header: c.label, field: `components.${c.id}` as const }));
  const columns: HistoryColumn[] = [
    { header: '名次', field: 'rank' },
    { header: '参加排名单位数', field: 'rankedCount' },
    { header: '并列单位数', field: 'tieSize' },
    { header: '总分', field: 'total' },
    { header: '等次', field: 'grade' },
    { header: '查实违纪违法（件）', field: 'misconduct' },
    ...extra,
  ];
  return { mode, inputs, tallies, history: { periods, columns } };
}

/** The (item, option) pairs a channel's forms can count, first form's labels first. */
function countColumns(scheme: Scheme, channel: ChannelKind): CountColumn[] {
  const bound = scheme.channelForms?.[channel];
  const forms = bound && scheme.forms[bound] ? [scheme.forms[bound]!] : Object.values(scheme.forms);
  const out: CountColumn[] = [];
  const seen = new Set<string>();
  const headers = new Set<string>();
  for (const form of forms) {
    for (const item of form.items) {
      for (const option of item.options) {
        const key = `${item.id}\u0000${option.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        let header = `${item.label}：${option.label}`;
        if (headers.has(header)) header = `${item.label}（${item.id}）：${option.label}`;
        headers.add(header);
        out.push({ header, item: item.id, option: option.value });
      }
    }
  }
  return out;
}

/** Component ids a condition compares (`value.of`). */
function valuesRead(c: Condition): string[] {
  if (c.kind === 'value') return [c.of];
  if (c.kind === 'any' || c.kind === 'all') return c.of.flatMap(valuesRead);
  if (c.kind === 'not') return valuesRead(c.of);
  return [];
}

/**
 * What a number column accepts, in Chinese: 「0–100之间的数」, 「不小于0的整数」.
 * @example expectation({ min: 0, max: 10_000_000, integer: true }) // '不小于0的整数'
 */
export function expectation(c: { min: number; max: number; integer: boolean }): string {
  const kind = c.integer ? '整数' : '数';
  return c.max >= 1000 && c.min === 0 ? `不小于0的${kind}` : `${c.min}–${c.max}之间的${kind}`;
}
