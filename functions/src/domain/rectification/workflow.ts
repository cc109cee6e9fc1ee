import { AppError } from '@shared/errors';
import type { RectificationTask, TaskEvent, TaskStatus, TaskView } from '@shared/rectification/task';
import type { Deps } from '../deps';
import type { Session } from '../sessions';
import { getTaskInScope, viewTask } from './tasks';

/**
 * Task state changes. Each reads the task, checks the move, appends an event and writes back
 * conditional on the revision it read, so two people acting at once cannot both win.
 */
async function change(deps: Deps, session: Session, taskId: string, from: readonly TaskStatus[], edit: (t: RectificationTask, at: string) => RectificationTask): Promise<TaskView> {
  const task = await getTaskInScope(deps, session, taskId);
  if (!from.includes(task.status)) throw new AppError('TASK_STATE_CONFLICT', { taskId, status: task.status, allowedFrom: from });
  const at = deps.clock.now().toISOString();
  const next = { ...edit(structuredClone(task), at), revision: task.revision + 1 };
  await deps.store.tasks.replaceTask(next, task.revision);
  return viewTask(deps, next);
}

const event = (session: Session, kind: TaskEvent['kind'], at: string, note?: string): TaskEvent => ({ kind, at, by: session.sub, ...(note ? { note } : {}) });
const OPEN_STATES = ['open', 'in_progress', 'submitted'] as const;

/** Staff accept the task: measures (整改措施) and the person responsible. */
export function startTask(deps: Deps, session: Session, taskId: string, req: { measures: string; owner: string }) {
  return change(deps, session, taskId, ['open'], (t, at) => ({ ...t, status: 'in_progress', measures: req.measures, owner: req.owner, history: [...t.history, event(session, 'started', at)] }));
}

/** Staff report the task done; evidence is required. */
export function submitTask(deps: Deps, session: Session, taskId: string, note?: string) {
  return change(deps, session, taskId, ['in_progress'], (t, at) => {
    if (t.evidence.length === 0) throw new AppError('EVIDENCE_REQUIRED', { taskId });
    return { ...t, status: 'submitted', history: [...t.history, event(session, 'submitted', at, note)] };
  });
}

/**
 * The supervisor's re-inspection (复查/暗访督查). Passing a submitted task closes it (销号);
 * a failure at any open stage is recorded and sends the task back to work (整改不到位).
 */
export function recordReinspection(deps: Deps, session: Session, taskId: string, req: { passed: boolean; findings: string }) {
  return change(deps, session, taskId, req.passed ? ['submitted'] : OPEN_STATES, (t, at) => ({
    ...t,
    status: req.passed ? 'closed' : t.status === 'open' ? 'open' : 'in_progress',
    ...(req.passed ? { closedAt: at } : {}),
    reinspections: [...t.reinspections, { at, by: session.sub, passed: req.passed, findings: req.findings }],
    history: [...t.history, event(session, req.passed ? 'reinspection_passed' : 'reinspection_failed', at, req.findings)],
  }));
}

/** 二次督办 / 挂牌督办, or 拒不整改: recorded events that the deduction reads. */
export function recordNotice(deps: Deps, session: Session, taskId: string, kind: 'second_notice' | 'refused', note: string) {
  return change(deps, session, taskId, OPEN_STATES, (t, at) => ({ ...t, history: [...t.history, event(session, kind, at, note)] }));
}

export { change as changeTask };
