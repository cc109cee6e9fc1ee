import { z } from 'zod';
import { TaskView } from '@shared/rectification/task';
import { EvidenceUploadResponse, TaskListResponse } from '@shared/api/rectification';
import type { EVIDENCE_TYPES } from '@shared/api/rectification';
import { apiRequest } from './http';

const enc = encodeURIComponent;
const taskPath = (id: string) => `/tasks/${enc(id)}`;

export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
export type { TaskView };

/** My unit's rectification tasks (a supervisor's session sees all of them). */
export function listTasks(): Promise<z.infer<typeof TaskListResponse>> {
  return apiRequest({ path: '/tasks', auth: 'staff', schema: TaskListResponse });
}

export function getTask(id: string): Promise<TaskView> {
  return apiRequest({ path: taskPath(id), auth: 'staff', schema: TaskView });
}

/** open → in progress: the measures taken and the person responsible. */
export function startTask(id: string, req: { measures: string; owner: string }): Promise<TaskView> {
  return apiRequest({ method: 'POST', path: `${taskPath(id)}/start`, body: req, auth: 'staff', schema: TaskView });
}

/** Step 1 of an evidence upload: where to PUT the bytes (S3 presigned, or our local folder). */
export function requestUpload(id: string, req: { fileName: string; contentType: EvidenceType; size: number }) {
  return apiRequest({ method: 'POST', path: `${taskPath(id)}/evidence/uploads`, body: req, auth: 'staff', schema: EvidenceUploadResponse });
}

/** Step 2: the server checks the stored object and records it on the task. */
export function confirmEvidence(id: string, req: { evidenceId: string; fileName: string; contentType: EvidenceType }): Promise<TaskView> {
  return apiRequest({ method: 'POST', path: `${taskPath(id)}/evidence`, body: req, auth: 'staff', schema: TaskView });
}

/** A short-lived link to one evidence file. */
export function evidenceLink(id: string, evidenceId: string): Promise<{ url: string }> {
  return apiRequest({ path: `${taskPath(id)}/evidence/${enc(evidenceId)}`, auth: 'staff', schema: z.object({ url: z.string() }) });
}

/** in progress → submitted (needs at least one evidence file). */
export function submitTask(id: string, note?: string): Promise<TaskView> {
  return apiRequest({ method: 'POST', path: `${taskPath(id)}/submit`, body: note ? { note } : {}, auth: 'staff', schema: TaskView });
}

/** Supervisor: 复查 — passed closes a submitted task (销号), failed sends it back to in progress. */
export function reinspectTask(id: string, req: { passed: boolean; findings: string }): Promise<TaskView> {
  return apiRequest({ method: 'POST', path: `/admin/tasks/${enc(id)}/reinspection`, body: req, auth: 'staff', schema: TaskView });
}

/** Supervisor: 二次督办 (still short afterwards: −5) or 拒不整改 (−10), each with a note. */
export function noticeTask(id: string, kind: 'second-notice' | 'refused', note: string): Promise<TaskView> {
  return apiRequest({ method: 'POST', path: `/admin/tasks/${enc(id)}/${kind}`, body: { note }, auth: 'staff', schema: TaskView });
}
