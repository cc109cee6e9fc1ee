import type { ChannelKind } from '../model/channel';
import type { Scheme } from '../scoring/scheme';
import { checkField, type InputColumn } from './fields';
import { cellNumber, cellText, HEADERS, isEmptyCell, isNotApplicableText, SHEETS, type Cell, type ReadWorkbook } from './workbook';
import { expectation, workbookLayout, type WorkbookLayout } from './workbook-layout';
import { findSheet, Problems, shown, SheetTable, type WorkbookProblem } from './workbook-problems';

/** A target of the round, as the import checks rows against it. */
export interface KnownTarget {
  targetId: string;
  name: string;
  group: string;
  /** Ballots counted per channel (tallies less voids), for 服务人次 ≥ forms returned. */
  ballots?: Partial<Record<ChannelKind, number>>;
}

/** One row of 单位录入 as read: the target and the numbers entered, by field id. */
export interface TargetRow {
  row: number;
  targetId: string;
  name: string;
  group: string;
  values: Record<string, number>;
}

/** What the import sets: the fields of each row that hold a number (blank cells change nothing). */
export interface InputsImport {
  rows: Array<{ targetId: string; set: Record<string, number> }>;
  problems: WorkbookProblem[];
}

export interface ReadContext {
  roundChannels: readonly string[];
  /** Names of groups the scheme does not declare. */
  groupLabels?: Record<string, string>;
}

/**
 * Reads the admin import workbook: every cell of 单位录入 is checked — the target is in the round,
 * listed once, named and grouped as in the round; each number is a number, in its column's range,
 * applies to the target's group; required cells are filled; 服务人次 is not below the forms
 * already counted. All problems are returned; rows are meaningful only when there are none.
 * @example readInputsWorkbook(tonghe, book, { roundChannels: ['phone', 'hearing'], targets }).problems // []
 */
export function readInputsWorkbook(scheme: Scheme, book: ReadWorkbook, ctx: ReadContext & { targets: readonly KnownTarget[] }): InputsImport {
  const problems = new Problems();
  const layout = workbookLayout(scheme, 'inputs', ctx.roundChannels);
  const rows = readTargetRows(scheme, layout, book, problems, { ...ctx, known: new Map(ctx.targets.map((t) => [t.targetId, t])) });
  return {
    rows: rows.filter((r) => Object.keys(r.values).length > 0).map((r) => ({ targetId: r.targetId, set: r.values })),
    problems: problems.list,
  };
}

/**
 * The rows of 单位录入. With `known` (the admin import) each row must be a target of the round;
 * without (`npm run score`) the sheet itself lists the targets and the group must be one of the
 * scheme's (when it declares groups).
 */
