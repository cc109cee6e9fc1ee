import { z } from 'zod';
import { RoundId } from '@shared/model/ids';
import { CreateHearingRequest, DrawId, Hearing, HearingList, HearingTally, PhoneImportResponse, SubmitSheetRequest, SubmitSheetResponse } from '@shared/api/panels';
import { route } from '../route';
import { createHearing, hearingTally, listHearings } from '../../domain/hearings';
import { submitSheet } from '../../domain/ballots/sheets';
import { importPhoneSurvey } from '../../domain/ballots/phone-survey';

const SUPERVISORS = ['supervisor', 'admin'] as const;
const RoundParams = z.object({ id: RoundId });

/** Hearings, monitor-point and inspection sheets, telephone surveys: the channels besides ballots. */
export const hearingRoutes = [
  route({
    method: 'post',
    path: '/admin/rounds/:id/hearings',
    summary: 'Create a hearing (听证评议) for a group of units with the representatives a draw selected; each gets a hearing invitation by subscription message.',
    tag: 'hearings',
    auth: SUPERVISORS,
    params: RoundParams,
    body: CreateHearingRequest,
    responses: { 201: { description: 'Hearing', schema: Hearing } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ROUND_NOT_FOUND', 'CHANNEL_NOT_ALLOWED', 'DRAW_NOT_FOUND', 'DRAW_STATE_CONFLICT', 'TARGET_NOT_IN_ROUND', 'TARGET_IN_OTHER_HEARING', 'ALREADY_EXISTS'],
    handler: async ({ deps, params, body, session }) => ({ status: 201, body: await createHearing(deps, params.id!, body, session!.sub) }),
  }),
  route({
    method: 'get',
    path: '/admin/rounds/:id/hearings',
    summary: 'The round’s hearings, for the chair to open the live tally of one.',
    tag: 'hearings',
    auth: SUPERVISORS,
    params: RoundParams,
    responses: { 200: { description: 'Hearings', schema: HearingList } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND'],
    handler: async ({ deps, params }) => ({ body: { hearings: await listHearings(deps, params.id!) } }),
  }),
  route({
    method: 'get',
    path: '/rounds/:id/hearings/:hearingId/tally',
    summary: 'The chair’s live tally: sheets in per unit, counts per item and option, and the scheme’s hearing score so far.',
    tag: 'hearings',
    auth: SUPERVISORS,
    params: z.object({ id: RoundId, hearingId: DrawId }),
    responses: { 200: { description: 'Live tally', schema: HearingTally } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND', 'HEARING_NOT_FOUND'],
    handler: async ({ deps, params }) => ({ body: await hearingTally(deps, params.id!, params.hearingId!) }),
  }),
  route({
    method: 'post',
    path: '/sheets',
    summary: 'File a monitor-point sheet (instant 即时监测表 / monthly 综合测评表; role monitor) or an inspection record (明察暗访, with notes and evidence; role inspector). 201 with a receipt; a retry gets the same receipt (200).',
    tag: 'sheets',
    auth: ['monitor', 'inspector'],
    disclosure: 'citizen-own',
    body: SubmitSheetRequest,
    responses: { 201: { description: 'Accepted', schema: SubmitSheetResponse }, 200: { description: 'Retry: the first receipt', schema: SubmitSheetResponse } },
    errors: [
      'UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'MALFORMED_JSON', 'SHEET_KIND_NOT_ALLOWED', 'ROUND_NOT_FOUND', 'ROUND_NOT_OPEN', 'ROUND_CLOSED', 'ROUND_CANCELLED', 'CHANNEL_NOT_ALLOWED',
      'TARGET_NOT_FOUND', 'TARGET_NOT_IN_ROUND', 'ANSWERS_INVALID', 'DUPLICATE_BALLOT', 'IDEMPOTENCY_CONFLICT', 'STORE_UNAVAILABLE',
    ],
    handler: async ({ deps, session, body }) => {
      const result = await submitSheet(deps, session!, body);
      return { status: result.replayed ? 200 : 201, body: result };
    },
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/phone-survey',
    summary: 'Import a telephone survey (电话测评) CSV: callId,targetId,<form items…>. Checked in full first; re-importing the same file counts nothing twice.',
    tag: 'sheets',
    auth: SUPERVISORS,
    params: RoundParams,
    bodyType: 'text/csv',
    responses: { 201: { description: 'Imported', schema: PhoneImportResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'CSV_INVALID', 'UNSUPPORTED_MEDIA_TYPE', 'BODY_TOO_LARGE', 'ROUND_NOT_FOUND', 'ROUND_NOT_OPEN', 'ROUND_CLOSED', 'ROUND_CANCELLED', 'CHANNEL_NOT_ALLOWED', 'SCHEME_UNKNOWN', 'STORE_UNAVAILABLE'],
    handler: async ({ deps, params, body }) => ({ status: 201, body: await importPhoneSurvey(deps, params.id!, String(body ?? '')) }),
  }),
];
