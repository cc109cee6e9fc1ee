import { z } from 'zod';
import { NodeId, RoundId } from '../model/ids';
import { FieldId, FieldValue } from '../target-inputs/fields';
import { Reason } from './publication';

/**
 * Fields to set (`null` clears one); fields not named are left as they are.
 * @example { 'inputs.work': 88, served: 120, 'present.hearing': null }
 */
export const FieldSet = z.record(FieldId, FieldValue.nullable()).refine((s) => Object.keys(s).length >= 1 && Object.keys(s).length <= 50, '每次设置 1–50 个字段');

/**
 * What each field must still hold for the change to land (`null`: it was empty). A field whose
 * value changed since the clerk read it answers 409 INPUT_CONFLICT instead of being overwritten.
 */
export const FieldExpectations = z.record(FieldId, FieldValue.nullable());

/**
 * A change to a published round is a correction: it needs a reason, is audited as one and shows
 * publicly only once a correction version is published.
 */
const Correction = { correctionReason: Reason.optional() };

export const TargetInputPatch = z.strictObject({ set: FieldSet, expected: FieldExpectations.optional(), ...Correction });
export type TargetInputPatch = z.infer<typeof TargetInputPatch>;

export const TargetInputRow = z.strictObject({ targetId: NodeId, set: FieldSet, expected: FieldExpectations.optional() });
export type TargetInputRow = z.infer<typeof TargetInputRow>;

/** A pasted table: every row is checked before any is stored. */
export const TargetInputsBulkPatch = z.strictObject({ rows: z.array(TargetInputRow).min(1).max(2000), ...Correction });
export type TargetInputsBulkPatch = z.infer<typeof TargetInputsBulkPatch>;

export const FieldChangeView = z.object({ targetId: z.string(), field: z.string(), old: FieldValue.nullable(), new: FieldValue.nullable() });
export const TargetInputsChanged = z.object({ changed: z.array(FieldChangeView) });
export type TargetInputsChanged = z.infer<typeof TargetInputsChanged>;

export const InputColumnView = z.object({
  field: z.string(),
  label: z.string(),
  groups: z.array(z.string()).optional(),
  min: z.number(),
  max: z.number(),
  integer: z.boolean(),
  required: z.boolean(),
});

/** The office's inputs table: the scheme's columns, and per target its fields and what is still 待录入. */
export const TargetInputsTable = z.object({
  roundId: RoundId,
  status: z.string(),
  /** Published: changes need a correction reason. */
  locked: z.boolean(),
  columns: z.array(InputColumnView),
  targets: z.array(
    z.object({
      targetId: z.string(),
      name: z.string(),
      group: z.string(),
      groupLabel: z.string(),
      fields: z.record(z.string(), FieldValue),
      /** Columns that apply to this target's group. */
      applies: z.array(z.string()),
      missing: z.array(z.object({ field: z.string(), label: z.string() })),
    }),
  ),
});
export type TargetInputsTable = z.infer<typeof TargetInputsTable>;
