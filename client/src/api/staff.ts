import { z } from 'zod';
import { RoundListResponse, RoundView } from '@shared/api/rounds';
import { OrgTreeResponse } from '@shared/api/org';
import { TalliesResponse } from '@shared/api/results';
import { SessionResponse } from '@shared/api/auth';
import type { DevLoginRequest } from '@shared/api/auth';
import { apiRequest, postJsonNoAuth } from './http';
import { saveSession } from './session';
import { ApiError } from './errors';

/** Dev login for staff, supervisors and admins (the local identity provider). */
export async function loginStaff(req: { name: string; role: DevLoginRequest['role']; unitId?: string }): Promise<SessionResponse> {
  const session = SessionResponse.parse(await postJsonNoAuth('/auth/dev', req));
  saveSession('staff', { ...session, name: req.name });
  return session;
}

export function listRounds(): Promise<RoundListResponse> {
  return apiRequest({ path: '/rounds', auth: 'staff', schema: RoundListResponse });
}

export function getRound(id: string): Promise<RoundView> {
  return apiRequest({ path: `/rounds/${encodeURIComponent(id)}`, auth: 'staff', schema: RoundView });
}

export function getOrg(): Promise<OrgTreeResponse> {
  return apiRequest({ path: '/org', auth: 'staff', schema: OrgTreeResponse });
}

export function getTallies(roundId: string): Promise<TalliesResponse> {
  return apiRequest({ path: `/rounds/${encodeURIComponent(roundId)}/tallies`, auth: 'staff', schema: TalliesResponse });
}

/**
 * One target's result from the scheme engine. The results endpoint is still being written,
 * so this schema is deliberately loose (passthrough) and only names what the pages read.
 */
export const TargetResult = z
  .object({
    targetId: z.string(),
    targetName: z.string().optional(),
    categoryId: z.string().optional(),
    score: z.number().nullable().optional(),
    grade: z.string().nullable().optional(),
    rank: z.number().nullable().optional(),
    groupSize: z.number().optional(),
    ballots: z.number().optional(),
    interval: z.tuple([z.number(), z.number()]).nullable().optional(),
    flags: z.array(z.string()).optional(),
  })
  .passthrough();
export type TargetResult = z.infer<typeof TargetResult>;
const ResultsResponse = z.object({ targets: z.array(TargetResult) }).passthrough();
export type ResultsResponse = z.infer<typeof ResultsResponse>;

/** Scheme-engine results, or null while the endpoint does not exist on this server yet. */
export async function getResults(roundId: string): Promise<ResultsResponse | null> {
  try {
    return await apiRequest({ path: `/rounds/${encodeURIComponent(roundId)}/results`, auth: 'staff', schema: ResultsResponse });
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.code === 'INTERNAL')) return null;
    throw e;
  }
}
