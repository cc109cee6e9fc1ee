/**
 * Cells pasted from Excel (tab-separated rows) mapped onto the inputs table. The first column
 * names the unit (its name or id); the others follow the header row when there is one (labels
 * as shown, or field ids), else the table's columns in order. An empty cell changes nothing.
 * @example parsePasted('户政科\t88', targets, columns) // { cells: [{ targetId: 's11', field: 'inputs.work', text: '88' }], errors: [] }
 */
export interface PastedCell {
  targetId: string;
  field: string;
  text: string;
}

export function parsePasted(
  text: string,
  targets: ReadonlyArray<{ targetId: string; name: string }>,
  columns: ReadonlyArray<{ field: string; label: string }>,
): { cells: PastedCell[]; errors: string[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').filter((l) => l.trim() !== '');
  const cells: PastedCell[] = [];
  const errors: string[] = [];
  const target = (name: string) => targets.find((t) => t.name === name || t.targetId === name);
  const column = (name: string) => columns.find((c) => c.label === name || c.field === name);
  let order: Array<string | undefined> = columns.map((c) => c.field);
  lines.forEach((line, i) => {
    const parts = line.split('\t').map((p) => p.trim());
    if (i === 0 && !target(parts[0] ?? '')) {
      order = parts.slice(1).map((h) => column(h)?.field);
      parts.slice(1).forEach((h, j) => {
        if (!order[j] && h) errors.push(`第 1 行第 ${j + 2} 列“${h}”不是本表的列`);
      });
      return;
    }
    const t = target(parts[0] ?? '');
    if (!t) {
      errors.push(`第 ${i + 1} 行：找不到单位“${parts[0]}”`);
      return;
    }
    parts.slice(1).forEach((value, j) => {
      const field = order[j];
      if (field && value !== '') cells.push({ targetId: t.targetId, field, text: value });
    });
  });
  return { cells, errors };
}

/** A typed cell as a value: empty clears, otherwise a number (全角 digits and thousands commas accepted). */
export function cellValue(text: string): { value: number | null } | { error: string } {
  const t = text.trim().replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/,/g, '');
  if (t === '') return { value: null };
  const n = Number(t);
  return Number.isFinite(n) ? { value: n } : { error: `“${text}”不是数字` };
}
