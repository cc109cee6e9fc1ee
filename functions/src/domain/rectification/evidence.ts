import { AppError } from '@shared/errors';
import { EVIDENCE_MAX_BYTES } from '@shared/api/rectification';
import type { Deps } from '../deps';
import type { Session } from '../sessions';
import { getTaskInScope } from './tasks';
import { changeTask } from './workflow';

const evidenceKey = (taskId: string, evidenceId: string) => `tasks/${taskId}/${evidenceId}`;
const WORKING = ['open', 'in_progress'] as const;

/**
 * Step 1 of an evidence upload: a link the phone PUTs the file to (S3 presigned, or our local
 * folder). Nothing is recorded against the task until step 2 confirms the object exists.
 */
export async function requestEvidenceUpload(deps: Deps, session: Session, taskId: string, req: { fileName: string; contentType: string; size: number }) {
  const task = await getTaskInScope(deps, session, taskId);
  if (!(WORKING as readonly string[]).includes(task.status)) throw new AppError('TASK_STATE_CONFLICT', { taskId, status: task.status });
  const evidenceId = deps.ids.uuid();
  const upload = await deps.evidence.presignUpload({ key: evidenceKey(taskId, evidenceId), contentType: req.contentType, maxBytes: Math.min(req.size, EVIDENCE_MAX_BYTES) });
  return { evidenceId, upload };
}

/** Step 2: checks the uploaded object (exists, within the size limit) and records it on the task. */
export async function confirmEvidence(deps: Deps, session: Session, taskId: string, req: { evidenceId: string; fileName: string; contentType: string }) {
  const stored = await deps.evidence.stat(evidenceKey(taskId, req.evidenceId));
  if (!stored) throw new AppError('EVIDENCE_NOT_UPLOADED', { evidenceId: req.evidenceId });
  if (stored.size > EVIDENCE_MAX_BYTES) throw new AppError('EVIDENCE_TOO_LARGE', { maxBytes: EVIDENCE_MAX_BYTES });
  // The upload link wrote this key once and can write it no more (EvidenceStorage), so this hash
  // stays the hash of what every download serves.
  const sha256 = await deps.evidence.sha256(evidenceKey(taskId, req.evidenceId));
  return changeTask(deps, session, taskId, WORKING, (t, at) => {
    if (t.evidence.some((e) => e.evidenceId === req.evidenceId)) return t;
    return { ...t, evidence: [...t.evidence, { evidenceId: req.evidenceId, fileName: req.fileName, contentType: req.contentType, size: stored.size, sha256, uploadedAt: at, uploadedBy: session.sub }] };
  });
}

/** A short-lived download link for one evidence file of a task the session may see. */
export async function evidenceDownload(deps: Deps, session: Session, taskId: string, evidenceId: string): Promise<string> {
  const task = await getTaskInScope(deps, session, taskId);
  if (!task.evidence.some((e) => e.evidenceId === evidenceId)) throw new AppError('NOT_FOUND', { evidenceId });
  return deps.evidence.presignDownload(evidenceKey(taskId, evidenceId));
}
