import { AppError } from '@shared/errors';
import type { ChannelKind } from '@shared/model/channel';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { StoredInvitation } from '../../ports';
import type { Deps } from '../deps';
import { parseToken } from '../tokens';
import { freshStanding, type StandingReader } from './standing';

/** What a verified, still-valid token grants. */
export type ChannelContext =
  | { channel: 'window'; window: OrgNode; qrVersion: number }
  | { channel: 'sampling'; round: Round; samplingVersion: number }
  | { channel: 'directed' | 'hearing'; round: Round; invitation: StoredInvitation };

/**
 * Verifies a token's MAC, then its standing (read from the store, or from memory by the ballot
 * pipeline, which asserts it again at commit): a rotated or revoked QR, a revoked sampling link
 * or invitation is TOKEN_REVOKED; an expired invitation INVITATION_EXPIRED. The QR and link
 * versions the token carries come back with the context, for the ballot's fence.
 */
export async function resolveChannel(deps: Pick<Deps, 'secrets' | 'clock' | 'store'>, token: string, read: StandingReader = freshStanding(deps.store)): Promise<ChannelContext> {
  const parsed = parseToken(deps.secrets.tokenKey, token);
  switch (parsed.kind) {
    case 'window': {
      const [qr, window] = await Promise.all([read.qr(parsed.windowId), read.node(parsed.windowId)]);
      if (!window || window.kind !== 'window') throw new AppError('TOKEN_REVOKED');
      if (!qr || qr.revoked || qr.version !== parsed.version) throw new AppError('TOKEN_REVOKED');
      return { channel: 'window', window, qrVersion: qr.version };
    }
    case 'sampling': {
      const round = await read.round(parsed.roundId);
      if (!round) throw new AppError('TOKEN_REVOKED');
      if (round.samplingRevoked || round.samplingVersion !== parsed.version) throw new AppError('TOKEN_REVOKED');
      return { channel: 'sampling', round, samplingVersion: round.samplingVersion };
    }
    case 'invitation': {
      const invitation = await read.invitation(parsed.invitationId);
      if (!invitation || invitation.revoked) throw new AppError('TOKEN_REVOKED');
      if (Date.parse(invitation.expiresAt) <= deps.clock.now().getTime()) throw new AppError('INVITATION_EXPIRED', { expiresAt: invitation.expiresAt });
      const round = await read.round(invitation.roundId);
      if (!round) throw new AppError('TOKEN_REVOKED');
      return { channel: invitation.channel ?? 'directed', round, invitation };
    }
  }
}

export const channelOf = (ctx: ChannelContext): ChannelKind => ctx.channel;
