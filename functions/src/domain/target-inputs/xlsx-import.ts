import { AppError } from '@shared/errors';
import { readInputsWorkbook } from '@shared/target-inputs/workbook-read';
import { importRows, readBaseline } from '@shared/target-inputs/workbook-baseline';
import type { WorkbookProblem } from '@shared/target-inputs/workbook-problems';
import type { Deps } from '../deps';
import { getRoundOrThrow } from '../rounds-admin';
import { inputsTable } from './inputs-table';
import { roundScheme } from './round-scheme';
import { ballotsCounted, setTargetInputs, type AppliedChange } from './set-inputs';
import { readWorkbook } from './xlsx-io';

/** Problems listed in one answer at most: enough to fix a column, short enough to read. */
const MAX_PROBLEMS = 200;

/**
 * Imports a filled inputs template (xlsx-template.ts). Every cell is checked first (the round's
 * targets, names, groups, each column's range and group, 服务人次 ≥ forms counted): any problem
 * answers WORKBOOK_INVALID listing each one by sheet, row and column, and nothing is stored.
 * Then the cells that differ from the downloaded values go through the inputs table's own write
 * path (setTargetInputs: checked again, each target in one audited conditional transaction,
 * `expected` = the downloaded value), so a field changed by someone since the download answers
 * INPUT_CONFLICT rather than being overwritten.
 */
export async function importInputsXlsx(deps: Deps, actor: string, roundId: string, bytes: Buffer, correctionReason?: string): Promise<AppliedChange[]> {
  const round = await getRoundOrThrow(deps, roundId);
  const read = await readWorkbook(bytes);
  if ('problem' in read) throw invalid([read.problem]);
  const baseline = readBaseline(read.book);
  if (baseline && baseline.roundId && baseline.roundId !== round.id) {
    throw invalid([{ code: 'VALUE_INVALID', message: `该模板是从另一轮评议（编号 ${baseline.roundId}）下载的，请下载“${round.name}”的录入模板后填写` }]);
  }
  const [scheme, table, counted] = await Promise.all([roundScheme(deps, round), inputsTable(deps, roundId), ballotsCounted(deps, roundId)]);
  const targets = table.targets.map((t) => ({ targetId: t.targetId, name: t.name, group: t.group, ballots: counted.get(t.targetId) ?? {} }));
  const groupLabels = Object.fromEntries(table.targets.map((t) => [t.group, t.groupLabel]));
  const { rows, problems } = readInputsWorkbook(scheme, read.book, { roundChannels: round.channels, groupLabels, targets });
  if (problems.length > 0) throw invalid(problems);
  const changes = importRows(rows, baseline);
  if (changes.length === 0) return [];
  return setTargetInputs(deps, actor, roundId, changes, correctionReason);
}

function invalid(problems: WorkbookProblem[]): AppError {
  const more = problems.length > 1 ? `（共 ${problems.length} 处错误，未导入任何数据）` : '（未导入任何数据）';
  return new AppError('WORKBOOK_INVALID', { problems: problems.slice(0, MAX_PROBLEMS), message: `${problems[0]!.message}${more}` });
}
