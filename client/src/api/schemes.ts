import { z } from 'zod';
import type { SchemeInput } from '@shared/scoring/scheme';
import type { RoundFactsInput } from '@shared/scoring/facts';
import type { PreviewResponse as ApiPreview, SchemeDetailResponse, SchemeDiffResponse, SchemeListResponse } from '@shared/api/schemes';
import { apiRequest } from './http';

/**
 * Stored, versioned schemes (评议方案). The response shapes mirror shared/api/schemes.ts of the
 * schemes API; they are read loosely here (the body as the JSON it is) because the editor works
 * on the body as data and the server checks it on every save.
 */
const enc = encodeURIComponent;
const Body = z.record(z.string(), z.unknown()).transform((b) => b as unknown as SchemeInput);
const BasedOn = z.object({ schemeId: z.string(), version: z.number(), preset: z.boolean().optional() });

export const SchemeSummary = z.object({ schemeId: z.string(), name: z.string(), latestVersion: z.number(), preset: z.boolean(), basedOn: BasedOn.optional(), updatedAt: z.string(), inUse: z.boolean() });
export type SchemeSummary = z.infer<typeof SchemeSummary>;
const SchemeList = z.object({ schemes: z.array(SchemeSummary) });

export const StoredScheme = z.object({
  schemeId: z.string(),
  name: z.string(),
  version: z.number(),
  basedOn: BasedOn.optional(),
  author: z.string(),
  createdAt: z.string(),
  note: z.string().optional(),
  preset: z.boolean().optional(),
  body: Body,
  digest: z.string(),
});
export type StoredScheme = z.infer<typeof StoredScheme>;
const VersionSummary = z.object({ version: z.number(), author: z.string(), createdAt: z.string(), note: z.string().optional(), inUse: z.boolean() });
export type SchemeVersionSummary = z.infer<typeof VersionSummary>;
const Detail = z.object({ scheme: StoredScheme, versions: z.array(VersionSummary) });
export type SchemeDetail = z.infer<typeof Detail>;

const Problems = z.object({ problems: z.array(z.object({ path: z.string(), message: z.string() })) });
const Side = z.object({ schemeId: z.string(), version: z.number() });
const Diff = z.object({ from: Side, to: Side, changes: z.array(z.object({ path: z.string(), label: z.string(), before: z.unknown().optional(), after: z.unknown().optional() })) });
export type SchemeChange = z.infer<typeof Diff>['changes'][number];

const Standing = z.object({
  rank: z.number().nullable(),
  total: z.number().nullable(),
  grade: z.object({ id: z.string(), label: z.string() }).nullable(),
  consequences: z.array(z.object({ ruleId: z.string(), label: z.string() })),
});
const Consequence = z.object({ targetId: z.string(), ruleId: z.string(), label: z.string() });
export const Preview = z.object({
  source: z.object({ kind: z.enum(['published', 'sample']), roundId: z.string(), version: z.number().optional() }),
  targets: z.array(z.object({ targetId: z.string(), name: z.string().optional(), group: z.string(), published: Standing.optional(), preview: Standing })),
  rankMoves: z.array(z.object({ targetId: z.string(), from: z.number().nullable(), to: z.number().nullable() })),
  gradeChanges: z.array(z.object({ targetId: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  consequencesAppear: z.array(Consequence),
  consequencesVanish: z.array(Consequence),
});
export type Preview = z.infer<typeof Preview>;

/** Every scheme: presets (预置, read-only) and the office's own, latest version each. */
export function listSchemes() {
  return apiRequest({ path: '/admin/schemes', auth: 'staff', schema: SchemeList });
}

/** One version (the latest without `version`) and the list of versions. */
export function getScheme(id: string, version?: number) {
  return apiRequest({ path: `/admin/schemes/${enc(id)}${version ? `?version=${version}` : ''}`, auth: 'staff', schema: Detail });
}

/** Clones a preset or a stored version into a new scheme (its version 1). */
export function cloneScheme(req: { from: { schemeId: string; version?: number }; schemeId: string; name: string }) {
  return apiRequest({ method: 'POST', path: '/admin/schemes', body: req, auth: 'staff', schema: StoredScheme });
}

/** Saves a new version; 409 SCHEME_VERSION_STALE when someone saved after `basedOnVersion`. */
export function saveSchemeVersion(id: string, req: { basedOnVersion: number; body: SchemeInput; note?: string }) {
  return apiRequest({ method: 'POST', path: `/admin/schemes/${enc(id)}/versions`, body: req, auth: 'staff', schema: StoredScheme });
}

/** Problems of a body, each a Chinese sentence naming the field (empty when it can be saved). */
export function validateScheme(body: SchemeInput) {
  return apiRequest({ method: 'POST', path: '/admin/schemes/validate', body: { body }, auth: 'staff', schema: Problems });
}

/**
 * What changed between two versions of a scheme, field by field; with `fromScheme`, `from` is a
 * version of that other scheme (a clone against the preset it came from).
 */
export function diffScheme(id: string, from: number, to: number, fromScheme?: string) {
  return apiRequest({ path: `/admin/schemes/${enc(id)}/diff?from=${from}&to=${to}${fromScheme ? `&fromScheme=${enc(fromScheme)}` : ''}`, auth: 'staff', schema: Diff });
}

/** Scores a body: a programme's last published round re-scored, or a sample typed in. */
export function previewScheme(req: { body: SchemeInput; programmeId: string } | { body: SchemeInput; sample: RoundFactsInput }) {
  return apiRequest({ method: 'POST', path: '/admin/schemes/preview', body: req, auth: 'staff', schema: Preview });
}

/**
 * Compile-time only: what the API answers (shared/api/schemes.ts) fits what this client reads, so
 * a change of the API's shapes fails `tsc` here instead of a clerk's page at run time.
 */
type Fits<A extends B, B> = A;
export type ApiShapesFit = [
  Fits<SchemeListResponse, z.infer<typeof SchemeList>>,
  Fits<SchemeDetailResponse, SchemeDetail>,
  Fits<SchemeDiffResponse, z.infer<typeof Diff>>,
  Fits<ApiPreview, Preview>,
];
