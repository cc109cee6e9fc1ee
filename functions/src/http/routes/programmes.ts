import { z } from 'zod';
import { CancelRoundRequest, CreateProgrammeRequest, LinkTargetsRequest, ProgrammeListResponse, ProgrammeView } from '@shared/api/programmes';
import { Programme, ProgrammeId, TargetLink } from '@shared/model/programme';
import { Round } from '@shared/model/round';
import { RoundId } from '@shared/model/ids';
import { route } from '../route';
import { createProgramme, linkTargets, listProgrammes, programmeView } from '../../domain/programmes/programmes';
import { cancelRound } from '../../domain/programmes/cancel-round';

const ADMINS = ['admin', 'supervisor'] as const;
const ProgrammeParams = z.object({ id: ProgrammeId });
const RoundParams = z.object({ id: RoundId });

/** Programmes (评议项目): the rounds of one recurring evaluation, whose published results are each other's history. */
export const programmeRoutes = [
  route({
    method: 'post',
    path: '/admin/programmes',
    summary: 'Create a programme (评议项目): scheme (its version is pinned), cadence, programme year, target set.',
    tag: 'programmes',
    auth: ADMINS,
    body: CreateProgrammeRequest,
    responses: { 201: { description: 'Created', schema: Programme } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'SCHEME_UNKNOWN', 'TARGET_NOT_FOUND', 'ALREADY_EXISTS'],
    handler: async ({ deps, session, body }) => ({ status: 201, body: await createProgramme(deps, session!.sub, body) }),
  }),
  route({
    method: 'get',
    path: '/admin/programmes',
    summary: 'Every programme, newest first, with its scheme name and round count.',
    tag: 'programmes',
    auth: ADMINS,
    responses: { 200: { description: 'Programmes', schema: ProgrammeListResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
    handler: async ({ deps }) => ({ body: await listProgrammes(deps) }),
  }),
  route({
    method: 'get',
    path: '/admin/programmes/:id',
    summary: 'A programme with its rounds (period and status, oldest first), its target links and whether its pinned scheme version is still current.',
    tag: 'programmes',
    auth: ADMINS,
    params: ProgrammeParams,
    responses: { 200: { description: 'The programme', schema: ProgrammeView } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'PROGRAMME_NOT_FOUND'],
    handler: async ({ deps, params }) => ({ body: await programmeView(deps, ProgrammeParams.parse(params).id) }),
  }),
  route({
    method: 'post',
    path: '/admin/programmes/:id/links',
    summary: 'Link targets that were renamed, merged or split, so their history follows them (append-only, in the office audit log).',
    tag: 'programmes',
    auth: ADMINS,
    params: ProgrammeParams,
    body: LinkTargetsRequest,
    responses: { 201: { description: 'The link as stored', schema: TargetLink } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'PROGRAMME_NOT_FOUND', 'TARGET_LINK_INVALID', 'TARGET_NOT_FOUND'],
    handler: async ({ deps, session, params, body }) => {
      const link = await linkTargets(deps, session!.sub, ProgrammeParams.parse(params).id, body);
      return { status: 201, body: link, audit: { linkId: link.linkId, kind: link.kind, from: link.from, to: link.to } };
    },
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/cancel',
    summary: 'Cancel an abandoned round (draft, open or closed; never a published one) with a reason: it takes no ballots and never counts in any history.',
    tag: 'rounds',
    auth: ADMINS,
    params: RoundParams,
    body: CancelRoundRequest,
    responses: { 200: { description: 'The cancelled round', schema: Round } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ROUND_NOT_FOUND', 'ROUND_STATE_CONFLICT'],
    handler: async ({ deps, params, body }) => {
      const id = RoundParams.parse(params).id;
      const before = await deps.store.rounds.getRound(id);
      const round = await cancelRound(deps, id, body.reason);
      return { body: round, audit: { from: before?.status, reason: body.reason, programmeId: round.programmeId } };
    },
  }),
];
