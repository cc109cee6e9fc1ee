import ExcelJS from 'exceljs';
import { PUBLIC_COLUMNS, publicRows } from '@shared/publication/public-table';
import type { Snapshot } from '@shared/publication/snapshot';
import { actionKindLabels, consequenceActions } from '@shared/publication/consequence-list';

const WIDTHS: Partial<Record<string, number>> = { groupLabel: 14, name: 24, problems: 40, consequences: 40, notes: 30 };

/**
 * The published table as an Excel workbook: sheet 「评议结果」 with a title line, the header on
 * row 3 and one row per target (numbers as numbers, so the office can sort and sum); sheet
 * 「处理措施」 lists every consequence with its rule and triggering rounds; sheet 「版本」 the
 * version, time and SHA-256 of the snapshot it was made from.
 */
export async function snapshotXlsx(snapshot: Snapshot, hash: string, ruleOrder: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '群众评议系统';
  // Fixed, not the wall clock: the same snapshot makes the same workbook.
  wb.created = new Date(snapshot.publishedAt);
  wb.modified = new Date(snapshot.publishedAt);

  const sheet = wb.addWorksheet('评议结果');
  sheet.getCell('A1').value = `${snapshot.round.name}（${snapshot.round.period.label}）评议结果`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = `${snapshot.schemeName} · 第${snapshot.version}版`;
  const header = sheet.getRow(3);
  PUBLIC_COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    header.getCell(i + 1).font = { bold: true };
    sheet.getColumn(i + 1).width = WIDTHS[c.key] ?? 12;
  });
  publicRows(snapshot).forEach((row, r) => {
    const line = sheet.getRow(4 + r);
    PUBLIC_COLUMNS.forEach((c, i) => {
      const v = row[c.key];
      line.getCell(i + 1).value = c.key === 'rank' ? (row.rank === null ? '未排名' : row.rank) : (v as string | number | null);
    });
  });
  sheet.views = [{ state: 'frozen', ySplit: 3 }];

  const actions = wb.addWorksheet('处理措施');
  actions.addRow(['被评议对象', '编号', '名次', '措施', '措施类型', '依据', '触发轮次', '扣分']);
  actions.getRow(1).font = { bold: true };
  for (const a of consequenceActions(snapshot.results, ruleOrder)) actions.addRow([a.name ?? a.targetId, a.targetId, a.rank, a.label, actionKindLabels(a.actions), a.text, a.rounds.join('、'), a.points ?? null]);

  const meta = wb.addWorksheet('版本');
  meta.addRows([
    ['评议轮次', snapshot.roundId],
    ['版本', snapshot.version],
    ['发布时间', snapshot.publishedAt],
    ['SHA-256', hash],
    ...(snapshot.reason ? [['更正理由', snapshot.reason]] : []),
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
