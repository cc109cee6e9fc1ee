import { baselineSheet, BASELINE_SHEET, importRows, readBaseline } from '../../../shared/target-inputs/workbook-baseline';
import type { ReadWorkbook } from '../../../shared/target-inputs/workbook';

/** The model's sheet as the parser reads it back: the header row, then the data rows. */
const asRead = (sheet: ReturnType<typeof baselineSheet>): ReadWorkbook => ({ sheets: [{ name: sheet.name, rows: [sheet.columns.map((c) => c.header), ...sheet.rows] }] });

describe('the downloaded values of an inputs template', () => {
  const sheet = baselineSheet('th', [{ targetId: 's11', fields: { 'inputs.work': 90, served: 12 } }, { targetId: 's12' }], ['served', 'inputs.work']);

  it('is a hidden sheet, one row per target and field, read back as written', () => {
    expect(sheet).toMatchObject({ name: BASELINE_SHEET, hidden: true, input: false });
    expect(sheet.rows).toEqual([
      ['th', 's11', 'served', 12],
      ['th', 's11', 'inputs.work', 90],
      ['th', 's12', 'served', null],
      ['th', 's12', 'inputs.work', null],
    ]);
    const read = readBaseline(asRead(sheet))!;
    expect(read.roundId).toBe('th');
    expect(Object.fromEntries([...read.values].map(([t, m]) => [t, Object.fromEntries(m)]))).toEqual({ s11: { served: 12, 'inputs.work': 90 }, s12: { served: null, 'inputs.work': null } });
  });

  it('turns the cells a clerk changed into conditional writes, and leaves the cells as downloaded alone', () => {
    const baseline = readBaseline(asRead(sheet));
    const rows = importRows([{ targetId: 's11', set: { served: 12, 'inputs.work': 95 } }, { targetId: 's12', set: { 'inputs.work': 70 } }, { targetId: 's21', set: { served: 3 } }], baseline);
    expect(rows).toEqual([
      { targetId: 's11', set: { 'inputs.work': 95 }, expected: { 'inputs.work': 90 } },
      { targetId: 's12', set: { 'inputs.work': 70 }, expected: { 'inputs.work': null } },
      { targetId: 's21', set: { served: 3 }, expected: { served: null } },
    ]);
  });

  it('without the sheet (a workbook not downloaded from the round) writes every filled cell, like a pasted table', () => {
    expect(readBaseline({ sheets: [{ name: '单位录入', rows: [] }] })).toBeUndefined();
    expect(readBaseline({ sheets: [{ name: BASELINE_SHEET, rows: [['别的', '表头']] }] })).toBeUndefined();
    const read = [{ targetId: 's11', set: { served: 12 } }];
    expect(importRows(read, undefined)).toEqual(read);
  });
});
