import { CHANNEL_LABELS } from '../model/channel';
import type { Scheme } from '../scoring/scheme';
import type { RoundFacts } from '../scoring/facts';
import type { ChannelTally } from '../api/results';
import type { FieldMap } from './fields';
import { HEADERS, NO_VALUE, NOT_APPLICABLE, SHEETS, type Cell, type SheetColumn, type SheetModel, type WorkbookModel } from './workbook';
import { BALLOTS_HEADER, expectation, HISTORY_HEADERS, PERIOD_KINDS, ROUND_INFO, workbookLayout, type WorkbookLayout, type WorkbookMode } from './workbook-layout';

/** A target listed in the template: the clerk sees its name and group; `fields` pre-fill the cells. */
export interface TemplateTarget {
  targetId: string;
  name: string;
  group: string;
  fields?: FieldMap;
}

export interface TemplateOptions {
  mode: WorkbookMode;
  /** The round's channels (inputs mode); facts mode uses the scheme's. */
  roundChannels?: readonly string[];
  /** Names of groups the scheme does not declare (the county's categories). */
  groupLabels?: Record<string, string>;
  /** What the 说明 sheet calls the workbook: the round's name, or the scheme's. */
  title?: string;
  /**
   * Facts mode: a round's facts to fill in (round info, tallies, history) — a JSON facts file
   * turned into the workbook a clerk would have typed. Targets come from `targets`.
   */
  facts?: Pick<RoundFacts, 'roundId' | 'period' | 'yearStartMonth' | 'history'> & { tallies: ReadonlyMap<string, Partial<Record<string, ChannelTally>>> };
}

/**
 * The input workbook of a scheme, as data: a 说明 sheet explaining every column in Chinese, then
 * one sheet per kind of input (see workbook-layout.ts). Targets are listed with their id, name and
 * group, entered values pre-filled, and cells whose column does not apply to a target's group
 * say 不适用.
 * @example inputsWorkbook(tonghe, [{ targetId: 's11', name: '户政科', group: 'service' }], { mode: 'inputs', roundChannels: ['phone', 'hearing'] })
 */
export function inputsWorkbook(scheme: Scheme, targets: readonly TemplateTarget[], options: TemplateOptions): WorkbookModel {
  const channels = options.mode === 'facts' ? scheme.channels : (options.roundChannels ?? scheme.channels);
  const layout = workbookLayout(scheme, options.mode, channels);
  const groupLabel = (g: string) => scheme.groups?.find((x) => x.id === g)?.label ?? options.groupLabels?.[g] ?? g;
  const sheets: SheetModel[] = [];
  if (options.mode === 'facts') sheets.push(roundSheet(scheme, options.facts));
  sheets.push(targetSheet(scheme, layout, targets, groupLabel));
  for (const t of layout.tallies) {
    sheets.push({
      name: t.sheet,
      input: true,
      columns: [
        { header: HEADERS.id, note: '与“单位录入”表的单位编号一致', width: 14 },
        { header: HEADERS.name, note: '便于核对，导入时与单位编号比对', width: 22 },
        { header: BALLOTS_HEADER, note: `${CHANNEL_LABELS[t.channel]}收回的有效评价表份数（不小于0的整数）；整行留空表示该单位没有此项`, width: 14 },
        ...t.counts.map((c) => ({ header: c.header, note: `选“${c.header.split('：').pop()}”的份数（不小于0的整数，空白按0计）`, width: Math.min(30, c.header.length * 2 + 4) })),
      ],
      rows: targets.map((x) => {
        const tally = options.facts?.tallies.get(x.targetId)?.[t.channel];
        return [x.targetId, x.name, tally?.ballots ?? null, ...t.counts.map((c) => tally?.answers[c.item]?.[c.option] ?? (tally ? 0 : null))];
      }),
    });
  }
  if (layout.history) sheets.push(historySheet(scheme, layout, options.facts?.history ?? []));
  sheets.unshift(guideSheet(scheme, options, sheets));
  return { sheets };
}

