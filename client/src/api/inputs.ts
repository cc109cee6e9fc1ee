import { TargetInputsChanged, TargetInputsTable } from '@shared/api/target-inputs';
import type { FieldValue } from '@shared/target-inputs/fields';
import { apiRequest } from './http';

/** The office's per-target inputs (服务人次, 工作考核 …): read as a table, written field by field. */
const enc = encodeURIComponent;

export function getInputsTable(roundId: string) {
  return apiRequest({ path: `/admin/rounds/${enc(roundId)}/target-inputs`, auth: 'staff', schema: TargetInputsTable });
}

/**
 * Sets (or clears, null) fields of one target. `expected` holds what the clerk saw, so a
 * colleague's change in between answers INPUT_CONFLICT instead of being overwritten.
 */
export function setTargetInputs(roundId: string, targetId: string, req: { set: Record<string, FieldValue | null>; expected?: Record<string, FieldValue | null>; correctionReason?: string }) {
  return apiRequest({ method: 'PATCH', path: `/admin/rounds/${enc(roundId)}/target-inputs/${enc(targetId)}`, body: req, auth: 'staff', schema: TargetInputsChanged });
}
