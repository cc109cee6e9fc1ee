import { z } from 'zod';
import {
  CreateHearingRequest,
  Hearing,
  InviteDrawnResponse,
  PhoneImportResponse,
  ReminderResponse,
  RepresentativeImportResponse,
  RepresentativeListResponse,
  ReturnRateResponse,
  SubmitSheetRequest,
  SubmitSheetResponse,
} from '@shared/api/panels';
import { apiRequest } from './http';

/** The representative library, invitations of a draw's members, hearings and sheets. */
const enc = encodeURIComponent;

export function importRepresentatives(csv: string) {
  return apiRequest({ method: 'POST', path: '/admin/representatives/import', text: { body: csv, contentType: 'text/csv' }, auth: 'staff', schema: RepresentativeImportResponse });
}

export function listRepresentatives() {
  return apiRequest({ path: '/admin/representatives', auth: 'staff', schema: RepresentativeListResponse });
}

export function inviteDrawn(drawId: string, req: { expiresAt: string; targetIds?: string[] }) {
  return apiRequest({ method: 'POST', path: `/admin/draws/${enc(drawId)}/invitations`, body: req, auth: 'staff', schema: InviteDrawnResponse });
}

export function remindMembers(roundId: string, withinHours: number) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(roundId)}/reminders`, body: { withinHours }, auth: 'staff', schema: ReminderResponse });
}

export function returnRate(roundId: string, channel: 'directed' | 'hearing') {
  return apiRequest({ path: `/rounds/${enc(roundId)}/return-rate?channel=${channel}`, auth: 'staff', schema: ReturnRateResponse });
}

export function createHearing(roundId: string, req: CreateHearingRequest) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(roundId)}/hearings`, body: req, auth: 'staff', schema: Hearing });
}

export function importPhoneSurvey(roundId: string, csv: string) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(roundId)}/phone-survey`, text: { body: csv, contentType: 'text/csv' }, auth: 'staff', schema: PhoneImportResponse });
}

export function submitSheet(req: z.input<typeof SubmitSheetRequest>) {
  return apiRequest({ method: 'POST', path: '/sheets', body: req, auth: 'staff', schema: SubmitSheetResponse });
}