function targetSheet(scheme: Scheme, layout: WorkbookLayout, targets: readonly TemplateTarget[], groupLabel: (g: string) => string): SheetModel {
  const groups = scheme.groups?.map((g) => g.label);
  const columns: SheetColumn[] = [
    { header: HEADERS.id, note: '被评议单位的编号，不要修改', width: 14 },
    { header: HEADERS.name, note: '便于核对，导入时与单位编号比对', width: 24 },
    { header: HEADERS.group, note: groups ? `排名分组：${groups.join('、')}` : '排名分组', width: 14, ...(groups ? { choices: groups } : {}) },
    ...layout.inputs.map((c) => {
      const applies = c.groups ? `；仅适用于${c.groups.map(groupLabel).join('、')}，其他组填“${NOT_APPLICABLE}”或留空` : '';
      return { header: c.label, note: `应为${expectation(c)}${c.required ? '；必填' : '；可空'}${applies}`, width: Math.max(12, Math.min(28, c.label.length * 2 + 2)) };
    }),
  ];
  const rows = targets.map((t): Cell[] => [
    t.targetId,
    t.name,
    groupLabel(t.group),
    ...layout.inputs.map((c): Cell => {
      if (c.groups && !c.groups.includes(t.group)) return NOT_APPLICABLE;
      const v = t.fields?.[c.field];
      return typeof v === 'number' ? v : null;
    }),
  ]);
  return { name: SHEETS.targets, input: true, columns, rows };
}

function roundSheet(scheme: Scheme, facts: TemplateOptions['facts']): SheetModel {
  const p = facts?.period;
  return {
    name: SHEETS.round,
    input: true,
    columns: [
      { header: ROUND_INFO.key, note: '不要修改', width: 16 },
      { header: ROUND_INFO.value, note: `评议方案（方案编号，不要修改）、轮次编号（必填）、评议期类型（${Object.values(PERIOD_KINDS).join('、')}）与起止日期（如 2025-01-01；按季度或年度计数的规则需要）、年度起始月份（1–12，默认1）`, width: 24 },
    ],
    rows: [
      // The preset `npm run score` scores with (a stored scheme: --scheme <file>).
      [ROUND_INFO.scheme, scheme.id],
      [ROUND_INFO.roundId, facts?.roundId ?? null],
      [ROUND_INFO.periodKind, p ? PERIOD_KINDS[p.kind] : null],
      [ROUND_INFO.start, p?.start ?? null],
      [ROUND_INFO.end, p?.end ?? null],
      [ROUND_INFO.yearStart, facts?.yearStartMonth ?? 1],
    ],
  };
}

function historySheet(scheme: Scheme, layout: WorkbookLayout, history: RoundFacts['history']): SheetModel {
  const h = layout.history!;
  const grades = scheme.grades?.bands.map((b) => b.label);
  const columns: SheetColumn[] = [
    { header: HISTORY_HEADERS.round, note: '往期评议的轮次编号；按时间先后填写，最早的在前', width: 14 },
    ...(h.periods
      ? [
          { header: HISTORY_HEADERS.periodKind, note: `${Object.values(PERIOD_KINDS).join('、')}之一`, width: 12, choices: Object.values(PERIOD_KINDS) },
          { header: HISTORY_HEADERS.start, note: '如 2025-01-01', width: 14 },
          { header: HISTORY_HEADERS.end, note: '如 2025-12-31', width: 14 },
        ]
      : []),
    { header: HEADERS.id, note: '与本轮的单位编号一致', width: 14 },
    { header: HEADERS.name, note: '便于核对', width: 22 },
    ...h.columns.map((c) => ({
      header: c.header,
      note:
        c.field === 'grade'
          ? `${grades ? `${grades.join('、')}之一` : '等次'}；规则不读的可空`
          : c.field === 'rank'
            ? '该轮的名次（整数）；未参加排名填“未排名”'
            : `该轮的${c.header}；“${NO_VALUE}”表示该轮没有此值；规则不读的可空`,
      width: 14,
      ...(c.field === 'grade' && grades ? { choices: grades } : {}),
    })),
  ];
  const label = (id: string | undefined) => scheme.grades?.bands.find((b) => b.id === id)?.label ?? id ?? null;
  const rows = history.flatMap((r) =>
    r.targets.map((t): Cell[] => [
      r.roundId,
      ...(h.periods ? [r.period ? PERIOD_KINDS[r.period.kind] : null, r.period?.start ?? null, r.period?.end ?? null] : []),
      t.targetId,
      null,
      ...h.columns.map((c): Cell => {
        if (c.field === 'grade') return t.grade === undefined ? null : t.grade === null ? NO_VALUE : label(t.grade.id);
        if (c.field === 'rank') return t.rank === null ? '未排名' : (t.rank ?? null);
        if (c.field.startsWith('components.')) {
          const v = t.components?.[c.field.slice('components.'.length)];
          return v === undefined ? null : (v.value ?? NO_VALUE);
        }
        const v = t[c.field as 'total' | 'rankedCount' | 'tieSize' | 'misconduct'];
        return v === undefined ? null : (v ?? NO_VALUE);
      }),
    ]),
  );
  return { name: SHEETS.history, input: true, columns, rows };
}

