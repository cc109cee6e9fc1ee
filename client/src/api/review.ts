import { AuditLogResponse, MisconductRecord, PublicationSummary, ReviewBallotsResponse, VoidedBallot } from '@shared/api/publication';
import { z } from 'zod';
import { RoundFlagsResponse } from '@shared/api/flags';
import { HearingList, HearingTally } from '@shared/api/panels';
import { apiRequest } from './http';

/**
 * The supervising office's review between close and publication: read the round's ballots
 * (never who cast them), void one with a reason, record verified misconduct, publish or correct.
 * Every action here lands in the round's audit log on the server.
 */
const enc = encodeURIComponent;
const roundPath = (id: string) => `/admin/rounds/${enc(id)}`;

export function reviewBallots(roundId: string) {
  return apiRequest({ path: `${roundPath(roundId)}/ballots`, auth: 'staff', schema: ReviewBallotsResponse });
}

/** `ballotRef` is the ballot id or the receipt id the citizen holds. */
export function voidBallot(roundId: string, ballotRef: string, reason: string) {
  return apiRequest({ method: 'POST', path: `${roundPath(roundId)}/ballots/${enc(ballotRef)}/void`, body: { reason }, auth: 'staff', schema: VoidedBallot });
}

export function recordMisconduct(roundId: string, req: { targetId: string; reason: string; reference?: string }) {
  return apiRequest({ method: 'POST', path: `${roundPath(roundId)}/misconduct`, body: req, auth: 'staff', schema: MisconductRecord });
}

/** Version 1 needs no reason; a correction of a published round does. */
export function publishRound(roundId: string, reason?: string) {
  return apiRequest({ method: 'POST', path: `${roundPath(roundId)}/publish`, body: reason ? { reason } : {}, auth: 'staff', schema: PublicationSummary });
}

export function roundAudit(roundId: string) {
  return apiRequest({ path: `${roundPath(roundId)}/audit`, auth: 'staff', schema: AuditLogResponse });
}

/** The hearing chair's live tally: sheets in per unit, counts per item and option, the score so far. */
export function hearingTally(roundId: string, hearingId: string) {
  return apiRequest({ path: `/rounds/${enc(roundId)}/hearings/${enc(hearingId)}/tally`, auth: 'staff', schema: HearingTally });
}

export function listHearings(roundId: string) {
  return apiRequest({ path: `/admin/rounds/${enc(roundId)}/hearings`, auth: 'staff', schema: HearingList });
}

/** Stuffing flags of the round (bursts, one person at many windows, identical comments), with their decisions. */
export function roundFlags(roundId: string) {
  return apiRequest({ path: `${roundPath(roundId)}/flags`, auth: 'staff', schema: RoundFlagsResponse });
}

/** `exclude` voids each flagged ballot with the reason; `keep` leaves them counted. Both are audited. */
export function decideFlag(roundId: string, flagId: string, req: { decision: 'exclude' | 'keep'; reason: string }) {
  return apiRequest({ method: 'POST', path: `${roundPath(roundId)}/flags/${enc(flagId)}/decision`, body: req, auth: 'staff', schema: z.unknown() });
}
