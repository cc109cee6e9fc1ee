import type { RectificationTask } from './task';
import { cstDate } from './working-days';

/**
 * The efficiency-office deduction kinds (效能办 整改情况, 基准分 20, 扣完为止) and their points. The
 * points themselves live in the scheme (`deduction.per`); this module only decides which kind a
 * task's history earns.
 */
export const DEDUCTION_KINDS = ['late_or_incomplete', 'after_second_notice', 'refused'] as const;
export type DeductionKind = (typeof DEDUCTION_KINDS)[number];

/**
 * The one deduction a task's history earns as of `asOf`, the worst that applies (a task is one
 * 起 and is counted once):
 * - `refused` (拒不整改): a `refused` event;
 * - `after_second_notice` (经二次督办仍整改不到位): a `second_notice` event, and after it a failed
 *   re-inspection or the task is still not closed past its due date;
 * - `late_or_incomplete` (未按时间节点整改或整改不到位): closed after the due date, not closed and past
 *   it, or any failed re-inspection;
 * - otherwise none.
 * @example taskDeduction(task, new Date('2026-12-01T00:00:00Z')) // 'late_or_incomplete'
 */
export function taskDeduction(task: RectificationTask, asOf: Date): DeductionKind | null {
  if (task.history.some((e) => e.kind === 'refused')) return 'refused';
  const today = cstDate(asOf);
  const closedLate = task.closedAt !== undefined && cstDate(new Date(task.closedAt)) > task.dueDate;
  const openLate = task.status !== 'closed' && today > task.dueDate;
  const notice = task.history.find((e) => e.kind === 'second_notice');
  if (notice) {
    const failedAfter = task.history.some((e) => e.kind === 'reinspection_failed' && e.at >= notice.at);
    if (failedAfter || openLate) return 'after_second_notice';
  }
  if (closedLate || openLate || task.history.some((e) => e.kind === 'reinspection_failed')) return 'late_or_incomplete';
  return null;
}

/** Whether a task is past its due date and not closed (the ledger's 逾期). */
export function isOverdue(task: Pick<RectificationTask, 'status' | 'dueDate'>, asOf: Date): boolean {
  return task.status !== 'closed' && cstDate(asOf) > task.dueDate;
}

/**
 * Record counts per target for the scheme's deduction component: the tasks due within the
 * round's period, each counted under the kind its history earns by `asOf`.
 * @example deductionRecords(tasks, { start: '2026-10-01', end: '2026-12-31' }, now) // { s11: { late_or_incomplete: 1 } }
 */
export function deductionRecords(tasks: RectificationTask[], period: { start: string; end: string }, asOf: Date): Map<string, Partial<Record<DeductionKind, number>>> {
  const out = new Map<string, Partial<Record<DeductionKind, number>>>();
  for (const t of tasks) {
    if (t.dueDate < period.start || t.dueDate > period.end) continue;
    const kind = taskDeduction(t, asOf);
    if (!kind) continue;
    const rec = out.get(t.targetId) ?? {};
    rec[kind] = (rec[kind] ?? 0) + 1;
    out.set(t.targetId, rec);
  }
  return out;
}
