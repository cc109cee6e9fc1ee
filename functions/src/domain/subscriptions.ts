import { AppError } from '@shared/errors';
import { MEMBER_TEMPLATES, STAFF_TEMPLATES, type MessageTemplate, type MessageTemplatesResponse, type SubscribeResponse } from '@shared/api/messages';
import type { Deps } from './deps';
import { boundOfficeAccount } from './accounts';
import { resolveChannel } from './ballots/channel-context';
import type { Session } from './sessions';

/** The slot a panel member's own binding takes (staff slots are their account ids). */
const MEMBER_SLOT = 'member';

const keep = (accepted: readonly MessageTemplate[], allowed: readonly MessageTemplate[]) => allowed.filter((t) => accepted.includes(t));

/** The template ids the client asks WeChat's consent for. */
export function messageTemplates(deps: Deps): MessageTemplatesResponse {
  return { templates: { ...deps.config.messageTemplates }, local: deps.config.localMessaging };
}

/**
 * A panel member binds the WeChat user who opened their invitation as the receiver of the
 * member's invitations and reminders, this round and later ones. The invitation token says which
 * member (it must still be valid); the login code says which WeChat user. A later call replaces
 * the binding, so a member can change phones or withdraw consent (an empty list).
 */
export async function subscribeMember(deps: Deps, token: string, code: string, accepted: MessageTemplate[]): Promise<SubscribeResponse> {
  const ctx = await resolveChannel(deps, token);
  if (ctx.channel !== 'directed' && ctx.channel !== 'hearing') throw new AppError('NOT_AN_INVITATION');
  const { openid } = await deps.wechat.code2Session(code);
  const templates = keep(accepted, MEMBER_TEMPLATES);
  await deps.store.recipients.put({ memberId: ctx.invitation.memberId, slot: MEMBER_SLOT, openid, templates, boundAt: deps.clock.now().toISOString() });
  return { subscribed: templates };
}

/**
 * Unit staff receive their unit's rectification deadline reminders. Only the WeChat user bound
 * to the session's own account may subscribe (a staff session cannot enrol someone else's phone).
 */
export async function subscribeStaff(deps: Deps, session: Session, code: string, accepted: MessageTemplate[]): Promise<SubscribeResponse> {
  const { account, openid } = await boundOfficeAccount(deps, code);
  if (session.sub !== `acct:${account.accountId}` || !account.unitId) throw new AppError('NOT_BOUND');
  const templates = keep(accepted, STAFF_TEMPLATES);
  await deps.store.recipients.put({ memberId: account.unitId, slot: account.accountId, openid, templates, boundAt: deps.clock.now().toISOString() });
  return { subscribed: templates };
}
