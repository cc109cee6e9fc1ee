import { AppError } from '@shared/errors';
import type { CreateInvitationsRequest, Invitation, SamplingLinkResponse, WindowQrResponse } from '@shared/api/tokens';
import type { StoredInvitation } from '../ports';
import type { Deps } from './deps';
import { invitationToken, samplingToken, windowToken } from './tokens';
import { getRoundOrThrow } from './rounds-admin';
import type { Round } from '@shared/model/round';

/**
 * H5 link for a token (the WeChat QR carries the same token as its scene). The token is in the
 * query, where the server sees it: a window's shell paints with the window's name before any
 * script (functions/src/http/h5-static.ts), and index.html's first script opens the rate page.
 * Links printed before (`/#/pages/rate/index?token=…`) still work, without the early name.
 */
export function landingUrl(deps: Deps, token: string): string {
  return `${deps.config.publicBaseUrl.replace(/\/$/, '')}/?token=${encodeURIComponent(token)}`;
}

/** Issues (or rotates) a window's QR: the new version makes every earlier poster invalid. */
export async function issueWindowQr(deps: Deps, windowId: string): Promise<WindowQrResponse> {
  const node = await deps.store.org.getNode(windowId);
  if (!node || node.kind !== 'window') throw new AppError('TARGET_NOT_FOUND', { windowId });
  const state = await deps.store.org.rotateQr(windowId);
  const scene = windowToken(deps.secrets.tokenKey, windowId, state.version);
  return { windowId, version: state.version, scene, url: landingUrl(deps, scene) };
}

/** The window's poster code as PNG, for its current token (a revoked window has none). */
export async function windowCodePng(deps: Deps, windowId: string): Promise<Buffer> {
  const state = await deps.store.org.getQrState(windowId);
  if (!state || state.revoked) throw new AppError('NOT_FOUND', { windowId, reason: 'no valid QR issued' });
  const scene = windowToken(deps.secrets.tokenKey, windowId, state.version);
  return deps.miniProgramCode.png({ scene, page: 'pages/rate/index', h5Url: landingUrl(deps, scene) });
}

export async function revokeWindowQr(deps: Deps, windowId: string): Promise<void> {
  await deps.store.org.revokeQr(windowId);
}

export async function issueSamplingLink(deps: Deps, roundId: string): Promise<SamplingLinkResponse> {
  const round = await getRoundOrThrow(deps, roundId);
  if (!round.channels.includes('sampling')) throw new AppError('CHANNEL_NOT_ALLOWED', { roundId, channel: 'sampling' });
  const updated = await deps.store.rounds.setSampling(roundId, round.samplingVersion + 1, false);
  const token = samplingToken(deps.secrets.tokenKey, roundId, updated.samplingVersion);
  return { roundId, version: updated.samplingVersion, token, url: landingUrl(deps, token) };
}

export async function revokeSamplingLink(deps: Deps, roundId: string): Promise<void> {
  const round = await getRoundOrThrow(deps, roundId);
  await deps.store.rounds.setSampling(roundId, round.samplingVersion, true);
}

/** One single-use, expiring invitation per member; the member id never reaches the unit. */
export async function createInvitations(deps: Deps, roundId: string, req: CreateInvitationsRequest): Promise<Invitation[]> {
  const round = await getRoundOrThrow(deps, roundId);
  return issueInvitations(deps, round, req.members.map((m) => m.memberId), { expiresAt: req.expiresAt, ...(req.targetIds ? { targetIds: req.targetIds } : {}), channel: 'directed' });
}

/**
 * The invitation machinery every invited channel shares (directed panels, hearing sheets):
 * checks the channel, the deadline and the targets, then one invitation per member.
 */
export async function issueInvitations(
  deps: Deps,
  round: Round,
  memberIds: string[],
  opts: { expiresAt: string; targetIds?: string[]; channel: 'directed' | 'hearing'; hearingId?: string },
): Promise<Invitation[]> {
  const roundId = round.id;
  if (!round.channels.includes(opts.channel)) throw new AppError('CHANNEL_NOT_ALLOWED', { roundId, channel: opts.channel });
  if (Date.parse(opts.expiresAt) <= deps.clock.now().getTime()) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'expiresAt', message: 'expiresAt must be in the future' }] });
  if (opts.targetIds) {
    const nodes = await deps.store.org.getNodes(opts.targetIds);
    const bad = opts.targetIds.filter((id) => {
      const n = nodes.get(id);
      return !n || n.kind !== round.targetKind || (round.targetIds !== undefined && !round.targetIds.includes(id));
    });
    if (bad.length > 0) throw new AppError('TARGET_NOT_IN_ROUND', { targetIds: bad });
  }
  const createdAt = deps.clock.now().toISOString();
  const stored: StoredInvitation[] = memberIds.map((memberId) => ({
    invitationId: deps.ids.shortId(16),
    roundId,
    memberId,
    ...(opts.targetIds ? { targetIds: opts.targetIds } : {}),
    expiresAt: opts.expiresAt,
    revoked: false,
    createdAt,
    ...(opts.channel === 'hearing' ? { channel: 'hearing' as const } : {}),
    ...(opts.hearingId ? { hearingId: opts.hearingId } : {}),
  }));
  await deps.store.invitations.createInvitations(stored);
  return stored.map((s) => {
    const token = invitationToken(deps.secrets.tokenKey, s.invitationId);
    return { invitationId: s.invitationId, roundId, memberId: s.memberId, ...(s.targetIds ? { targetIds: s.targetIds } : {}), expiresAt: s.expiresAt, revoked: false, token, url: landingUrl(deps, token) };
  });
}
