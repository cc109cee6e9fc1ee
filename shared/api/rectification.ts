import { z } from 'zod';
import { NodeId, RoundId } from '../model/ids';
import { TaskView } from '../rectification/task';
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES } from '../rectification/evidence-limits';

export { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES };

const Text = (max: number) => z.string().trim().min(1).max(max);

export const CreateTaskRequest = z.strictObject({
  targetId: NodeId,
  roundId: RoundId.optional(),
  source: z.enum(['inspection', 'manual']),
  sourceRef: z.string().trim().max(200).optional(),
  problem: Text(1000),
  owner: z.string().trim().max(60).optional(),
  deadlineWorkingDays: z.number().int().min(1).max(250),
});
export type CreateTaskRequest = z.infer<typeof CreateTaskRequest>;

/** One task per ballot that gave one of `values` on `item` (national 差评 → 整改). */
export const TasksFromBallotsRequest = z.strictObject({
  item: z.string().min(1).max(32),
  values: z.array(z.string().min(1).max(32)).min(1).max(10),
  deadlineWorkingDays: z.number().int().min(1).max(250),
});
/** One task per target on which one of `ruleIds` fired in the latest published version. */
export const TasksFromResultsRequest = z.strictObject({
  ruleIds: z.array(z.string().min(1).max(64)).min(1).max(20),
  deadlineWorkingDays: z.number().int().min(1).max(250),
});

export const StartTaskRequest = z.strictObject({ measures: Text(2000), owner: Text(60) });
export const SubmitTaskRequest = z.strictObject({ note: z.string().trim().max(500).optional() });
export const ReinspectionRequest = z.strictObject({ passed: z.boolean(), findings: Text(1000) });
export const NoticeRequest = z.strictObject({ note: Text(500) });

export const EvidenceUploadRequest = z.strictObject({
  fileName: z.string().trim().min(1).max(100),
  contentType: z.enum(EVIDENCE_TYPES),
  size: z.number().int().min(1).max(EVIDENCE_MAX_BYTES),
});
export const EvidenceUploadResponse = z.object({
  evidenceId: z.string(),
  upload: z.object({ url: z.string(), method: z.literal('PUT'), headers: z.record(z.string(), z.string()), expiresAt: z.string() }),
});
export const EvidenceConfirmRequest = z.strictObject({ evidenceId: z.string().regex(/^[A-Za-z0-9-]{8,40}$/), fileName: z.string().trim().min(1).max(100), contentType: z.enum(EVIDENCE_TYPES) });

export const TaskListResponse = z.object({ tasks: z.array(TaskView) });
export const TasksCreatedResponse = z.object({ created: z.number().int(), existing: z.number().int(), tasks: z.array(TaskView) });

/** The tasks a round's scheme rules opened (publication runs this; the office can run it again). */
export const RuleTasksResponse = z.object({
  created: z.number().int(),
  existing: z.number().int(),
  rules: z.array(z.object({ ruleId: z.string(), label: z.string(), tasks: z.number().int() })),
});
export type RuleTasksResponse = z.infer<typeof RuleTasksResponse>;
/** Publication's answer also says what its rules opened, or why that step must be run again. */
export const PublishTasksOutcome = z.union([RuleTasksResponse, z.object({ error: z.string(), message: z.string() })]);
