import Taro from '@tarojs/taro';
import { z } from 'zod';
import { ChannelKind } from '@shared/model/channel';
import { RoundResult } from '@shared/scoring/result';
import { RoundListResponse, RoundView } from '@shared/api/rounds';
import { ORG_IDS_MAX, ORG_PAGE_MAX, OrgPageResponse } from '@shared/api/org';
import type { NodeKind, OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import { TalliesResponse } from '@shared/api/results';
import { SessionResponse } from '@shared/api/auth';
import type { DevLoginRequest } from '@shared/api/auth';
import { apiRequest, postJsonNoAuth } from './http';
import { saveSession } from './session';
import { ApiError } from './errors';

/** WeChat office login: the account this WeChat identity was bound to (NOT_BOUND until then). */
export async function loginOfficeWechat(): Promise<SessionResponse> {
  const { code } = await Taro.login();
  const session = SessionResponse.parse(await postJsonNoAuth('/auth/wechat/office', { code }));
  saveSession('staff', { ...session });
  return session;
}

/** First use in WeChat: bind this WeChat identity with the one-time code from the admin. */
export async function bindOfficeWechat(bindCode: string): Promise<SessionResponse> {
  const { code } = await Taro.login();
  const session = SessionResponse.parse(await postJsonNoAuth('/auth/wechat/bind', { code, bindCode }));
  saveSession('staff', { ...session });
  return session;
}

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

/** One page of the organisation tree (one level, or all), continued with the previous page's `next`. */
export function getOrgPage(q: { kind?: NodeKind; after?: string; limit?: number } = {}): Promise<OrgPageResponse> {
  const params = [q.kind && `kind=${q.kind}`, q.limit && `limit=${q.limit}`, q.after && `after=${encodeURIComponent(q.after)}`].filter(Boolean);
  return apiRequest({ path: `/org${params.length ? `?${params.join('&')}` : ''}`, auth: 'staff', schema: OrgPageResponse });
}

/** The named nodes (those that exist), in batches of the API's limit. */
export async function getNodes(ids: readonly string[]): Promise<OrgNode[]> {
  const unique = [...new Set(ids)];
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += ORG_IDS_MAX) batches.push(unique.slice(i, i + ORG_IDS_MAX));
  const pages = await Promise.all(batches.map((b) => apiRequest({ path: `/org?ids=${b.map(encodeURIComponent).join(',')}`, auth: 'staff', schema: OrgPageResponse })));
  return pages.flatMap((p) => p.nodes);
}

/** Every node of one level, page after page (a round's targets: hundreds, not the whole tree). */
export async function getNodesOfKind(kind: NodeKind): Promise<OrgNode[]> {
  const out: OrgNode[] = [];
  let after: string | undefined;
  do {
    const page = await getOrgPage({ kind, limit: ORG_PAGE_MAX, ...(after ? { after } : {}) });
    out.push(...page.nodes);
    after = page.next;
  } while (after);
  return out;
}

/** A round's targets: its named list, or every node of its level. */
export function getRoundTargets(round: Pick<Round, 'targetKind' | 'targetIds'>): Promise<OrgNode[]> {
  return round.targetIds ? getNodes(round.targetIds) : getNodesOfKind(round.targetKind);
}

export function getTallies(roundId: string): Promise<TalliesResponse> {
  return apiRequest({ path: `/rounds/${encodeURIComponent(roundId)}/tallies`, auth: 'staff', schema: TalliesResponse });
}

export type { TargetResult, RoundResult } from '@shared/scoring/result';

/** Scheme-engine results, or null when the round's scheme does not score (then pages show tallies). */
export async function getResults(roundId: string): Promise<RoundResult | null> {
  try {
    return await apiRequest({ path: `/rounds/${encodeURIComponent(roundId)}/results`, auth: 'staff', schema: RoundResult });
  } catch (e) {
    // A round on a scheme without scoring rules (or an older server) has tallies but no results.
    if (e instanceof ApiError && (e.status === 404 || e.code === 'SCHEME_UNKNOWN' || e.code === 'SCORING_INPUT_INVALID')) return null;
    throw e;
  }
}

export const StaffComments = z.object({ comments: z.array(z.object({ day: z.string(), channel: ChannelKind, windowId: z.string().optional(), text: z.string() })) });
export type StaffComment = z.infer<typeof StaffComments>['comments'][number];

/** A target's scrubbed comments (staff: own unit only). */
export function getComments(roundId: string, targetId: string): Promise<z.infer<typeof StaffComments>> {
  return apiRequest({ path: `/rounds/${encodeURIComponent(roundId)}/targets/${encodeURIComponent(targetId)}/comments`, auth: 'staff', schema: StaffComments });
}
