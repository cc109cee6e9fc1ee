import { AppError } from '@shared/errors';
import type { ChannelKind } from '@shared/model/channel';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { StoredInvitation } from '../ports';
import type { Deps } from './deps';
import { parseToken } from './tokens';

/** What a verified, still-valid token grants. */
export type ChannelContext =
  | { channel: 'window'; window: OrgNode }
  | { channel: 'sampling'; round: Round }
  | { channel: 'directed' | 'hearing'; round: Round; invitation: StoredInvitation };

/**
 * Verifies a token's MAC, then its standing in the store: a rotated or revoked QR, a revoked
 * sampling link or invitation is TOKEN_REVOKED; an expired invitation INVITATION_EXPIRED.
 */
export async function resolveChannel(deps: Deps, token: string): Promise<ChannelContext> {
  const parsed = parseToken(deps.secrets.tokenKey, token);
  switch (parsed.kind) {
    case 'window': {
      const [qr, window] = await Promise.all([deps.store.org.getQrState(parsed.windowId), deps.store.org.getNode(parsed.windowId)]);
      if (!window || window.kind !== 'window') throw new AppError('TOKEN_REVOKED');
      if (!qr || qr.revoked || qr.version !== parsed.version) throw new AppError('TOKEN_REVOKED');
      return { channel: 'window', window };
    }
    case 'sampling': {
      const round = await deps.store.rounds.getRound(parsed.roundId);
      if (!round) throw new AppError('TOKEN_REVOKED');
      if (round.samplingRevoked || round.samplingVersion !== parsed.version) throw new AppError('TOKEN_REVOKED');
      return { channel: 'sampling', round };
    }
    case 'invitation': {
      const invitation = await deps.store.invitations.getInvitation(parsed.invitationId);
      if (!invitation || invitation.revoked) throw new AppError('TOKEN_REVOKED');
      if (Date.parse(invitation.expiresAt) <= deps.clock.now().getTime()) throw new AppError('INVITATION_EXPIRED', { expiresAt: invitation.expiresAt });
      const round = await deps.store.rounds.getRound(invitation.roundId);
      if (!round) throw new AppError('TOKEN_REVOKED');
      return { channel: invitation.channel ?? 'directed', round, invitation };
    }
  }
}

export const channelOf = (ctx: ChannelContext): ChannelKind => ctx.channel;
