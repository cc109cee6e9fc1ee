import { LandingResponse } from '@shared/api/tokens';
import { SubmitBallotRequest, SubmitBallotResponse } from '@shared/api/ballots';
import { BallotInclusionResponse } from '@shared/api/proofs';
import { z } from 'zod';
import { apiRequest } from './http';

/**
 * What a window QR scene, a sampling link token or an invitation token resolves to. A link that
 * covers many targets answers a page of them (`after`: the round's `next`); `targetId` asks for
 * that one target only (the ballot page).
 */
export function getLanding(token: string, q: { after?: string; targetId?: string } = {}): Promise<LandingResponse> {
  const params = [q.after && `after=${encodeURIComponent(q.after)}`, q.targetId && `targetId=${encodeURIComponent(q.targetId)}`].filter(Boolean);
  return apiRequest({ path: `/landing/${encodeURIComponent(token)}${params.length ? `?${params.join('&')}` : ''}`, schema: LandingResponse });
}

/** Posts one ballot; the same clientBallotId may be posted again and returns the same receipt. */
export function postBallot(request: SubmitBallotRequest): Promise<SubmitBallotResponse> {
  return apiRequest({ method: 'POST', path: '/ballots', body: request, schema: SubmitBallotResponse });
}

/** Where a receipt's digest sits in the round's published ballot tree (public, no session). */
export function getInclusion(roundId: string, digest: string): Promise<BallotInclusionResponse> {
  return apiRequest({ path: `/public/rounds/${encodeURIComponent(roundId)}/proof/${digest}`, auth: 'none', schema: BallotInclusionResponse });
}

/**
 * An invitation letter's short code (邀请码, 16 letters and digits in groups of four): the
 * invitation's token, for a member without WeChat who types it on the home page.
 */
export function invitationByCode(code: string): Promise<{ token: string; url: string }> {
  return apiRequest({ path: `/invitations/code/${encodeURIComponent(code)}`, auth: 'none', schema: z.object({ token: z.string(), url: z.string() }) });
}

/** A typed code that is a letter's 邀请码 rather than a window's 评价码 (tokens always hold dots). */
export const isInvitationCode = (code: string) => /^[0-9A-Za-z]{16}$/.test(code.replace(/[\s-]/g, ''));
