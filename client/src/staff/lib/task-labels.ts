import type { TaskEventKind } from '@shared/rectification/task';
import type { TaskView } from '../../api/tasks';

export const EVENT_LABELS: Record<TaskEventKind, string> = {
  opened: '交办',
  started: '开始整改',
  submitted: '提交验收',
  reinspection_passed: '复查通过，销号',
  reinspection_failed: '复查未通过，退回整改',
  second_notice: '二次督办',
  refused: '认定拒不整改',
  reminded: '到期提醒',
};

/** Overdue first, then by due date; closed (销号) tasks last. */
export function byUrgency(a: TaskView, b: TaskView): number {
  const rank = (t: TaskView) => (t.overdue ? 0 : t.status === 'closed' ? 2 : 1);
  return rank(a) - rank(b) || a.dueDate.localeCompare(b.dueDate);
}

/** 2026-11-23 → 2026年11月23日 */
export function formatDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
