import { z } from 'zod';
import { AppError } from '@shared/errors';
import { RoundId } from '@shared/model/ids';
import { TaskView } from '@shared/rectification/task';
import {
  CreateTaskRequest,
  EvidenceConfirmRequest,
  EvidenceUploadRequest,
  EvidenceUploadResponse,
  NoticeRequest,
  ReinspectionRequest,
  StartTaskRequest,
  SubmitTaskRequest,
  TaskListResponse,
  TasksCreatedResponse,
  TasksFromBallotsRequest,
  RuleTasksResponse,
  TasksFromResultsRequest,
} from '@shared/api/rectification';
import { route, type RouteContext } from '../route';
import { createTask, getTaskInScope, listTasks, viewTask } from '../../domain/rectification/tasks';
import { recordNotice, recordReinspection, startTask, submitTask } from '../../domain/rectification/workflow';
import { confirmEvidence, evidenceDownload, requestEvidenceUpload } from '../../domain/rectification/evidence';
import { sendDeadlineReminders } from '../../domain/rectification/reminders';
import { tasksFromBallots, tasksFromResults } from '../../domain/rectification/from-rounds';
import { tasksFromRules } from '../../domain/rectification/from-rules';
import { LocalFolderEvidence } from '../../adapters/local/local-evidence';

const SUPERVISORS = ['supervisor', 'admin'] as const;
const WORKERS = ['staff', 'supervisor', 'admin'] as const;
const TaskParams = z.object({ id: z.string().regex(/^T[A-Za-z0-9]{4,20}$/) });
const RoundParams = z.object({ id: RoundId });
const TASK_ERRORS = ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'TASK_NOT_FOUND', 'TASK_OUT_OF_SCOPE', 'TASK_STATE_CONFLICT'] as const;
const Task = { 200: { description: 'The task after the change', schema: TaskView } };
const session = (ctx: RouteContext<unknown>) => ctx.session!;

/** The local folder adapter, when evidence goes there (its upload links point at our API). */
function localEvidence(ctx: RouteContext<unknown>): LocalFolderEvidence {
  if (!(ctx.deps.evidence instanceof LocalFolderEvidence)) throw new AppError('NOT_FOUND');
  return ctx.deps.evidence;
}

