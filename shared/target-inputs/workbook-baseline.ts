import type { FieldMap } from './fields';
import { cellNumber, cellText, isEmptyCell, type Cell, type ReadWorkbook, type SheetModel } from './workbook';
import type { InputsImport } from './workbook-read';

/**
 * The values a downloaded template was filled with, kept in a hidden sheet so an upload changes
 * only what the clerk changed, and only if nobody changed it since the download: each changed
 * cell is written with its download-time value as `expected` (a colleague's later edit answers
 * 409 INPUT_CONFLICT instead of being overwritten by a stale pre-filled cell).
 */
export const BASELINE_SHEET = '_下载时数据';
const HEADER = ['轮次', '单位编号', '字段', '值'] as const;

export interface Baseline {
  roundId: string;
  /** targetId → field → value at download (null: it was empty). */
  values: Map<string, Map<string, number | null>>;
}

/** The hidden sheet of a round's template: one row per target and field of the template. */
export function baselineSheet(roundId: string, targets: ReadonlyArray<{ targetId: string; fields?: FieldMap }>, fields: readonly string[]): SheetModel {
  const rows: Cell[][] = [];
  for (const t of targets) {
    for (const f of fields) {
      const v = t.fields?.[f];
      rows.push([roundId, t.targetId, f, typeof v === 'number' ? v : null]);
    }
  }
  return { name: BASELINE_SHEET, input: false, hidden: true, columns: HEADER.map((header) => ({ header, note: '' })), rows };
}

/** The baseline of an uploaded workbook, or undefined when the sheet is absent or not ours. */
export function readBaseline(book: ReadWorkbook): Baseline | undefined {
  const sheet = book.sheets.find((s) => s.name === BASELINE_SHEET);
  if (!sheet || HEADER.some((h, i) => cellText(sheet.rows[0]?.[i]) !== h)) return undefined;
  const values = new Map<string, Map<string, number | null>>();
  let roundId = '';
  for (const cells of sheet.rows.slice(1)) {
    const [round, targetId, field] = cells.map(cellText);
    if (!round || !targetId || !field) continue;
    roundId ||= round;
    const n = isEmptyCell(cells[3]) ? null : cellNumber(cells[3] ?? null);
    if (n === undefined) continue;
    if (!values.has(targetId)) values.set(targetId, new Map());
    values.get(targetId)!.set(field, n);
  }
  return { roundId, values };
}

/**
 * The rows to write: with a baseline, each cell that differs from its download-time value, with
 * that value as `expected`; cells the clerk left as downloaded change nothing. Without one (a
 * workbook not downloaded from this round), every filled cell, like a pasted table.
 */
export function importRows(read: InputsImport['rows'], baseline: Baseline | undefined): Array<{ targetId: string; set: Record<string, number>; expected?: Record<string, number | null> }> {
  if (!baseline) return read;
  return read.flatMap((r) => {
    const before = baseline.values.get(r.targetId);
    const set: Record<string, number> = {};
    const expected: Record<string, number | null> = {};
    for (const [field, value] of Object.entries(r.set)) {
      const was = before?.get(field) ?? null;
      if (was === value) continue;
      set[field] = value;
      expected[field] = was;
    }
    return Object.keys(set).length > 0 ? [{ targetId: r.targetId, set, expected }] : [];
  });
}
