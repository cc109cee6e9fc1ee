import { z } from 'zod';
import { AppError } from '@shared/errors';
import { LandingQuery, LandingResponse } from '@shared/api/tokens';
import { RoundListResponse, RoundView } from '@shared/api/rounds';
import { ORG_IDS_MAX, ORG_PAGE_DEFAULT, ORG_PAGE_MAX, OrgPageQuery, OrgPageResponse } from '@shared/api/org';
import { RoundId } from '@shared/model/ids';
import { route } from '../route';
import { landing } from '../../domain/landing';
import { getRoundOrThrow } from '../../domain/rounds-admin';
import { orgPage } from '../../domain/org-reads';

/** A query string parsed by its schema; anything else (an unknown parameter, a repeated one) is a 400 naming it. */
function queryOf<T extends z.ZodType>(schema: T, query: unknown): z.infer<T> {
  const q = schema.safeParse(query);
  if (!q.success) throw new AppError('VALIDATION_FAILED', { issues: q.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  return q.data;
}

const RoundParams = z.object({ id: RoundId });

export const publicRoutes = [
  route({
    method: 'get',
    path: '/health',
    summary: 'Liveness: the process answers (the store is not touched).',
    tag: 'ops',
    auth: 'public',
    disclosure: 'public',
    responses: { 200: { description: 'OK', schema: z.object({ ok: z.literal(true) }) } },
    errors: [],
    handler: async () => ({ body: { ok: true } }),
  }),
  route({
    method: 'get',
    path: '/landing/:token',
    summary:
      'What a window QR scene, sampling link or invitation token resolves to: the target(s), open rounds and forms. A link covering many targets answers a page of them (`next`: pass as `?after=`); `?targetId=` answers that one target only.',
    tag: 'ballots',
    auth: 'public',
    disclosure: 'public',
    params: z.object({ token: z.string().min(1).max(200) }),
    responses: { 200: { description: 'Landing', schema: LandingResponse } },
    errors: ['TOKEN_INVALID', 'TOKEN_REVOKED', 'INVITATION_EXPIRED', 'VALIDATION_FAILED'],
    handler: async ({ deps, params, req }) => ({ body: await landing(deps, params.token!, queryOf(LandingQuery, req.query)) }),
  }),
  route({
    method: 'get',
    path: '/rounds',
    summary: 'All rounds (public: rounds and their periods are announced).',
    tag: 'rounds',
    auth: 'public',
    disclosure: 'public',
    responses: { 200: { description: 'Rounds', schema: RoundListResponse } },
    errors: [],
    handler: async ({ deps }) => ({ body: { rounds: (await deps.store.rounds.listRounds()).sort((a, b) => b.createdAt.localeCompare(a.createdAt)) } }),
  }),
  route({
    method: 'get',
    path: '/rounds/:id',
    summary: 'One round with its scheme forms.',
    tag: 'rounds',
    auth: 'public',
    disclosure: 'public',
    params: RoundParams,
    responses: { 200: { description: 'Round', schema: RoundView } },
    errors: ['ROUND_NOT_FOUND', 'SCHEME_UNKNOWN'],
    handler: async ({ deps, params }) => {
      const round = await getRoundOrThrow(deps, params.id!);
      const scheme = (await deps.schemes(round));
      if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
      return { body: { round, schemeName: scheme.name, forms: scheme.forms } };
    },
  }),
  route({
    method: 'get',
    path: '/org',
    summary: `The organisation tree (category → unit → section → window), a page at a time: \`?kind=\` one level, \`?limit=\` up to ${ORG_PAGE_MAX} nodes (default ${ORG_PAGE_DEFAULT}), \`?after=\` the previous page's \`next\` (opaque); or \`?ids=a,b\` (up to ${ORG_IDS_MAX}) for named nodes.`,
    tag: 'org',
    auth: 'public',
    disclosure: 'public',
    responses: { 200: { description: 'Nodes', schema: OrgPageResponse } },
    errors: ['VALIDATION_FAILED'],
    handler: async ({ deps, req }) => ({ body: await orgPage(deps, queryOf(OrgPageQuery, req.query)) }),
  }),
];
