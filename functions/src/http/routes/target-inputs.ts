import { z } from 'zod';
import { NodeId, RoundId } from '@shared/model/ids';
import { TargetInputPatch, TargetInputsBulkPatch, TargetInputsChanged, TargetInputsTable } from '@shared/api/target-inputs';
import { route } from '../route';
import { setTargetInputs } from '../../domain/target-inputs/set-inputs';
import { inputsTable } from '../../domain/target-inputs/inputs-table';

const SUPERVISORS = ['supervisor', 'admin'] as const;
const RoundParams = z.object({ id: RoundId });
const WRITE_ERRORS = [
  'UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ROUND_NOT_FOUND', 'SCHEME_UNKNOWN', 'TARGET_NOT_IN_ROUND', 'INPUT_FIELD_UNKNOWN', 'INPUT_NOT_APPLICABLE',
  'INPUT_OUT_OF_RANGE', 'SERVED_BELOW_RETURNED', 'IMPORTED_TALLY_CLASH', 'INPUT_CONFLICT', 'INPUTS_LOCKED',
] as const;

/** Per-target inputs entered by the office, field by field (docs/scoring.md#inputs). */
export const targetInputRoutes = [
  route({
    method: 'get',
    path: '/admin/rounds/:id/target-inputs',
    summary: 'The inputs table of a round: the columns its scheme reads (服务人次, each input component, 整改记录, 到会人数 …), and per target the fields entered and what is still 待录入.',
    tag: 'results',
    auth: SUPERVISORS,
    params: RoundParams,
    responses: { 200: { description: 'Inputs table', schema: TargetInputsTable } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND', 'SCHEME_UNKNOWN'],
    handler: async ({ deps, params }) => ({ body: await inputsTable(deps, params.id!) }),
  }),
  route({
    method: 'patch',
    path: '/admin/rounds/:id/target-inputs/:targetId',
    summary:
      "Set or clear (null) some of one target's input fields; the others stay. Checked against the round's scheme and the target's group; `expected` guards against overwriting a colleague's change (409). Each change is audited with its old and new value; a published round needs `correctionReason`.",
    tag: 'results',
    auth: SUPERVISORS,
    params: z.object({ id: RoundId, targetId: NodeId }),
    body: TargetInputPatch,
    responses: { 200: { description: 'The fields that changed', schema: TargetInputsChanged } },
    errors: WRITE_ERRORS,
    handler: async ({ deps, params, body, session }) => ({
      body: { changed: await setTargetInputs(deps, session!.sub, params.id!, [{ targetId: params.targetId!, set: body.set, ...(body.expected ? { expected: body.expected } : {}) }], body.correctionReason) },
    }),
  }),
  route({
    method: 'patch',
    path: '/admin/rounds/:id/target-inputs',
    summary: 'A pasted table: rows of fields per target, every row checked before any is stored; each target is then written in one transaction with its audit lines.',
    tag: 'results',
    auth: SUPERVISORS,
    params: RoundParams,
    body: TargetInputsBulkPatch,
    responses: { 200: { description: 'The fields that changed', schema: TargetInputsChanged } },
    errors: WRITE_ERRORS,
    handler: async ({ deps, params, body, session }) => ({ body: { changed: await setTargetInputs(deps, session!.sub, params.id!, body.rows, body.correctionReason) } }),
  }),
];
