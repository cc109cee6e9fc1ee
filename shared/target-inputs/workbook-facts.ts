import type { ChannelTally } from '../api/results';
import type { PastRound, PastTarget, RoundFactsInput, RoundPeriod, TargetFacts } from '../scoring/facts';
import type { Scheme } from '../scoring/scheme';
import { factsOfFields } from './fields';
import { cellNumber, cellText, HEADERS, isEmptyCell, NO_VALUE, SHEETS, type Cell, type ReadWorkbook } from './workbook';
import { BALLOTS_HEADER, HISTORY_HEADERS, PERIOD_KINDS, ROUND_INFO, workbookLayout, type TallySheetLayout } from './workbook-layout';
import { findSheet, Problems, shown, SheetTable, type WorkbookProblem } from './workbook-problems';
import { readTargetRows, type TargetRow } from './workbook-read';

export interface FactsImport {
  /** The round's facts (`npm run score`'s `facts`), present when there are no problems. */
  facts?: RoundFactsInput;
  problems: WorkbookProblem[];
}

/**
 * Reads a `npm run score` workbook into the engine's facts: 本轮信息 (round id, period),
 * 单位录入 (targets and their entered fields), one 计数 sheet per channel (tallies) and 往期结果
 * (history, oldest round first, when the scheme's rules count earlier rounds). Every problem is
 * listed with its sheet, row and column.
 * @example readFactsWorkbook(tonghe, book).facts?.targets.length
 */
