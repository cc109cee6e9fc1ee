import { AppError } from '@shared/errors';
import { ancestorAt, type OrgNode } from '@shared/model/org';
import type { CreateTaskRequest } from '@shared/api/rectification';
import { TASK_STATUS_LABELS, type RectificationTask, type TaskSource, type TaskView } from '@shared/rectification/task';
import { isOverdue, taskDeduction } from '@shared/rectification/deductions';
import { addWorkingDays, cstDate } from '@shared/rectification/working-days';
import { Scheme } from '@shared/scoring';
import type { Deps } from '../deps';
import type { Session } from '../sessions';

/** The scheme whose deduction table prices a task's history (效能办 整改情况). */
const DEDUCTION_SCHEME = 'efficiency-office';

/** The unit whose staff work a target's task: the target's unit, or the target itself above unit level. */
export function unitOf(node: OrgNode): string {
  return ancestorAt(node, 'unit') ?? node.id;
}

export interface NewTask {
  taskId: string;
  node: OrgNode;
  roundId?: string;
  source: TaskSource;
  sourceRef?: string;
  problem: string;
  owner?: string;
  deadlineWorkingDays: number;
}

/** A fresh task: due `deadlineWorkingDays` working days after today (China Standard Time). */
export function newTask(deps: Deps, actor: string, t: NewTask): RectificationTask {
  const now = deps.clock.now();
  return {
    taskId: t.taskId,
    unitId: unitOf(t.node),
    targetId: t.node.id,
    targetName: t.node.name,
    ...(t.roundId ? { roundId: t.roundId } : {}),
    source: t.source,
    ...(t.sourceRef ? { sourceRef: t.sourceRef } : {}),
    problem: t.problem,
    ...(t.owner ? { owner: t.owner } : {}),
    deadlineWorkingDays: t.deadlineWorkingDays,
    dueDate: addWorkingDays(cstDate(now), t.deadlineWorkingDays, deps.calendar),
    status: 'open',
    openedAt: now.toISOString(),
    evidence: [],
    reinspections: [],
    history: [{ kind: 'opened', at: now.toISOString(), by: actor }],
    revision: 0,
  };
}

/** A task opened by hand or from an inspection finding (督查发现). */
export async function createTask(deps: Deps, actor: string, req: CreateTaskRequest): Promise<TaskView> {
  const node = await deps.store.org.getNode(req.targetId);
  if (!node) throw new AppError('TARGET_NOT_FOUND', { targetIds: [req.targetId] });
  if (req.roundId && !(await deps.store.rounds.getRound(req.roundId))) throw new AppError('ROUND_NOT_FOUND', { roundId: req.roundId });
  const task = newTask(deps, actor, { ...req, taskId: `T${deps.ids.shortId(10)}`, node });
  await deps.store.tasks.createTask(task);
  return viewTask(deps, task);
}

/** What the clock and the deduction table say about a task, for lists and the task page. */
export function viewTask(deps: Deps, task: RectificationTask): TaskView {
  const now = deps.clock.now();
  const overdue = isOverdue(task, now);
  const kind = taskDeduction(task, now);
  const scheme = Scheme.safeParse(deps.presets(DEDUCTION_SCHEME));
  const per = scheme.success ? scheme.data.components.find((c) => c.kind === 'deduction') : undefined;
  const points = kind && per && per.kind === 'deduction' ? (per.per[kind] ?? 0) : 0;
  return { ...task, overdue, displayStatus: overdue ? TASK_STATUS_LABELS.overdue : TASK_STATUS_LABELS[task.status], deduction: { kind, points } };
}

/** Staff act only on their unit's tasks; supervisors and admins on all. */
export function assertInScope(session: Session, task: RectificationTask): void {
  if (session.role === 'supervisor' || session.role === 'admin') return;
  if (session.role !== 'staff' || !session.unitId || session.unitId !== task.unitId) throw new AppError('TASK_OUT_OF_SCOPE', { taskId: task.taskId });
}

export async function getTaskInScope(deps: Deps, session: Session, taskId: string): Promise<RectificationTask> {
  const task = await deps.store.tasks.getTask(taskId);
  if (!task) throw new AppError('TASK_NOT_FOUND', { taskId });
  assertInScope(session, task);
  return task;
}

/**
 * The ledger as a session sees it: staff their unit's tasks only, supervisors everything —
 * overdue first, then by due date, closed tasks last.
 */
export async function listTasks(deps: Deps, session: Session): Promise<TaskView[]> {
  if (session.role === 'staff' && !session.unitId) throw new AppError('TASK_OUT_OF_SCOPE', { reason: 'staff session without unitId' });
  const tasks = await deps.store.tasks.listTasks(session.role === 'staff' ? { unitId: session.unitId! } : {});
  const rank = (t: TaskView) => (t.overdue ? 0 : t.status === 'closed' ? 2 : 1);
  return tasks
    .map((t) => viewTask(deps, t))
    .sort((a, b) => rank(a) - rank(b) || a.dueDate.localeCompare(b.dueDate) || a.taskId.localeCompare(b.taskId));
}