export function readTargetRows(
  scheme: Scheme,
  layout: WorkbookLayout,
  book: ReadWorkbook,
  problems: Problems,
  ctx: ReadContext & { known?: ReadonlyMap<string, KnownTarget> },
): TargetRow[] {
  const sheet = findSheet(book, SHEETS.targets, problems);
  if (!sheet) return [];
  const inputHeaders = layout.inputs.map((c) => c.label);
  const table = new SheetTable(sheet, problems, [HEADERS.id, HEADERS.name, HEADERS.group, ...inputHeaders], [HEADERS.id, ...inputHeaders, ...(ctx.known ? [] : [HEADERS.group])]);
  if (!table.has(HEADERS.id)) return [];
  const groupLabel = (g: string) => scheme.groups?.find((x) => x.id === g)?.label ?? ctx.groupLabels?.[g] ?? g;
  const seen = new Map<string, number>();
  const out: TargetRow[] = [];
  for (const { row, cells } of table.dataRows()) {
    const at = (column: string) => ({ sheet: sheet.name, row, column });
    const targetId = cellText(table.cell(cells, HEADERS.id));
    const name = cellText(table.cell(cells, HEADERS.name));
    const groupCell = cellText(table.cell(cells, HEADERS.group));
    if (!targetId) {
      problems.add('REQUIRED_EMPTY', at(HEADERS.id), '单位编号为空（这一行有数据，却没有写是哪个单位）');
      continue;
    }
    if (seen.has(targetId)) {
      problems.add('TARGET_DUPLICATE', at(HEADERS.id), `单位编号“${targetId}”重复，第${seen.get(targetId)}行已填写该单位`);
      continue;
    }
    seen.set(targetId, row);
    let target: KnownTarget;
    if (ctx.known) {
      const known = ctx.known.get(targetId);
      if (!known) {
        problems.add('TARGET_UNKNOWN', at(HEADERS.id), `单位编号“${targetId}”不在本轮评议范围内`);
        continue;
      }
      target = known;
      if (name && name !== known.name) problems.add('TARGET_NAME_MISMATCH', at(HEADERS.name), `单位编号“${targetId}”是“${known.name}”，与填写的“${name}”不符`);
      if (groupCell && groupCell !== known.group && groupCell !== groupLabel(known.group)) {
        problems.add('GROUP_WRONG', at(HEADERS.group), `“${known.name}”在本轮属于“${groupLabel(known.group)}”，不是“${groupCell}”（分组在单位管理中修改）`);
      }
    } else {
      const group = factsGroup(scheme, groupCell);
      if (group === undefined) {
        if (groupCell) problems.add('GROUP_WRONG', at(HEADERS.group), `本方案没有分组“${groupCell}”，应为${scheme.groups!.map((g) => `“${g.label}”`).join('、')}之一`);
        else problems.add('REQUIRED_EMPTY', at(HEADERS.group), `分组为空，应为${scheme.groups!.map((g) => `“${g.label}”`).join('、')}之一`);
        continue;
      }
      if (targetId.length > 64) {
        problems.add('VALUE_INVALID', at(HEADERS.id), '单位编号不能超过64个字符');
        continue;
      }
      target = { targetId, name: name || targetId, group };
    }
    const values: Record<string, number> = {};
    for (const column of layout.inputs) {
      if (!table.has(column.label)) continue; // reported once, as COLUMN_MISSING
      const value = readInputCell(scheme, ctx, target, column, table.cell(cells, column.label), (code, what) => problems.add(code, at(column.label), what));
      if (value !== undefined) values[column.field] = value;
    }
    out.push({ row, targetId, name: target.name, group: target.group, values });
  }
  return out;
}

/** The scheme's group a cell names (label or id); no declared groups: the text, or `all`. */
function factsGroup(scheme: Scheme, text: string): string | undefined {
  if (!scheme.groups) return text ? text.slice(0, 32) : 'all';
  return scheme.groups.find((g) => g.label === text || g.id === text)?.id;
}

type Report = (code: WorkbookProblem['code'], what: string) => void;

/** One input cell: its number, or undefined when blank (or refused, with the problem reported). */
function readInputCell(scheme: Scheme, ctx: ReadContext, target: KnownTarget, column: InputColumn, cell: Cell, report: Report): number | undefined {
  const applies = !column.groups || column.groups.includes(target.group);
  const groupLabel = scheme.groups?.find((g) => g.id === target.group)?.label ?? ctx.groupLabels?.[target.group] ?? target.group;
  if (isEmptyCell(cell)) {
    if (applies && column.required) report('REQUIRED_EMPTY', `必填，应为${expectation(column)}`);
    return undefined;
  }
  if (isNotApplicableText(cell)) {
    if (applies) report('NOT_A_NUMBER', `“${target.name}”属于“${groupLabel}”，这一项适用，应为${expectation(column)}，实为${shown(cell)}`);
    return undefined;
  }
  const value = cellNumber(cell);
  if (value === undefined) {
    report('NOT_A_NUMBER', `应为${expectation(column)}，实为${shown(cell)}`);
    return undefined;
  }
  if (!applies) {
    report('NOT_APPLICABLE', `“${target.name}”属于“${groupLabel}”，这一项不适用于该组，应留空或填“不适用”，实为${shown(cell)}`);
    return undefined;
  }
  if (value < column.min || value > column.max || (column.integer && !Number.isInteger(value))) {
    report('OUT_OF_RANGE', `应为${column.min}–${column.max}之间的${column.integer ? '整数' : '数'}，实为${shown(cell)}`);
    return undefined;
  }
  // What only the round knows (服务人次 below the forms already counted) is checked by the same
  // rule the inputs table uses.
  const problem = checkField({ scheme, roundChannels: ctx.roundChannels, target, ballots: target.ballots ?? {} }, column.field, value);
  if (problem) {
    report(problem.code === 'SERVED_BELOW_RETURNED' ? 'SERVED_BELOW_RETURNED' : problem.code === 'INPUT_NOT_APPLICABLE' ? 'NOT_APPLICABLE' : 'OUT_OF_RANGE', problem.message);
    return undefined;
  }
  return value;
}
