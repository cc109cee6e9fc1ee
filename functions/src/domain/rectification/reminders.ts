import { TASK_STATUS_LABELS } from '@shared/rectification/task';
import { addWorkingDays, cstDate } from '@shared/rectification/working-days';
import { isOverdue } from '@shared/rectification/deductions';
import type { Deps } from '../deps';
import { wechatDate, wechatPhrase, wechatThing } from '../message-fields';
import { staffTask } from '@shared/privacy/disclosure';

/**
 * The deadline reminder job (a daily schedule in production): every open task that is overdue,
 * or due within `withinWorkingDays`, gets one subscription message to its unit per day. The
 * message id is task + kind + date, so running the job twice a day sends once. The unit reads
 * the task as the disclosure policy shows it to staff (staffTask: no receipt id, scrubbed).
 */
export async function sendDeadlineReminders(deps: Deps, withinWorkingDays = 2): Promise<{ sent: number; skipped: number }> {
  const now = deps.clock.now();
  const today = cstDate(now);
  const horizon = addWorkingDays(today, withinWorkingDays, deps.calendar);
  let sent = 0;
  let skipped = 0;
  for (const task of await deps.store.tasks.listTasks({})) {
    if (task.status === 'closed') continue;
    const overdue = isOverdue(task, now);
    if (!overdue && task.dueDate > horizon) continue;
    const kind = overdue ? 'overdue' : 'due_soon';
    const ok = await deps.messenger.sendOnce({
      messageId: `${task.taskId}:${kind}:${today}`,
      memberId: task.unitId,
      template: 'rectification_deadline',
      data: { thing1: wechatThing(task.targetName), thing2: wechatThing(staffTask(task).problem), time3: wechatDate(task.dueDate), phrase4: overdue ? '已逾期' : '即将到期', phrase5: wechatPhrase(TASK_STATUS_LABELS[task.status]) },
      page: `staff/pages/tasks/index?taskId=${task.taskId}`,
      sentAt: now.toISOString(),
    });
    if (ok) sent++;
    else skipped++;
  }
  return { sent, skipped };
}
