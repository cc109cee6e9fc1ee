import { AppError } from '@shared/errors';
import type { Deps } from '../deps';
import { landingUrl } from '../links-admin';
import { invitationToken } from '../tokens';

/**
 * An invitation's short code: its id (16 Crockford symbols, 80 random bits: as hard to guess as
 * the token's MAC) in groups of four. Typed on the invitation page it becomes the token.
 * @example shortCodeOf('ABCD1234EFGH5678') === 'ABCD-1234-EFGH-5678'
 */
export const shortCodeOf = (invitationId: string) => invitationId.match(/.{1,4}/g)!.join('-');

/** The invitation a short code names, as its token and link; unknown, revoked or expired codes are INVITATION_NOT_FOUND. */
export async function invitationByCode(deps: Deps, code: string): Promise<{ token: string; url: string }> {
  const id = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const inv = /^[0-9A-Z]{16}$/.test(id) ? await deps.store.invitations.getInvitation(id) : undefined;
  if (!inv || inv.revoked || Date.parse(inv.expiresAt) <= deps.clock.now().getTime()) throw new AppError('INVITATION_NOT_FOUND');
  const token = invitationToken(deps.secrets.tokenKey, inv.invitationId);
  return { token, url: landingUrl(deps, token) };
}