/** 说明: what each sheet is for and what each column means, in the clerk's words. */
function guideSheet(scheme: Scheme, options: TemplateOptions, sheets: SheetModel[]): SheetModel {
  const rows: Cell[][] = [
    ['', '', `${options.title ?? scheme.name}（评议方案：${scheme.name}）`],
    ['', '', '第1行为表头，请勿修改表头和工作表名称；从第2行起每行一个单位。整行空白的行不读。'],
    ['', '', options.mode === 'inputs' ? '导入时先检查全部单元格，有任何错误则不导入任何数据，并列出每个错误所在的工作表、行和列。空白单元格表示不修改该项。' : '用 npm run score -- <本文件> 计算结果；有错误时列出每个错误所在的工作表、行和列。'],
  ];
  for (const sheet of sheets) for (const c of sheet.columns) rows.push([sheet.name, c.header, c.note]);
  return {
    name: SHEETS.guide,
    input: false,
    columns: [
      { header: '工作表', note: '', width: 16 },
      { header: '列', note: '', width: 28 },
      { header: '说明', note: '', width: 90 },
    ],
    rows,
  };
}

/**
 * A JSON facts file as the workbook a clerk would have typed (`npm run score -- --template …
 * --facts …`): targets with their fields, tallies, round info and history filled in. Channels
 * given as individual sheets cannot be written as counts and are refused.
 * @example factsWorkbook(ganquan, RoundFacts.parse(json.facts)).sheets.map((s) => s.name)
 */
export function factsWorkbook(scheme: Scheme, facts: RoundFacts): WorkbookModel {
  const tallies = new Map<string, Partial<Record<string, ChannelTally>>>();
  for (const t of facts.targets) {
    const channels: Partial<Record<string, ChannelTally>> = {};
    for (const [ch, f] of Object.entries(t.channels)) {
      if (f && 'sheets' in f) throw new Error(`target ${t.targetId}: channel ${ch} is given as sheets; a workbook holds counts only`);
      if (f) channels[ch] = f;
    }
    tallies.set(t.targetId, channels);
  }
  const targets = facts.targets.map((t) => ({ targetId: t.targetId, name: t.name ?? t.targetId, group: t.group, fields: fieldsOfFacts(t) }));
  return inputsWorkbook(scheme, targets, { mode: 'facts', ...(facts.groupLabels ? { groupLabels: facts.groupLabels } : {}), facts: { roundId: facts.roundId, yearStartMonth: facts.yearStartMonth, history: facts.history, ...(facts.period ? { period: facts.period } : {}), tallies } });
}

/** The inverse of factsOfFields for the numeric fields. */
function fieldsOfFacts(t: RoundFacts['targets'][number]): FieldMap {
  const out: FieldMap = {};
  if (t.served !== undefined) out.served = t.served;
  out.misconduct = t.misconduct;
  for (const [k, v] of Object.entries(t.inputs)) out[`inputs.${k}`] = v;
  for (const [k, v] of Object.entries(t.records)) out[`records.${k}`] = v;
  for (const [k, v] of Object.entries(t.present ?? {})) if (v !== undefined) out[`present.${k}`] = v;
  return out;
}
