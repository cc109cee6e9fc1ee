import type { z } from 'zod';
import { CreateProgrammeRequest, LinkTargetsRequest, ProgrammeListResponse, ProgrammeView } from '@shared/api/programmes';
import { Programme, TargetLink } from '@shared/model/programme';
import { Round } from '@shared/model/round';
import { apiRequest } from './http';

const enc = encodeURIComponent;

/** Programmes (评议项目), newest first. */
export function listProgrammes() {
  return apiRequest({ path: '/admin/programmes', auth: 'staff', schema: ProgrammeListResponse });
}

/** A programme with its rounds, links and whether its pinned scheme version is still current. */
export function getProgramme(id: string) {
  return apiRequest({ path: `/admin/programmes/${enc(id)}`, auth: 'staff', schema: ProgrammeView });
}

export function createProgramme(req: z.input<typeof CreateProgrammeRequest>) {
  return apiRequest({ method: 'POST', path: '/admin/programmes', body: req, auth: 'staff', schema: Programme });
}

export function linkTargets(programmeId: string, req: z.input<typeof LinkTargetsRequest>) {
  return apiRequest({ method: 'POST', path: `/admin/programmes/${enc(programmeId)}/links`, body: req, auth: 'staff', schema: TargetLink });
}

/** Cancels a draft, open or closed round; the reason is required and kept. */
export function cancelRound(roundId: string, reason: string) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(roundId)}/cancel`, body: { reason }, auth: 'staff', schema: Round });
}
