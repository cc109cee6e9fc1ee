import { z } from 'zod';
import { CreateTaskRequest, RuleTasksResponse, TasksCreatedResponse } from '@shared/api/rectification';
import { OfficeAuditPage, OriginalCommentsResponse } from '@shared/api/audit';
import { TaskView } from '@shared/rectification/task';
import { apiRequest } from './http';

const Ok = z.object({ ok: z.literal(true) });

/** The supervising office's own steps: tasks by hand and by rule, reminders, outbox, audit, recount. */
const enc = encodeURIComponent;

export function createTask(req: CreateTaskRequest) {
  return apiRequest({ method: 'POST', path: '/admin/tasks', body: req, auth: 'staff', schema: TaskView });
}

export function tasksFromRules(roundId: string) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(roundId)}/tasks/from-rules`, auth: 'staff', schema: RuleTasksResponse });
}

export function tasksFromBallots(roundId: string, req: { item: string; values: string[]; deadlineWorkingDays: number }) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(roundId)}/tasks/from-ballots`, body: req, auth: 'staff', schema: TasksCreatedResponse });
}

export function tasksFromResults(roundId: string, req: { ruleIds: string[]; deadlineWorkingDays: number }) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(roundId)}/tasks/from-results`, body: req, auth: 'staff', schema: TasksCreatedResponse });
}

export function runTaskReminders() {
  return apiRequest({ method: 'POST', path: '/admin/tasks/reminders', auth: 'staff', schema: z.object({ sent: z.number().int(), skipped: z.number().int() }) });
}

/** The outbox as the messenger port logs it: no openid, the page a member's link opens. */
export const OutboxMessage = z.object({
  messageId: z.string(),
  memberId: z.string(),
  template: z.string(),
  page: z.string(),
  data: z.record(z.string(), z.string()),
  sentAt: z.string(),
  deliveries: z.array(z.object({ recipient: z.string(), status: z.string(), errcode: z.number().optional() })).optional(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;
export function listOutbox() {
  return apiRequest({ path: '/admin/outbox', auth: 'staff', schema: z.object({ messages: z.array(OutboxMessage) }) });
}

export function officeAuditLog(before?: string) {
  return apiRequest({ path: `/admin/audit-log?limit=50${before ? `&before=${enc(before)}` : ''}`, auth: 'staff', schema: OfficeAuditPage });
}

export function originalComments(roundId: string, targetId: string) {
  return apiRequest({ path: `/admin/rounds/${enc(roundId)}/targets/${enc(targetId)}/original-comments`, auth: 'staff', schema: OriginalCommentsResponse });
}

export const RecountReport = z.object({
  roundId: z.string(),
  ballots: z.number(),
  tallied: z.number(),
  mismatches: z.array(z.object({ targetId: z.string(), channel: z.string(), cell: z.string(), fromBallots: z.number(), fromTallies: z.number() })),
  voided: z.number(),
  voidMismatches: z.array(z.object({ ballotId: z.string(), problem: z.string() })),
  digestMismatches: z.array(z.object({ ballotId: z.string() })),
  tree: z.object({ size: z.number(), root: z.string(), published: z.object({ version: z.number(), size: z.number(), root: z.string() }).optional() }),
});
export type RecountReport = z.infer<typeof RecountReport>;
export function recountRound(roundId: string) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(roundId)}/recount`, auth: 'staff', schema: RecountReport });
}

export function revokeSamplingLink(roundId: string) {
  return apiRequest({ method: 'DELETE', path: `/admin/rounds/${enc(roundId)}/sampling-link`, auth: 'staff', schema: Ok });
}

export function revokeInvitation(invitationId: string) {
  return apiRequest({ method: 'DELETE', path: `/admin/invitations/${enc(invitationId)}`, auth: 'staff', schema: Ok });
}