export const rectificationRoutes = [
  route({
    method: 'get',
    path: '/tasks',
    summary: 'The rectification ledger (整改台账): staff see their unit’s tasks, supervisors all; overdue first, then by due date.',
    tag: 'rectification',
    auth: WORKERS,
    disclosure: 'staff-scoped',
    responses: { 200: { description: 'Tasks', schema: TaskListResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'TASK_OUT_OF_SCOPE'],
    handler: async (ctx) => ({ body: { tasks: await listTasks(ctx.deps, session(ctx)) } }),
  }),
  route({
    method: 'get',
    path: '/tasks/:id',
    summary: 'One task with its history, evidence and re-inspections.',
    tag: 'rectification',
    auth: WORKERS,
    disclosure: 'staff-scoped',
    params: TaskParams,
    responses: { 200: { description: 'Task', schema: TaskView } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'TASK_NOT_FOUND', 'TASK_OUT_OF_SCOPE'],
    handler: async (ctx) => ({ body: viewTask(ctx.deps, await getTaskInScope(ctx.deps, session(ctx), ctx.params.id!)) }),
  }),
  route({
    method: 'post',
    path: '/tasks/:id/start',
    summary: 'Accept a task: rectification measures and the person responsible (open → in progress).',
    tag: 'rectification',
    auth: WORKERS,
    disclosure: 'staff-scoped',
    params: TaskParams,
    body: StartTaskRequest,
    responses: Task,
    errors: TASK_ERRORS,
    handler: async (ctx) => ({ body: await startTask(ctx.deps, session(ctx), ctx.params.id!, ctx.body) }),
  }),
  route({
    method: 'post',
    path: '/tasks/:id/evidence/uploads',
    summary: 'Step 1 of an evidence upload: a short-lived link to PUT the file to (S3 presigned in production; relative URLs are on this API).',
    tag: 'rectification',
    auth: WORKERS,
    disclosure: 'staff-scoped',
    params: TaskParams,
    body: EvidenceUploadRequest,
    responses: { 201: { description: 'Upload link', schema: EvidenceUploadResponse } },
    errors: TASK_ERRORS,
    handler: async (ctx) => ({ status: 201, body: await requestEvidenceUpload(ctx.deps, session(ctx), ctx.params.id!, ctx.body) }),
  }),
  route({
    method: 'post',
    path: '/tasks/:id/evidence',
    summary: 'Step 2: record an uploaded evidence file on the task (checked in storage first).',
    tag: 'rectification',
    auth: WORKERS,
    disclosure: 'staff-scoped',
    params: TaskParams,
    body: EvidenceConfirmRequest,
    responses: Task,
    errors: [...TASK_ERRORS, 'EVIDENCE_NOT_UPLOADED', 'EVIDENCE_TOO_LARGE'],
    handler: async (ctx) => ({ body: await confirmEvidence(ctx.deps, session(ctx), ctx.params.id!, ctx.body) }),
  }),
  route({
    method: 'get',
    path: '/tasks/:id/evidence/:evidenceId',
    summary: 'A short-lived download link for one evidence file.',
    tag: 'rectification',
    auth: WORKERS,
    disclosure: 'staff-scoped',
    params: z.object({ id: TaskParams.shape.id, evidenceId: z.string().regex(/^[A-Za-z0-9-]{8,40}$/) }),
    responses: { 200: { description: 'Link', schema: z.object({ url: z.string() }) } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'TASK_NOT_FOUND', 'TASK_OUT_OF_SCOPE', 'NOT_FOUND'],
    handler: async (ctx) => ({ body: { url: await evidenceDownload(ctx.deps, session(ctx), ctx.params.id!, ctx.params.evidenceId!) } }),
  }),
  route({
    method: 'post',
    path: '/tasks/:id/submit',
    summary: 'Report the task done (in progress → submitted); needs at least one evidence file.',
    tag: 'rectification',
    auth: WORKERS,
    disclosure: 'staff-scoped',
    params: TaskParams,
    body: SubmitTaskRequest,
    responses: Task,
    errors: [...TASK_ERRORS, 'EVIDENCE_REQUIRED'],
    handler: async (ctx) => ({ body: await submitTask(ctx.deps, session(ctx), ctx.params.id!, ctx.body.note) }),
  }),
  route({
    method: 'put',
    path: '/evidence/local/:token',
    summary: 'Local evidence storage only: the signed upload link the client PUTs bytes to (stands in for S3); it stores once, a second PUT is 409 UPLOAD_LINK_USED.',
    tag: 'rectification',
    auth: 'public',
    disclosure: 'staff-scoped',
    params: z.object({ token: z.string().min(10).max(2000) }),
    bodyType: 'binary',
    responses: { 200: { description: 'Stored', schema: z.object({ ok: z.literal(true) }) } },
    errors: ['NOT_FOUND', 'UPLOAD_LINK_INVALID', 'UPLOAD_LINK_USED', 'EVIDENCE_TOO_LARGE', 'BODY_TOO_LARGE'],
    handler: async (ctx) => {
      const storage = localEvidence(ctx);
      const grant = storage.verify(ctx.params.token!, 'put');
      await storage.write(grant, Buffer.isBuffer(ctx.body) ? ctx.body : Buffer.alloc(0));
      return { body: { ok: true } };
    },
  }),
  route({
    method: 'get',
    path: '/evidence/local/:token',
    summary: 'Local evidence storage only: a signed download link.',
    tag: 'rectification',
    auth: 'public',
    disclosure: 'staff-scoped',
    params: z.object({ token: z.string().min(10).max(2000) }),
    responses: { 200: { description: 'The file', contentType: 'application/octet-stream' } },
    errors: ['NOT_FOUND', 'UPLOAD_LINK_INVALID'],
    handler: async (ctx) => {
      const storage = localEvidence(ctx);
      const grant = storage.verify(ctx.params.token!, 'get');
      const { readFile } = await import('node:fs/promises');
      const data = await readFile(storage.path(grant.key)).catch(() => {
        throw new AppError('NOT_FOUND');
      });
      return { raw: { contentType: 'application/octet-stream', data } };
    },
  }),
  route({
    method: 'post',
    path: '/admin/tasks',
    summary: 'Open a task by hand or from an inspection finding (督查发现).',
    tag: 'rectification',
    auth: SUPERVISORS,
    body: CreateTaskRequest,
    responses: { 201: { description: 'Created', schema: TaskView } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'TARGET_NOT_FOUND', 'ROUND_NOT_FOUND'],
    handler: async (ctx) => ({ status: 201, body: await createTask(ctx.deps, session(ctx).sub, ctx.body) }),
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/tasks/from-rules',
    summary: "The rectification tasks the round's scheme rules promise (好差评: one per bad review; rules with a 整改 action: one per target they fired on in the published version). Publication runs it; re-running adds only what is missing.",
    tag: 'rectification',
    auth: SUPERVISORS,
    params: RoundParams,
    responses: { 200: { description: 'Tasks opened and already open, per rule', schema: RuleTasksResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND', 'SCHEME_UNKNOWN', 'PUBLICATION_NOT_FOUND', 'TARGET_NOT_FOUND'],
    handler: async (ctx) => ({ body: await tasksFromRules(ctx.deps, session(ctx).sub, ctx.params.id!) }),
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/tasks/from-ballots',
    summary: 'One task per negative ballot of the round (voided ballots excluded); re-running adds only new ones.',
    tag: 'rectification',
    auth: SUPERVISORS,
    params: RoundParams,
    body: TasksFromBallotsRequest,
    responses: { 200: { description: 'Tasks', schema: TasksCreatedResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ROUND_NOT_FOUND'],
    handler: async (ctx) => ({ body: await tasksFromBallots(ctx.deps, session(ctx).sub, ctx.params.id!, ctx.body) }),
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/tasks/from-results',
    summary: 'One task per target on which one of the rules fired in the latest published version; re-running adds only new ones.',
    tag: 'rectification',
    auth: SUPERVISORS,
    params: RoundParams,
    body: TasksFromResultsRequest,
    responses: { 200: { description: 'Tasks', schema: TasksCreatedResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'PUBLICATION_NOT_FOUND', 'TARGET_NOT_FOUND'],
    handler: async (ctx) => ({ body: await tasksFromResults(ctx.deps, session(ctx).sub, ctx.params.id!, ctx.body) }),
  }),
  route({
    method: 'post',
    path: '/admin/tasks/:id/reinspection',
    summary: 'Record a re-inspection (复查/暗访督查): passed closes a submitted task (销号); failed sends it back.',
    tag: 'rectification',
    auth: SUPERVISORS,
    params: TaskParams,
    body: ReinspectionRequest,
    responses: Task,
    errors: TASK_ERRORS,
    handler: async (ctx) => ({ body: await recordReinspection(ctx.deps, session(ctx), ctx.params.id!, ctx.body) }),
  }),
  route({
    method: 'post',
    path: '/admin/tasks/:id/second-notice',
    summary: 'Record a second notice (二次督办/挂牌督办); still short afterwards costs −5.',
    tag: 'rectification',
    auth: SUPERVISORS,
    params: TaskParams,
    body: NoticeRequest,
    responses: Task,
    errors: TASK_ERRORS,
    handler: async (ctx) => ({ body: await recordNotice(ctx.deps, session(ctx), ctx.params.id!, 'second_notice', ctx.body.note) }),
  }),
  route({
    method: 'post',
    path: '/admin/tasks/:id/refused',
    summary: 'Record a refusal without good reason (拒不整改): −10.',
    tag: 'rectification',
    auth: SUPERVISORS,
    params: TaskParams,
    body: NoticeRequest,
    responses: Task,
    errors: TASK_ERRORS,
    handler: async (ctx) => ({ body: await recordNotice(ctx.deps, session(ctx), ctx.params.id!, 'refused', ctx.body.note) }),
  }),
  route({
    method: 'post',
    path: '/admin/tasks/reminders',
    summary: 'Run the deadline reminder job now (production runs it daily): one subscription message per overdue or nearly due task per day.',
    tag: 'rectification',
    auth: SUPERVISORS,
    responses: { 200: { description: 'Counts', schema: z.object({ sent: z.number().int(), skipped: z.number().int() }) } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
    handler: async (ctx) => ({ body: await sendDeadlineReminders(ctx.deps) }),
  }),
  route({
    method: 'get',
    path: '/admin/outbox',
    summary: 'Subscription messages sent (the outbox): the newest 500, oldest of them first, each with its delivery outcome per recipient (sent, refused, failed, not_subscribed); never an openid. Kept 400 days.',
    tag: 'rectification',
    auth: SUPERVISORS,
    responses: { 200: { description: 'Messages', schema: z.object({ messages: z.array(z.record(z.string(), z.unknown())) }) } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
    handler: async (ctx) => ({ body: { messages: (await ctx.deps.messenger.list()) as unknown as Array<Record<string, unknown>> } }),
  }),
];
