import { z } from 'zod';
import { Instant, NodeId, RoundId } from '../model/ids';

/**
 * A rectification task (整改任务) of the 整改销号台账. Status moves open → in_progress → submitted
 * → closed (销号, after the supervisor's re-inspection passes); a failed re-inspection sends it back
 * to in_progress. `overdue` is not stored: it is read off the due date and the clock, so it can
 * never be stale.
 */
export const TASK_STATUSES = ['open', 'in_progress', 'submitted', 'closed'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const TASK_STATUS_LABELS: Record<TaskStatus | 'overdue', string> = {
  open: '待整改',
  in_progress: '整改中',
  submitted: '已提交待验收',
  closed: '已销号',
  overdue: '已逾期',
};

export const TASK_SOURCES = ['ballot', 'ranking', 'inspection', 'manual'] as const;
export const TaskSource = z.enum(TASK_SOURCES);
export type TaskSource = z.infer<typeof TaskSource>;
export const TASK_SOURCE_LABELS: Record<TaskSource, string> = { ballot: '群众差评', ranking: '评议排名', inspection: '督查发现', manual: '人工交办' };

/** Every change of a task, appended; deductions are computed from this history alone. */
export const TASK_EVENT_KINDS = ['opened', 'started', 'submitted', 'reinspection_passed', 'reinspection_failed', 'second_notice', 'refused', 'reminded'] as const;
export const TaskEventKind = z.enum(TASK_EVENT_KINDS);
export type TaskEventKind = z.infer<typeof TaskEventKind>;

export const TaskEvent = z.object({ kind: TaskEventKind, at: Instant, by: z.string(), note: z.string().max(500).optional() });
export type TaskEvent = z.infer<typeof TaskEvent>;

/** `sha256`: hex digest of the bytes, recorded at confirmation (absent on files confirmed before it was). */
export const Evidence = z.object({ evidenceId: z.string(), fileName: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(), uploadedAt: Instant, uploadedBy: z.string() });
export type Evidence = z.infer<typeof Evidence>;

export const Reinspection = z.object({ at: Instant, by: z.string(), passed: z.boolean(), findings: z.string().max(1000) });
export type Reinspection = z.infer<typeof Reinspection>;

export const RectificationTask = z.object({
  taskId: z.string(),
  /** The unit whose staff see and work the task (a staff session's unitId). */
  unitId: NodeId,
  /** The rated node the problem is about (section, window or the unit itself). */
  targetId: NodeId,
  targetName: z.string(),
  roundId: RoundId.optional(),
  source: TaskSource,
  /** Ballot id, rule id or inspection reference the task came from. */
  sourceRef: z.string().max(200).optional(),
  problem: z.string().min(1).max(1000),
  measures: z.string().max(2000).optional(),
  owner: z.string().max(60).optional(),
  deadlineWorkingDays: z.number().int().min(1).max(250),
  /** Last day (China Standard Time date) the task may be closed on and still be on time. */
  dueDate: z.iso.date(),
  status: TaskStatus,
  openedAt: Instant,
  closedAt: Instant.optional(),
  evidence: z.array(Evidence),
  reinspections: z.array(Reinspection),
  history: z.array(TaskEvent),
  /** Optimistic lock: every write is conditional on the revision it read. */
  revision: z.number().int().min(0),
});
export type RectificationTask = z.infer<typeof RectificationTask>;

/** A task as listed: the stored task plus what the clock says about it. */
export const TaskView = RectificationTask.extend({ overdue: z.boolean(), displayStatus: z.string(), deduction: z.object({ kind: z.string().nullable(), points: z.number() }) });
export type TaskView = z.infer<typeof TaskView>;
