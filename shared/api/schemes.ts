import { z } from 'zod';
import { Scheme } from '../scoring/scheme';
import { RoundFacts } from '../scoring/facts';
import { ProgrammeId } from '../model/programme';

/**
 * A scheme id: the body's own `id` (lower-case letters, digits, -). Presets keep theirs
 * (ganquan, tonghe …); a clone takes a new one.
 * @example SchemeId.parse('tonghe-2026') // ok
 */
export const SchemeId = z.string().regex(/^[a-z0-9-]{2,32}$/, '方案编号：2–32 个小写字母、数字或 -');
export const SchemeVersion = z.coerce.number().int().min(1).max(100_000);

/**
 * Where a version came from: a preset (for a clone of one), or a scheme id and version (a clone
 * of a stored scheme, or the version a new version was edited from).
 * @example { schemeId: 'tonghe', version: 1 }
 */
export const SchemeBasedOn = z.object({ schemeId: z.string(), version: z.number().int().min(1), preset: z.boolean().optional() });
export type SchemeBasedOn = z.infer<typeof SchemeBasedOn>;

/**
 * One immutable version of a scheme. `body` is the declarative scheme the engine reads (defaults
 * filled), its `id` and `name` equal `schemeId` and `name`; `digest` is the sha256 of its
 * canonical JSON (what programmes and snapshots pin). Presets are read as version 1 of their
 * id with `preset: true`; they cannot be written, only cloned.
 */
/** The scheme body in the OpenAPI document: one component, referenced wherever a body travels. */
const SchemeBody = Scheme.meta({ id: 'SchemeBody' });

export const StoredScheme = z
  .object({
  schemeId: SchemeId,
  name: z.string().min(1).max(80),
  version: z.number().int().min(1),
  basedOn: SchemeBasedOn.optional(),
  author: z.string(),
  createdAt: z.string(),
  note: z.string().max(200).optional(),
  preset: z.boolean(),
  body: SchemeBody,
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .meta({ id: 'StoredScheme' });
export type StoredScheme = z.infer<typeof StoredScheme>;

/** A scheme in the list: its latest version and whether any round or programme pins a version of it. */
export const SchemeSummary = z.object({
  schemeId: SchemeId,
  name: z.string(),
  latestVersion: z.number().int().min(1),
  preset: z.boolean(),
  basedOn: SchemeBasedOn.optional(),
  updatedAt: z.string(),
  inUse: z.boolean(),
});
export const SchemeListResponse = z.object({ schemes: z.array(SchemeSummary) });
export type SchemeListResponse = z.infer<typeof SchemeListResponse>;

export const SchemeVersionSummary = z.object({ version: z.number().int().min(1), author: z.string(), createdAt: z.string(), note: z.string().optional(), inUse: z.boolean() });
export const SchemeDetailResponse = z.object({ scheme: StoredScheme, versions: z.array(SchemeVersionSummary) });
export type SchemeDetailResponse = z.infer<typeof SchemeDetailResponse>;

export const SchemeVersionQuery = z.object({ version: SchemeVersion.optional() });

/** Clone a preset or a stored version into a new scheme (its version 1). */
export const CloneSchemeRequest = z.strictObject({
  from: z.strictObject({ schemeId: SchemeId, version: z.number().int().min(1).optional() }),
  schemeId: SchemeId,
  name: z.string().trim().min(1).max(80),
});
export type CloneSchemeRequest = z.infer<typeof CloneSchemeRequest>;

/**
 * A scheme body as the editor sends it: any JSON object; the save path checks it field by field
 * and answers 422 SCHEME_INVALID with a Chinese sentence per problem (never a bare 400).
 */
export const SchemeBodyInput = z.record(z.string(), z.unknown());

/** A new version: the version it was edited from (must be the latest), the body, a note. */
export const NewSchemeVersionRequest = z.strictObject({
  basedOnVersion: z.number().int().min(1),
  body: SchemeBodyInput,
  note: z.string().trim().max(200).optional(),
});
export type NewSchemeVersionRequest = z.infer<typeof NewSchemeVersionRequest>;

/** One problem of a scheme body: where (dotted path) and a Chinese sentence naming the field. */
export const SchemeProblem = z.object({ path: z.string(), message: z.string() });
export type SchemeProblem = z.infer<typeof SchemeProblem>;

export const ValidateSchemeRequest = z.strictObject({ body: SchemeBodyInput });
export const ValidateSchemeResponse = z.object({ problems: z.array(SchemeProblem) });
export type ValidateSchemeResponse = z.infer<typeof ValidateSchemeResponse>;

/** `from`/`to` are versions of this scheme; `fromScheme` compares against another scheme (a preset and its clone). */
export const SchemeDiffQuery = z.object({
  from: SchemeVersion.optional(),
  to: SchemeVersion.optional(),
  fromScheme: SchemeId.optional(),
});

/** One changed field: dotted path, its Chinese name, the value before and after (absent: added or removed). */
export const SchemeChange = z.object({ path: z.string(), label: z.string(), before: z.unknown().optional(), after: z.unknown().optional() });
export type SchemeChange = z.infer<typeof SchemeChange>;
export const SchemeDiffResponse = z.object({
  from: z.object({ schemeId: z.string(), version: z.number().int() }),
  to: z.object({ schemeId: z.string(), version: z.number().int() }),
  changes: z.array(SchemeChange),
});
export type SchemeDiffResponse = z.infer<typeof SchemeDiffResponse>;

/**
 * Preview a body: with `programmeId`, its last published round re-scored under the body beside
 * what was published; with `sample`, a small facts table (the clerk's own numbers) scored.
 */
export const PreviewSchemeRequest = z
  .strictObject({ body: SchemeBodyInput, programmeId: ProgrammeId.optional(), sample: RoundFacts.meta({ id: 'RoundFacts' }).optional() })
  .refine((r) => (r.programmeId === undefined) !== (r.sample === undefined), { message: 'give programmeId or sample, one of them' });
export type PreviewSchemeRequest = z.infer<typeof PreviewSchemeRequest>;

/** A target's standing under one scheme: rank in group, total, grade, the rules that fire. */
export const PreviewStanding = z.object({
  rank: z.number().int().nullable(),
  total: z.number().nullable(),
  grade: z.object({ id: z.string(), label: z.string() }).nullable(),
  consequences: z.array(z.object({ ruleId: z.string(), label: z.string() })),
});
export type PreviewStanding = z.infer<typeof PreviewStanding>;

export const PreviewTarget = z.object({
  targetId: z.string(),
  name: z.string().optional(),
  group: z.string(),
  published: PreviewStanding.optional(),
  preview: PreviewStanding,
});
export type PreviewTarget = z.infer<typeof PreviewTarget>;

/** What the body changes against the published round (empty lists for a sample). */
export const PreviewResponse = z.object({
  source: z.object({ kind: z.enum(['published', 'sample']), roundId: z.string(), version: z.number().int().optional() }),
  targets: z.array(PreviewTarget),
  rankMoves: z.array(z.object({ targetId: z.string(), from: z.number().int().nullable(), to: z.number().int().nullable() })),
  gradeChanges: z.array(z.object({ targetId: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  consequencesAppear: z.array(z.object({ targetId: z.string(), ruleId: z.string(), label: z.string() })),
  consequencesVanish: z.array(z.object({ targetId: z.string(), ruleId: z.string(), label: z.string() })),
});
export type PreviewResponse = z.infer<typeof PreviewResponse>;
