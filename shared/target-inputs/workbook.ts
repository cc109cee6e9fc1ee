/**
 * A workbook as plain data, so the template generator and the parser stay pure (they run in the
 * CLI and in Lambda alike, and in unit tests without a file). The adapter that turns this into
 * .xlsx bytes and back (exceljs) lives with its callers: functions/src/domain/target-inputs/xlsx-io.ts.
 */

/** One cell: text, a number, or nothing. Dates and formulas are read as their text / result. */
export type Cell = string | number | null;

/** A column of a generated sheet: its Chinese header, what it means (for 说明) and its width. */
export interface SheetColumn {
  header: string;
  /** One Chinese sentence for the 说明 sheet. */
  note: string;
  width?: number;
  /** A drop-down list offered in Excel (分组, 等次, 评议期类型). */
  choices?: string[];
}

export interface SheetModel {
  name: string;
  columns: SheetColumn[];
  /** Data rows below the header row (row 2 onwards). */
  rows: Cell[][];
  /** Whether the clerk fills it in (the 说明 sheet is read only). */
  input: boolean;
  /** Not shown in Excel (the upload's record of what was downloaded, workbook-baseline.ts). */
  hidden?: boolean;
}

export interface WorkbookModel {
  sheets: SheetModel[];
}

/** A sheet as read back: `rows[0]` is Excel row 1 (the header), `rows[i][j]` column j + 1. */
export interface ReadSheet {
  name: string;
  rows: Cell[][];
}

export interface ReadWorkbook {
  sheets: ReadSheet[];
}

/** The sheet names, fixed so a parser finds what the generator wrote. */
export const SHEETS = {
  guide: '说明',
  round: '本轮信息',
  targets: '单位录入',
  history: '往期结果',
  /** One sheet of counts per channel: 计数·电话测评. */
  tallyPrefix: '计数·',
} as const;

/** Fixed headers of the target columns every input sheet starts with. */
export const HEADERS = { id: '单位编号', name: '单位名称', group: '分组' } as const;

/** What a cell says when its column does not apply to the row's group. */
export const NOT_APPLICABLE = '不适用';

/** A history cell that says "this round had no value" (a past total of null), not "not filled in". */
export const NO_VALUE = '无';

/** Text that means "not applicable" when read back (the template writes 不适用; a dash is accepted). */
export function isNotApplicableText(cell: Cell): boolean {
  return typeof cell === 'string' && ['不适用', '—', '-', '－', '/'].includes(cell.trim());
}

/** A cell as trimmed text ('' when empty). */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'number' ? String(cell) : cell.trim();
}

export function isEmptyCell(cell: Cell | undefined): boolean {
  return cellText(cell) === '';
}

/**
 * A number from a cell: a number as is, or text that is a plain decimal (full-width digits and a
 * thousands comma accepted, as WPS and IMEs type them). Anything else is undefined: "约30" is not 30.
 * @example cellNumber('１２０') // 120
 */
export function cellNumber(cell: Cell | undefined): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  const text = cellText(cell)
    .replace(/[０-９．－＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/(\d),(?=\d{3}(\D|$))/g, '$1');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
  return Number(text);
}
