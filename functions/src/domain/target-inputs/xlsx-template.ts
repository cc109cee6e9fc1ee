import { inputsWorkbook } from '@shared/target-inputs/workbook-template';
import { baselineSheet } from '@shared/target-inputs/workbook-baseline';
import type { Deps } from '../deps';
import { getRoundOrThrow } from '../rounds-admin';
import { inputsTable } from './inputs-table';
import { roundScheme } from './round-scheme';
import { writeWorkbook } from './xlsx-io';

/**
 * The round's inputs template as an .xlsx: every target of the round with its name and group, the
 * columns its scheme reads (the same as the inputs table), the values entered so far, a 说明
 * sheet, and (hidden) the values as downloaded, so an upload (xlsx-import.ts) sets only what the
 * clerk changed and never overwrites a colleague's later edit.
 */
export async function inputsTemplateXlsx(deps: Deps, roundId: string): Promise<{ data: Buffer; filename: string }> {
  const round = await getRoundOrThrow(deps, roundId);
  const [scheme, table] = await Promise.all([roundScheme(deps, round), inputsTable(deps, roundId)]);
  const groupLabels = Object.fromEntries(table.targets.map((t) => [t.group, t.groupLabel]));
  const targets = table.targets.map((t) => ({ targetId: t.targetId, name: t.name, group: t.group, fields: t.fields }));
  const model = inputsWorkbook(scheme, targets, { mode: 'inputs', roundChannels: round.channels, groupLabels, title: `${round.name}（${round.period.label}）录入模板` });
  model.sheets.push(baselineSheet(round.id, targets, table.columns.map((c) => c.field)));
  return { data: await writeWorkbook(model, deps.clock.now()), filename: `${round.name}-录入模板.xlsx` };
}
