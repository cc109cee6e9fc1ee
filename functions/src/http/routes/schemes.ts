import { z } from 'zod';
import {
  CloneSchemeRequest,
  NewSchemeVersionRequest,
  PreviewResponse,
  PreviewSchemeRequest,
  SchemeDetailResponse,
  SchemeDiffQuery,
  SchemeDiffResponse,
  SchemeListResponse,
  SchemeVersionQuery,
  StoredScheme,
  ValidateSchemeRequest,
  ValidateSchemeResponse,
} from '@shared/api/schemes';
import { AppError } from '@shared/errors';
import { route } from '../route';
import { cloneScheme, diffScheme, getScheme, listSchemes, saveSchemeVersion, validateScheme } from '../../domain/schemes/schemes';
import { previewScheme } from '../../domain/schemes/preview';

const ADMINS = ['admin', 'supervisor'] as const;
// A lookup: an id no clone could have taken is simply not found (404), after the body is checked.
const SchemeParams = z.object({ id: z.string().min(1).max(64) });

/** A query string parsed by its schema; a bad one is VALIDATION_FAILED naming the field. */
function queryOf<T extends z.ZodType>(schema: T, query: unknown): z.infer<T> {
  const r = schema.safeParse(query);
  if (!r.success) throw new AppError('VALIDATION_FAILED', { issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  return r.data;
}

/** Schemes (评议方案): presets as read-only seeds, the county's own clones, each version immutable. */
export const schemeRoutes = [
  route({
    method: 'get',
    path: '/admin/schemes',
    summary: 'List schemes: presets (read-only) and the county\'s own.',
    tag: 'schemes',
    auth: ADMINS,
    responses: { 200: { description: 'Schemes', schema: SchemeListResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
    handler: async ({ deps }) => ({ body: await listSchemes(deps) }),
  }),
  route({
    method: 'post',
    path: '/admin/schemes/validate',
    summary: 'Check a scheme body as saving would; problems with Chinese messages. Stores nothing.',
    tag: 'schemes',
    auth: ADMINS,
    body: ValidateSchemeRequest,
    responses: { 200: { description: 'Problems (empty: the body would save)', schema: ValidateSchemeResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED'],
    handler: async ({ body }) => ({ body: validateScheme(body.body) }),
  }),
  route({
    method: 'post',
    path: '/admin/schemes/preview',
    summary: 'Score a body unsaved: the programme\'s last published round re-scored beside what was published, or a sample.',
    tag: 'schemes',
    auth: ADMINS,
    body: PreviewSchemeRequest,
    responses: { 200: { description: 'Published vs preview, per target', schema: PreviewResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'SCHEME_INVALID', 'PROGRAMME_NOT_FOUND', 'PUBLICATION_NOT_FOUND', 'SCORING_INPUT_INVALID', 'HISTORY_INCOMPLETE', 'HISTORY_INCONSISTENT'],
    handler: async ({ deps, body }) => ({ body: await previewScheme(deps, body) }),
  }),
  route({
    method: 'post',
    path: '/admin/schemes',
    summary: 'Clone a preset or a stored version into a new scheme (version 1).',
    tag: 'schemes',
    auth: ADMINS,
    body: CloneSchemeRequest,
    responses: { 201: { description: 'The new scheme, version 1', schema: StoredScheme } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'SCHEME_NOT_FOUND', 'SCHEME_INVALID', 'ALREADY_EXISTS'],
    handler: async ({ deps, session, body }) => {
      const scheme = await cloneScheme(deps, session!.sub, body);
      return { status: 201, body: scheme, audit: { schemeId: scheme.schemeId, version: 1, from: scheme.basedOn, digest: scheme.digest } };
    },
  }),
  route({
    method: 'get',
    path: '/admin/schemes/:id',
    summary: 'A version (?version=N, default latest) and the list of versions.',
    tag: 'schemes',
    auth: ADMINS,
    params: SchemeParams,
    responses: { 200: { description: 'The scheme', schema: SchemeDetailResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'SCHEME_NOT_FOUND'],
    handler: async ({ deps, params, req }) => ({ body: await getScheme(deps, SchemeParams.parse(params).id, queryOf(SchemeVersionQuery, req.query).version) }),
  }),
  route({
    method: 'post',
    path: '/admin/schemes/:id/versions',
    summary: 'Save the next version; basedOnVersion must be the latest (else SCHEME_VERSION_STALE).',
    tag: 'schemes',
    auth: ADMINS,
    params: SchemeParams,
    body: NewSchemeVersionRequest,
    responses: { 201: { description: 'The new version', schema: StoredScheme } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'SCHEME_NOT_FOUND', 'SCHEME_READ_ONLY', 'SCHEME_VERSION_STALE', 'SCHEME_INVALID'],
    handler: async ({ deps, session, params, body }) => {
      const scheme = await saveSchemeVersion(deps, session!.sub, SchemeParams.parse(params).id, body);
      return { status: 201, body: scheme, audit: { schemeId: scheme.schemeId, version: scheme.version, basedOnVersion: body.basedOnVersion, digest: scheme.digest } };
    },
  }),
  route({
    method: 'get',
    path: '/admin/schemes/:id/diff',
    summary: 'Changed fields between versions (?from&to) or against another scheme (?fromScheme).',
    tag: 'schemes',
    auth: ADMINS,
    params: SchemeParams,
    responses: { 200: { description: 'Changes', schema: SchemeDiffResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'SCHEME_NOT_FOUND'],
    handler: async ({ deps, params, req }) => ({ body: await diffScheme(deps, SchemeParams.parse(params).id, queryOf(SchemeDiffQuery, req.query)) }),
  }),
];
