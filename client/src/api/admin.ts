import { z } from 'zod';
import { CreateRoundRequest } from '@shared/api/rounds';
import { ImportResponse } from '@shared/api/org';
import { CreateInvitationsResponse, SamplingLinkResponse, WindowQrResponse } from '@shared/api/tokens';
import type { CreateInvitationsRequest } from '@shared/api/tokens';
import { Round } from '@shared/model/round';
import { apiImage, apiRequest } from './http';

const enc = encodeURIComponent;
const RoundResponse = z.union([z.object({ round: Round }).transform((r) => r.round), Round]);

export function createRound(req: z.input<typeof CreateRoundRequest>) {
  return apiRequest({ method: 'POST', path: '/admin/rounds', body: req, auth: 'staff', schema: RoundResponse });
}

export function openRound(id: string) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(id)}/open`, auth: 'staff', schema: RoundResponse });
}

export function closeRound(id: string) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(id)}/close`, auth: 'staff', schema: RoundResponse });
}

/** CSV with header `kind,id,name,parentId,formKey`; all-or-nothing on the server. */
export function importNodes(csv: string) {
  return apiRequest({ method: 'POST', path: '/admin/nodes/import', text: { body: csv, contentType: 'text/csv' }, auth: 'staff', schema: ImportResponse });
}

/** Issues (or rotates, bumping the version) a window's QR token. */
export function issueWindowQr(windowId: string) {
  return apiRequest({ method: 'POST', path: `/admin/windows/${enc(windowId)}/qr`, auth: 'staff', schema: WindowQrResponse });
}

export function revokeWindowQr(windowId: string) {
  return apiRequest({ method: 'DELETE', path: `/admin/windows/${enc(windowId)}/qr`, auth: 'staff', schema: z.unknown() });
}

export function createSamplingLink(roundId: string) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(roundId)}/sampling-link`, auth: 'staff', schema: SamplingLinkResponse });
}

export function createInvitations(roundId: string, req: CreateInvitationsRequest) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(roundId)}/invitations`, body: req, auth: 'staff', schema: CreateInvitationsResponse });
}

/** The window's poster code as the server renders it (a WeChat mini-program code when configured). */
export function windowCodeImage(windowId: string) {
  return apiImage(`/admin/windows/${enc(windowId)}/code.png`);
}
