import { AppError } from '@shared/errors';
import type { CreateInvitationsRequest, Invitation, SamplingLinkResponse, WindowQrResponse } from '@shared/api/tokens';
import type { StoredInvitation } from '../ports';
import type { Deps } from './deps';
import { invitationToken, samplingToken, windowToken } from './tokens';
import { getRoundOrThrow } from './rounds-admin';

/** H5 link for a token (the WeChat QR carries the same token as its scene). */
export function landingUrl(deps: Deps, token: string): string {
  return `${deps.config.publicBaseUrl.replace(/\/$/, '')}/#/pages/rate/index?token=${encodeURIComponent(token)}`;
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
  if (!round.channels.includes('directed')) throw new AppError('CHANNEL_NOT_ALLOWED', { roundId, channel: 'directed' });
  if (Date.parse(req.expiresAt) <= deps.clock.now().getTime()) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'expiresAt', message: 'expiresAt must be in the future' }] });
  if (req.targetIds) {
    const nodes = await deps.store.org.getNodes(req.targetIds);
    const bad = req.targetIds.filter((id) => {
      const n = nodes.get(id);
      return !n || n.kind !== round.targetKind || (round.targetIds !== undefined && !round.targetIds.includes(id));
    });
    if (bad.length > 0) throw new AppError('TARGET_NOT_IN_ROUND', { targetIds: bad });
  }
  const createdAt = deps.clock.now().toISOString();
  const stored: StoredInvitation[] = req.members.map((m) => ({
    invitationId: deps.ids.shortId(16),
    roundId,
    memberId: m.memberId,
    ...(req.targetIds ? { targetIds: req.targetIds } : {}),
    expiresAt: req.expiresAt,
    revoked: false,
    createdAt,
  }));
  await deps.store.invitations.createInvitations(stored);
  return stored.map((s) => {
    const token = invitationToken(deps.secrets.tokenKey, s.invitationId);
    return { invitationId: s.invitationId, roundId, memberId: s.memberId, ...(s.targetIds ? { targetIds: s.targetIds } : {}), expiresAt: s.expiresAt, revoked: false, token, url: landingUrl(deps, token) };
  });
}