export function readFactsWorkbook(scheme: Scheme, book: ReadWorkbook, options: { groupLabels?: Record<string, string> } = {}): FactsImport {
  const problems = new Problems();
  const layout = workbookLayout(scheme, 'facts', scheme.channels);
  const round = readRoundInfo(book, problems);
  const rows = readTargetRows(scheme, layout, book, problems, { roundChannels: scheme.channels, ...(options.groupLabels ? { groupLabels: options.groupLabels } : {}) });
  const byId = new Map(rows.map((r) => [r.targetId, r]));
  const channels = new Map<string, Record<string, ChannelTally>>();
  for (const t of layout.tallies) readTallySheet(book, t, byId, problems, channels);
  const history = layout.history ? readHistory(scheme, book, layout.history, problems) : [];
  if (problems.list.length > 0 || !round) return { problems: problems.list };
  const targets = rows.map((r: TargetRow): TargetFacts => ({
    targetId: r.targetId,
    name: r.name,
    group: r.group,
    channels: channels.get(r.targetId) ?? {},
    inputs: {},
    records: {},
    misconduct: 0,
    ...(factsOfFields(r.values) as Partial<TargetFacts>),
  }));
  return { facts: { ...round, targets, history, ...(options.groupLabels ? { groupLabels: options.groupLabels } : {}) }, problems: [] };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function readPeriod(kindCell: Cell, startCell: Cell, endCell: Cell, report: (column: string, what: string) => void): RoundPeriod | undefined | null {
  const kindText = cellText(kindCell);
  if (!kindText && isEmptyCell(startCell) && isEmptyCell(endCell)) return undefined;
  const kind = (Object.entries(PERIOD_KINDS).find(([id, label]) => label === kindText || id === kindText)?.[0]) as RoundPeriod['kind'] | undefined;
  let ok = true;
  if (!kind) {
    report(ROUND_INFO.periodKind, `应为${Object.values(PERIOD_KINDS).join('、')}之一，实为${shown(kindCell)}`);
    ok = false;
  }
  for (const [column, cell] of [[ROUND_INFO.start, startCell], [ROUND_INFO.end, endCell]] as const) {
    if (!DATE.test(cellText(cell)) || Number.isNaN(Date.parse(cellText(cell)))) {
      report(column, `应为日期（如 2025-01-01），实为${shown(cell)}`);
      ok = false;
    }
  }
  return ok ? { kind: kind!, start: cellText(startCell), end: cellText(endCell) } : null;
}

function readRoundInfo(book: ReadWorkbook, problems: Problems): Pick<RoundFactsInput, 'roundId' | 'period' | 'yearStartMonth'> | undefined {
  const sheet = findSheet(book, SHEETS.round, problems);
  if (!sheet) return undefined;
  const rowOf = new Map<string, { row: number; value: Cell }>();
  sheet.rows.forEach((cells, i) => {
    const key = cellText(cells[0] ?? null);
    if (i > 0 && key) rowOf.set(key, { row: i + 1, value: cells[1] ?? null });
  });
  const get = (key: string) => rowOf.get(key) ?? { row: undefined, value: null };
  const report = (key: string, what: string, code: WorkbookProblem['code'] = 'VALUE_INVALID') => problems.add(code, { sheet: sheet.name, ...(get(key).row ? { row: get(key).row! } : {}), column: key }, what);
  const roundId = cellText(get(ROUND_INFO.roundId).value);
  if (!roundId || roundId.length > 64) report(ROUND_INFO.roundId, roundId ? '轮次编号不能超过64个字符' : '必填：本轮评议的编号（如 2025q4）', roundId ? 'VALUE_INVALID' : 'REQUIRED_EMPTY');
  const period = readPeriod(get(ROUND_INFO.periodKind).value, get(ROUND_INFO.start).value, get(ROUND_INFO.end).value, (column, what) => report(column, what));
  const yearCell = get(ROUND_INFO.yearStart).value;
  const yearStart = isEmptyCell(yearCell) ? 1 : cellNumber(yearCell);
  if (yearStart === undefined || !Number.isInteger(yearStart) || yearStart < 1 || yearStart > 12) report(ROUND_INFO.yearStart, `应为1–12之间的整数，实为${shown(yearCell)}`);
  if (!roundId || period === null || yearStart === undefined) return undefined;
  return { roundId, yearStartMonth: yearStart, ...(period ? { period } : {}) };
}

function readTallySheet(book: ReadWorkbook, layout: TallySheetLayout, targets: ReadonlyMap<string, TargetRow>, problems: Problems, out: Map<string, Record<string, ChannelTally>>): void {
  const sheet = findSheet(book, layout.sheet, problems);
  if (!sheet) return;
  const headers = layout.counts.map((c) => c.header);
  const table = new SheetTable(sheet, problems, [HEADERS.id, HEADERS.name, BALLOTS_HEADER, ...headers], [HEADERS.id, BALLOTS_HEADER, ...headers]);
  if (!table.has(HEADERS.id) || !table.has(BALLOTS_HEADER)) return;
  const seen = new Map<string, number>();
  for (const { row, cells } of table.dataRows()) {
    const at = (column: string) => ({ sheet: sheet.name, row, column });
    const targetId = cellText(table.cell(cells, HEADERS.id));
    const counts = [BALLOTS_HEADER, ...headers].map((h) => table.cell(cells, h));
    if (counts.every((c) => isEmptyCell(c))) continue;
    if (!targetId) {
      problems.add('REQUIRED_EMPTY', at(HEADERS.id), '单位编号为空（这一行有计数，却没有写是哪个单位）');
      continue;
    }
    if (!targets.has(targetId)) {
      problems.add('TARGET_UNKNOWN', at(HEADERS.id), `单位编号“${targetId}”不在“${SHEETS.targets}”表中`);
      continue;
    }
    if (seen.has(targetId)) {
      problems.add('TARGET_DUPLICATE', at(HEADERS.id), `单位编号“${targetId}”重复，第${seen.get(targetId)}行已填写该单位`);
      continue;
    }
    seen.set(targetId, row);
    const count = (header: string, required: boolean): number | undefined => {
      const cell = table.cell(cells, header);
      if (isEmptyCell(cell)) {
        if (required) problems.add('REQUIRED_EMPTY', at(header), '必填，应为不小于0的整数');
        return required ? undefined : 0;
      }
      const n = cellNumber(cell);
      if (n === undefined) problems.add('NOT_A_NUMBER', at(header), `应为不小于0的整数，实为${shown(cell)}`);
      else if (!Number.isInteger(n) || n < 0 || n > 10_000_000) problems.add('OUT_OF_RANGE', at(header), `应为不小于0的整数，实为${shown(cell)}`);
      else return n;
      return undefined;
    };
    const ballots = count(BALLOTS_HEADER, true);
    const answers: Record<string, Record<string, number>> = {};
    let ok = ballots !== undefined;
    for (const c of layout.counts) {
      const n = count(c.header, false);
      if (n === undefined) ok = false;
      else if (n > 0) (answers[c.item] ??= {})[c.option] = n;
    }
    if (ok) out.set(targetId, { ...(out.get(targetId) ?? {}), [layout.channel]: { ballots: ballots!, answers } });
  }
}

function readHistory(scheme: Scheme, book: ReadWorkbook, layout: NonNullable<ReturnType<typeof workbookLayout>['history']>, problems: Problems): PastRound[] {
  const sheet = findSheet(book, SHEETS.history, problems);
  if (!sheet) return [];
  const periodHeaders = layout.periods ? [HISTORY_HEADERS.periodKind, HISTORY_HEADERS.start, HISTORY_HEADERS.end] : [];
  const fieldHeaders = layout.columns.map((c) => c.header);
  const table = new SheetTable(sheet, problems, [HISTORY_HEADERS.round, ...periodHeaders, HEADERS.id, HEADERS.name, ...fieldHeaders], [HISTORY_HEADERS.round, ...periodHeaders, HEADERS.id, ...fieldHeaders]);
  const rounds = new Map<string, { period?: RoundPeriod; periodRow?: number; targets: PastTarget[]; ids: Map<string, number> }>();
  for (const { row, cells } of table.dataRows()) {
    const at = (column: string) => ({ sheet: sheet.name, row, column });
    const roundId = cellText(table.cell(cells, HISTORY_HEADERS.round));
    const targetId = cellText(table.cell(cells, HEADERS.id));
    if (!roundId) problems.add('REQUIRED_EMPTY', at(HISTORY_HEADERS.round), '往期轮次为空');
    if (!targetId) problems.add('REQUIRED_EMPTY', at(HEADERS.id), '单位编号为空');
    if (!roundId || !targetId) continue;
    const entry = rounds.get(roundId) ?? { targets: [], ids: new Map<string, number>() };
    rounds.set(roundId, entry);
    if (entry.ids.has(targetId)) {
      problems.add('TARGET_DUPLICATE', at(HEADERS.id), `往期轮次“${roundId}”中单位编号“${targetId}”重复，第${entry.ids.get(targetId)}行已填写`);
      continue;
    }
    entry.ids.set(targetId, row);
    if (layout.periods) {
      const period = readPeriod(table.cell(cells, HISTORY_HEADERS.periodKind), table.cell(cells, HISTORY_HEADERS.start), table.cell(cells, HISTORY_HEADERS.end), (column, what) => problems.add('VALUE_INVALID', at(column), what));
      if (period && entry.period && JSON.stringify(period) !== JSON.stringify(entry.period)) {
        problems.add('VALUE_INVALID', at(HISTORY_HEADERS.start), `往期轮次“${roundId}”的评议期与第${entry.periodRow}行不一致`);
      } else if (period && !entry.period) Object.assign(entry, { period, periodRow: row });
    }
    const past: PastTarget = { targetId };
    for (const c of layout.columns) {
      const cell = table.cell(cells, c.header);
      if (isEmptyCell(cell)) continue;
      const bad = (what: string) => problems.add(c.field === 'grade' ? 'VALUE_INVALID' : 'NOT_A_NUMBER', at(c.header), `${what}，实为${shown(cell)}`);
      if (cellText(cell) === NO_VALUE && c.field !== 'rank') {
        if (c.field === 'grade' || c.field === 'total') past[c.field] = null;
        else if (c.field.startsWith('components.')) (past.components ??= {})[c.field.slice('components.'.length)] = { value: null };
        else bad('应为不小于0的整数');
        continue;
      }
      if (c.field === 'grade') {
        const band = scheme.grades?.bands.find((b) => b.label === cellText(cell) || b.id === cellText(cell));
        if (band) past.grade = { id: band.id };
        else bad(`应为${(scheme.grades?.bands ?? []).map((b) => `“${b.label}”`).join('、')}之一`);
        continue;
      }
      if (c.field === 'rank' && cellText(cell) === '未排名') {
        past.rank = null;
        continue;
      }
      const n = cellNumber(cell);
      const integer = c.field === 'rank' || c.field === 'rankedCount' || c.field === 'tieSize' || c.field === 'misconduct';
      const min = c.field === 'rank' || c.field === 'tieSize' ? 1 : integer ? 0 : -Infinity;
      if (n === undefined || (integer && (!Number.isInteger(n) || n < min))) {
        bad(integer ? `应为不小于${min}的整数${c.field === 'rank' ? '或“未排名”' : ''}` : '应为数');
        continue;
      }
      if (c.field.startsWith('components.')) (past.components ??= {})[c.field.slice('components.'.length)] = { value: n };
      else (past as Record<string, unknown>)[c.field] = n;
    }
    entry.targets.push(past);
  }
  return [...rounds].map(([roundId, r]) => ({ roundId, ...(r.period ? { period: r.period } : {}), targets: r.targets }));
}
