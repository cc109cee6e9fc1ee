import { z } from 'zod';
import { REPRESENTATIVE_CSV_HEADER, REPRESENTATIVE_CSV_HEADER_ZH } from '@shared/model/representative';
import { RoundId } from '@shared/model/ids';
import { DrawRecord } from '@shared/draw';
import {
  CreateDrawRequest, DrawId, DrawLogResponse, DrawSummary, InviteDrawnRequest, InviteDrawnResponse, RepresentativeImportResponse, RepresentativeListResponse,
  ReminderRequest, ReminderResponse, ReturnRateResponse, RevealDrawRequest,
} from '@shared/api/panels';
import { AppError } from '@shared/errors';
import { route } from '../route';
import { importRepresentatives } from '../../domain/representatives';
import { createDraw, getDrawOrThrow, revealDraw, summary } from '../../domain/draws';
import { inviteDrawn, returnRate, sendReminders } from '../../domain/panel-invitations';
import { getRoundOrThrow } from '../../domain/rounds-admin';
import { invitationToken } from '../../domain/tokens';
import { returnRateFor } from '../../domain/disclosure/staff-views';

const SUPERVISORS = ['supervisor', 'admin'] as const;
const RoundParams = z.object({ id: RoundId });
const DrawParams = z.object({ id: DrawId });

