import { z } from 'zod';
import { CreateNodeRequest, CSV_HEADER, CSV_HEADER_ZH, ImportResponse } from '@shared/api/org';
import { CreateRoundRequest } from '@shared/api/rounds';
import { CreateInvitationsRequest, CreateInvitationsResponse, SamplingLinkResponse, WindowQrResponse } from '@shared/api/tokens';
import { OrgNode } from '@shared/model/org';
import { Round } from '@shared/model/round';
import { NodeId, RoundId } from '@shared/model/ids';
import { route } from '../route';
import { createNodes } from '../../domain/org-admin';
import { parseOrgCsv } from '../../domain/org-csv';
import { createRound, transitionRound } from '../../domain/rounds-admin';
import { createInvitations, issueSamplingLink, issueWindowQr, revokeSamplingLink, revokeWindowQr, windowCodePng } from '../../domain/links-admin';

const ADMINS = ['admin', 'supervisor'] as const;
const RoundParams = z.object({ id: RoundId });
const WindowParams = z.object({ id: NodeId });
const Ok = z.object({ ok: z.literal(true) });

const transition = (to: 'open' | 'closed', path: string, summary: string) =>
  route({
    method: 'post',
    path,
    summary,
    tag: 'rounds',
    auth: ADMINS,
    params: RoundParams,
    responses: { 200: { description: 'The round after the transition', schema: Round } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND', 'ROUND_STATE_CONFLICT'],
    handler: async ({ deps, params }) => ({ body: await transitionRound(deps, params.id!, to) }),
  });

export const adminRoutes = [
  route({
    method: 'post',
    path: '/admin/nodes',
    summary: 'Create one organisation node (category, unit, section or window).',
    tag: 'org',
    auth: ADMINS,
    body: CreateNodeRequest,
    responses: { 201: { description: 'Created', schema: OrgNode } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ALREADY_EXISTS', 'PARENT_INVALID'],
    handler: async ({ deps, body }) => ({ status: 201, body: (await createNodes(deps, [body]))[0] }),
  }),
  route({
    method: 'post',
    path: '/admin/nodes/import',
    summary: `Import nodes from CSV (header: ${CSV_HEADER_ZH.join(',')}, or ${CSV_HEADER.join(',')}; 类型 is 组别/单位/科室/窗口 or the kind id). All rows are checked first; any error imports nothing and lists each bad row.`,
    tag: 'org',
    auth: ADMINS,
    bodyType: 'text/csv',
    responses: { 201: { description: 'Imported', schema: ImportResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'CSV_INVALID', 'UNSUPPORTED_MEDIA_TYPE', 'BODY_TOO_LARGE'],
    handler: async ({ deps, body }) => {
      const requests = parseOrgCsv(String(body ?? ''));
      const nodes = await createNodes(deps, requests.map((r) => r.request), (i) => requests[i]!.line);
      return { status: 201, body: { created: nodes.length, nodes } };
    },
  }),
  route({
    method: 'post',
    path: '/admin/rounds',
    summary: 'Create a round (draft) in a programme (its scheme must be the programme\'s); without programmeId the round gets a programme of its own (round-<id>).',
    tag: 'rounds',
    auth: ADMINS,
    body: CreateRoundRequest,
    responses: { 201: { description: 'Created', schema: Round } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'SCHEME_UNKNOWN', 'CHANNEL_NOT_ALLOWED', 'TARGET_NOT_FOUND', 'ALREADY_EXISTS', 'PROGRAMME_NOT_FOUND', 'PROGRAMME_SCHEME_MISMATCH', 'PROGRAMME_TARGETS_MISMATCH', 'SCHEME_VERSION_CHANGED'],
    handler: async ({ deps, session, body }) => ({ status: 201, body: await createRound(deps, body, session!.sub) }),
  }),
  transition('open', '/admin/rounds/:id/open', 'Open a draft round.'),
  transition('closed', '/admin/rounds/:id/close', 'Close an open round: no ballot is accepted afterwards (retries still get their receipts).'),
  route({
    method: 'post',
    path: '/admin/windows/:id/qr',
    summary: "Issue or rotate a window's QR token (rotating invalidates earlier posters).",
    tag: 'tokens',
    auth: ADMINS,
    params: WindowParams,
    responses: { 200: { description: 'The QR scene and H5 link', schema: WindowQrResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'TARGET_NOT_FOUND'],
    handler: async ({ deps, params }) => ({ body: await issueWindowQr(deps, params.id!) }),
  }),
  route({
    method: 'get',
    path: '/admin/windows/:id/code.png',
    summary: "The window's poster code as PNG: a WeChat mini-program code (wxacode.getUnlimited, scene = the token) when WeChat credentials are set, else a QR of the H5 link.",
    tag: 'tokens',
    auth: ADMINS,
    params: WindowParams,
    responses: { 200: { description: 'PNG image' } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
    handler: async ({ deps, params }) => ({ body: await windowCodePng(deps, params.id!), contentType: 'image/png' }),
  }),
  route({
    method: 'delete',
    path: '/admin/windows/:id/qr',
    summary: "Revoke a window's QR token.",
    tag: 'tokens',
    auth: ADMINS,
    params: WindowParams,
    responses: { 200: { description: 'Revoked', schema: Ok } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
    handler: async ({ deps, params }) => (await revokeWindowQr(deps, params.id!), { body: { ok: true } }),
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/sampling-link',
    summary: "Issue or rotate the round's published sampling link.",
    tag: 'tokens',
    auth: ADMINS,
    params: RoundParams,
    responses: { 200: { description: 'Link', schema: SamplingLinkResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND', 'CHANNEL_NOT_ALLOWED'],
    handler: async ({ deps, params }) => ({ body: await issueSamplingLink(deps, params.id!) }),
  }),
  route({
    method: 'delete',
    path: '/admin/rounds/:id/sampling-link',
    summary: "Revoke the round's sampling link.",
    tag: 'tokens',
    auth: ADMINS,
    params: RoundParams,
    responses: { 200: { description: 'Revoked', schema: Ok } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND'],
    handler: async ({ deps, params }) => (await revokeSamplingLink(deps, params.id!), { body: { ok: true } }),
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/invitations',
    summary: 'Create single-use, expiring invitations for directed panel members.',
    tag: 'tokens',
    auth: ADMINS,
    params: RoundParams,
    body: CreateInvitationsRequest,
    responses: { 201: { description: 'Invitations with tokens and links', schema: CreateInvitationsResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ROUND_NOT_FOUND', 'CHANNEL_NOT_ALLOWED', 'TARGET_NOT_IN_ROUND'],
    handler: async ({ deps, params, body }) => ({ status: 201, body: { invitations: await createInvitations(deps, params.id!, body) } }),
  }),
  route({
    method: 'delete',
    path: '/admin/invitations/:id',
    summary: 'Revoke an invitation.',
    tag: 'tokens',
    auth: ADMINS,
    params: z.object({ id: z.string().regex(/^[A-Za-z0-9]{1,24}$/) }),
    responses: { 200: { description: 'Revoked', schema: Ok } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'INVITATION_NOT_FOUND'],
    handler: async ({ deps, params }) => (await deps.store.invitations.revokeInvitation(params.id!), { body: { ok: true } }),
  }),
];

