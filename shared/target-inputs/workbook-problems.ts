import { cellText, isEmptyCell, type Cell, type ReadSheet, type ReadWorkbook } from './workbook';

/**
 * Why a workbook cell (or sheet, or column) was refused. Each problem names where it is in the
 * clerk's terms — sheet, Excel row number, column header — and says what was expected and what
 * was found, e.g. 工作表“单位录入”第7行“服务人次”列：应为不小于0的整数，实为“约30”.
 */
export const WORKBOOK_PROBLEM_CODES = [
  'WORKBOOK_UNREADABLE',
  'SHEET_MISSING',
  'COLUMN_MISSING',
  'COLUMN_UNKNOWN',
  'COLUMN_DUPLICATE',
  'TARGET_UNKNOWN',
  'TARGET_DUPLICATE',
  'TARGET_NAME_MISMATCH',
  'GROUP_WRONG',
  'REQUIRED_EMPTY',
  'NOT_A_NUMBER',
  'OUT_OF_RANGE',
  'NOT_APPLICABLE',
  'SERVED_BELOW_RETURNED',
  'VALUE_INVALID',
] as const;
export type WorkbookProblemCode = (typeof WORKBOOK_PROBLEM_CODES)[number];

export interface WorkbookProblem {
  code: WorkbookProblemCode;
  sheet?: string;
  /** Excel's row number (1 = the header row). */
  row?: number;
  /** The column's header. */
  column?: string;
  message: string;
}

/** 工作表“单位录入”第7行“服务人次”列 — the place a problem is at, as the clerk reads it. */
export function placeOf(sheet?: string, row?: number, column?: string): string {
  return `${sheet ? `工作表“${sheet}”` : ''}${row ? `第${row}行` : ''}${column ? `“${column}”列` : ''}`;
}

/** 「“约30”」: what a cell held, quoted, for messages (long text cut). */
export function shown(cell: Cell | undefined): string {
  const text = cellText(cell);
  return `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
}

/** Collects problems with their place. */
export class Problems {
  readonly list: WorkbookProblem[] = [];
  add(code: WorkbookProblemCode, where: { sheet?: string; row?: number; column?: string }, what: string): void {
    const place = placeOf(where.sheet, where.row, where.column);
    this.list.push({ code, ...(where.sheet ? { sheet: where.sheet } : {}), ...(where.row ? { row: where.row } : {}), ...(where.column ? { column: where.column } : {}), message: place ? `${place}：${what}` : what });
  }
}

/** A sheet read by its header row: columns looked up by header text. */
export class SheetTable {
  private readonly index = new Map<string, number>();
  constructor(
    readonly sheet: ReadSheet,
    problems: Problems,
    expected: readonly string[],
    required: readonly string[],
  ) {
    const header = sheet.rows[0] ?? [];
    header.forEach((cell, i) => {
      const text = cellText(cell);
      if (!text) return;
      if (this.index.has(text)) problems.add('COLUMN_DUPLICATE', { sheet: sheet.name, row: 1, column: text }, `表头重复（第${this.index.get(text)! + 1}列和第${i + 1}列）`);
      else this.index.set(text, i);
    });
    for (const h of required) if (!this.index.has(h)) problems.add('COLUMN_MISSING', { sheet: sheet.name, row: 1, column: h }, '缺少这一列（请用下载的模板填写，不要修改表头）');
    const known = new Set(expected);
    for (const [text, i] of this.index) {
      // A clerk's own 备注 column is fine; an unknown header with data may be a mistyped field.
      if (known.has(text) || text.startsWith('备注')) continue;
      if (this.dataRows().some(({ cells }) => !isEmptyCell(cells[i]))) problems.add('COLUMN_UNKNOWN', { sheet: sheet.name, row: 1, column: text }, '本方案没有这一列，请删除该列或改用下载的模板');
    }
  }

  has(header: string): boolean {
    return this.index.has(header);
  }

  cell(cells: Cell[], header: string): Cell {
    const i = this.index.get(header);
    return i === undefined ? null : (cells[i] ?? null);
  }

  /** Rows below the header that hold anything, with their Excel row number. */
  dataRows(): Array<{ row: number; cells: Cell[] }> {
    return this.sheet.rows.flatMap((cells, i) => (i === 0 || cells.every((c) => isEmptyCell(c)) ? [] : [{ row: i + 1, cells }]));
  }
}

/** The named sheet, or a SHEET_MISSING problem. */
export function findSheet(book: ReadWorkbook, name: string, problems: Problems): ReadSheet | undefined {
  const sheet = book.sheets.find((s) => s.name.trim() === name);
  if (!sheet) problems.add('SHEET_MISSING', {}, `缺少工作表“${name}”（请用下载的模板填写，不要修改工作表名称）`);
  return sheet;
}
