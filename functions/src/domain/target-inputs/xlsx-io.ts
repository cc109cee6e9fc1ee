import ExcelJS from 'exceljs';
import type { Cell, ReadWorkbook, WorkbookModel } from '@shared/target-inputs/workbook';
import type { WorkbookProblem } from '@shared/target-inputs/workbook-problems';

/**
 * The .xlsx bytes of a workbook model and back (exceljs). The model (shared/target-inputs) is pure;
 * this file is the only one that knows the file format. Used by the admin import routes (the
 * workbooks Lambda function: the only bundle besides exports that carries exceljs) and by
 * `npm run score`.
 */

/** Rows and columns read at most: a template has one row per target; more is not a template. */
export const MAX_ROWS = 5001;
export const MAX_COLUMNS = 300;

/**
 * Writes the model: bold frozen header row, column widths, drop-downs for 分组 / 等次 / 评议期类型,
 * the 说明 sheet protected-looking (grey header) but not locked, so a clerk can print it.
 * `created` is fixed by the caller so the same inputs make the same workbook.
 */
export async function writeWorkbook(model: WorkbookModel, created: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '群众评议系统';
  wb.created = created;
  wb.modified = created;
  for (const sheet of model.sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }], ...(sheet.hidden ? { state: 'veryHidden' as const } : {}) });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? 14 }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: sheet.input ? 'FFDDEBF7' : 'FFEDEDED' } };
    for (const row of sheet.rows) ws.addRow(row.map((v) => (v === null ? null : v)));
    const lastRow = Math.max(sheet.rows.length + 1, 200);
    sheet.columns.forEach((c, i) => {
      if (!c.choices) return;
      // One validation over the whole column range (rows added later by the clerk included).
      const letter = ws.getColumn(i + 1).letter;
      (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${c.choices.join(',')}"`],
        showErrorMessage: true,
        errorTitle: '请选择',
        error: `应为${c.choices.join('、')}之一`,
      });
    });
    if (!sheet.input) ws.getColumn(sheet.columns.length).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What a file that is not a readable workbook answers: one problem, nothing else read. */
export type ReadOutcome = { book: ReadWorkbook } | { problem: WorkbookProblem };

/**
 * Reads every sheet's cells as text or numbers: rich text joined, a formula as its cached result,
 * a date as YYYY-MM-DD, a boolean as 是/否, an error value as its text (so it is reported, never
 * read as a number).
 */
export async function readWorkbook(bytes: Buffer): Promise<ReadOutcome> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { problem: { code: 'WORKBOOK_UNREADABLE', message: '无法读取该文件：请上传从本系统下载的 Excel 模板（.xlsx），不支持 .xls、.csv 或 WPS 的 .et 格式' } };
  }
  const sheets: ReadWorkbook['sheets'] = [];
  for (const ws of wb.worksheets) {
    if (ws.rowCount > MAX_ROWS || ws.columnCount > MAX_COLUMNS) {
      return { problem: { code: 'WORKBOOK_UNREADABLE', sheet: ws.name, message: `工作表“${ws.name}”有 ${ws.rowCount} 行、${ws.columnCount} 列，超出模板的大小（最多 ${MAX_ROWS - 1} 个单位、${MAX_COLUMNS} 列）` } };
    }
    const rows: Cell[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: Cell[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(cellValue(row.getCell(c).value));
      rows.push(cells);
    }
    sheets.push({ name: ws.name, rows });
  }
  return { book: { sheets } };
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('error' in v) return String(v.error);
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) return null;
    return typeof result === 'object' && !(result instanceof Date) ? String((result as { error?: string }).error ?? '') : cellValue(result as ExcelJS.CellValue);
  }
  if ('text' in v) return typeof v.text === 'string' ? v.text : cellValue(v.text as ExcelJS.CellValue);
  return null;
}