export const panelRoutes = [
  route({
    method: 'post',
    path: '/admin/representatives/import',
    summary: `Import the 评议代表库 from CSV (header: ${REPRESENTATIVE_CSV_HEADER_ZH.join(',')}, or ${REPRESENTATIVE_CSV_HEADER.join(',')}; a category is its id or Chinese name). All rows are checked first; any error imports nothing and lists each bad row. Known ids are replaced.`,
    tag: 'panels',
    auth: SUPERVISORS,
    bodyType: 'text/csv',
    responses: { 201: { description: 'Imported', schema: RepresentativeImportResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'CSV_INVALID', 'UNSUPPORTED_MEDIA_TYPE', 'BODY_TOO_LARGE'],
    handler: async ({ deps, body }) => ({ status: 201, body: await importRepresentatives(deps, String(body ?? '')) }),
  }),
  route({
    method: 'get',
    path: '/admin/representatives',
    summary: 'The representative library (names: every read is in the office audit log).',
    tag: 'panels',
    auth: SUPERVISORS,
    audit: 'read',
    responses: { 200: { description: 'Library', schema: RepresentativeListResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'STORE_UNAVAILABLE'],
    handler: async ({ deps }) => {
      const representatives = await deps.store.representatives.listRepresentatives();
      return { body: { representatives }, audit: { representatives: representatives.length } };
    },
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/draws',
    summary: 'Draw step 1 (commit): fix the pool after exclusions, the quotas (largest remainder) and the parties’ commitments; logged and public from now on. A stratum too small fails here and stores nothing.',
    tag: 'panels',
    auth: SUPERVISORS,
    params: RoundParams,
    body: CreateDrawRequest,
    responses: { 201: { description: 'Committed draw', schema: DrawSummary } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ROUND_NOT_FOUND', 'STRATUM_TOO_SMALL', 'ALREADY_EXISTS'],
    handler: async ({ deps, params, body, session }) => ({ status: 201, body: await createDraw(deps, params.id!, body, session!.sub) }),
  }),
  route({
    method: 'post',
    path: '/admin/draws/:id/reveal',
    summary: 'Draw step 2 (reveal): every party’s value must match its commitment; the seed is sha256 of the values and the draw runs once.',
    tag: 'panels',
    auth: SUPERVISORS,
    params: DrawParams,
    body: RevealDrawRequest,
    responses: { 200: { description: 'Drawn (or failed with a shortfall, also logged)', schema: DrawSummary } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'DRAW_NOT_FOUND', 'DRAW_STATE_CONFLICT', 'REVEAL_MISMATCH'],
    handler: async ({ deps, params, body, session }) => ({ body: await revealDraw(deps, params.id!, body, session!.sub) }),
  }),
  route({
    method: 'get',
    path: '/draws/:id',
    summary: 'A draw as published: quotas, pool hash and size, commitments, seed and selection (representative codes, no names).',
    tag: 'panels',
    auth: 'public',
    disclosure: 'public',
    params: DrawParams,
    responses: { 200: { description: 'Draw', schema: DrawSummary } },
    errors: ['DRAW_NOT_FOUND'],
    handler: async ({ deps, params }) => ({ body: summary(await getDrawOrThrow(deps, params.id!)) }),
  }),
  route({
    method: 'get',
    path: '/draws/:id/record',
    summary: 'The full draw record with its pool: save it and run `npm run verify-draw -- <file>` to re-run the draw bit for bit.',
    tag: 'panels',
    auth: 'public',
    disclosure: 'public',
    params: DrawParams,
    responses: { 200: { description: 'Record', schema: DrawRecord } },
    errors: ['DRAW_NOT_FOUND'],
    handler: async ({ deps, params }) => {
      const record = await deps.store.draws.getDrawRecord(params.id!);
      if (!record) throw new AppError('DRAW_NOT_FOUND', { drawId: params.id });
      return { body: record };
    },
  }),
  route({
    method: 'get',
    path: '/rounds/:id/draw-log',
    summary: 'Every draw event of a round (committed, drawn, failed, invited), oldest first: a redraw is always visible.',
    tag: 'panels',
    auth: 'public',
    disclosure: 'public',
    params: RoundParams,
    responses: { 200: { description: 'Log', schema: DrawLogResponse } },
    errors: ['ROUND_NOT_FOUND'],
    handler: async ({ deps, params }) => {
      await getRoundOrThrow(deps, params.id!);
      return { body: { roundId: params.id!, entries: await deps.store.draws.drawLog(params.id!) } };
    },
  }),
  route({
    method: 'post',
    path: '/admin/draws/:id/invitations',
    summary: 'Invite the drawn members (directed channel): single-use, expiring invitations, each pushed as a subscription message. Once per draw.',
    tag: 'panels',
    auth: SUPERVISORS,
    params: DrawParams,
    body: InviteDrawnRequest,
    responses: { 201: { description: 'Invited', schema: InviteDrawnResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'DRAW_NOT_FOUND', 'DRAW_STATE_CONFLICT', 'CHANNEL_NOT_ALLOWED', 'TARGET_NOT_IN_ROUND'],
    handler: async ({ deps, params, body, session }) => ({ status: 201, body: await inviteDrawn(deps, params.id!, body, session!.sub) }),
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/reminders',
    summary: 'Remind members whose invitation ends within the given hours and who have targets left to rate; at most one reminder per invitation.',
    tag: 'panels',
    auth: SUPERVISORS,
    params: RoundParams,
    body: ReminderRequest,
    responses: { 200: { description: 'Reminders sent', schema: ReminderResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ROUND_NOT_FOUND'],
    handler: async ({ deps, params, body }) => ({ body: await sendReminders(deps, params.id!, body.withinHours, (id) => invitationToken(deps.secrets.tokenKey, id)) }),
  }),
  route({
    method: 'get',
    path: '/rounds/:id/return-rate',
    summary: "回收率 of the directed panel (or `?channel=hearing`): answered ÷ invited per target and for the round. Staff see only their own unit's targets; while the round is open their counts move in steps of k.",
    tag: 'panels',
    auth: ['staff', 'supervisor', 'admin'],
    disclosure: 'staff-scoped',
    params: RoundParams,
    responses: { 200: { description: 'Return rate', schema: ReturnRateResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND', 'VALIDATION_FAILED'],
    handler: async ({ deps, session, params, req }) => {
      const channel = req.query.channel ?? 'directed';
      if (channel !== 'directed' && channel !== 'hearing') throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'channel', message: 'directed or hearing' }] });
      return { body: await returnRateFor(deps, session!, params.id!, await returnRate(deps, params.id!, channel)) };
    },
  }),
];
