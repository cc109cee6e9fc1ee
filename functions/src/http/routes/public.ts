import { z } from 'zod';
import { AppError } from '@shared/errors';
import { LandingResponse } from '@shared/api/tokens';
import { RoundListResponse, RoundView } from '@shared/api/rounds';
import { OrgTreeResponse } from '@shared/api/org';
import { RoundId } from '@shared/model/ids';
import { route } from '../route';
import { landing } from '../../domain/landing';
import { getRoundOrThrow } from '../../domain/rounds-admin';

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
    summary: 'What a window QR scene, sampling link or invitation token resolves to: the target(s), open rounds and forms.',
    tag: 'ballots',
    auth: 'public',
    disclosure: 'public',
    params: z.object({ token: z.string().min(1).max(200) }),
    responses: { 200: { description: 'Landing', schema: LandingResponse } },
    errors: ['TOKEN_INVALID', 'TOKEN_REVOKED', 'INVITATION_EXPIRED'],
    handler: async ({ deps, params }) => ({ body: await landing(deps, params.token!) }),
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
      const scheme = deps.schemes(round.schemeId);
      if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
      return { body: { round, schemeName: scheme.name, forms: scheme.forms } };
    },
  }),
  route({
    method: 'get',
    path: '/org',
    summary: 'The organisation tree (category → unit → section → window).',
    tag: 'org',
    auth: 'public',
    disclosure: 'public',
    responses: { 200: { description: 'Nodes', schema: OrgTreeResponse } },
    errors: [],
    handler: async ({ deps }) => ({ body: { nodes: await deps.store.org.listNodes() } }),
  }),
];
