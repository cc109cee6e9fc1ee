import { AppError } from '@shared/errors';
import type { Invitation } from '@shared/api/tokens';
import type { InviteDrawnRequest, ReturnRateResponse } from '@shared/api/panels';
import type { Round } from '@shared/model/round';
import type { StoredInvitation } from '../ports';
import type { Deps } from './deps';
import { drawnMembers, getDrawOrThrow } from './draws';
import { issueInvitations } from './links-admin';
import { getRoundOrThrow } from './rounds-admin';
import { isRoundTarget } from './round-rules';
import { wechatThing, wechatTime } from './message-fields';

/** The mini-program page an invitation opens (the H5 link carries the same token). */
const ratePage = (token: string) => `pages/rate/index?token=${encodeURIComponent(token)}`;

/**
 * Invites the members a draw selected (directed channel) and pushes each a subscription
 * message. Once per draw: a second call is DRAW_STATE_CONFLICT, so nobody is invited twice.
 */
export async function inviteDrawn(deps: Deps, drawId: string, req: InviteDrawnRequest, by: string): Promise<{ invited: number; messages: number }> {
  const draw = await getDrawOrThrow(deps, drawId);
  const members = drawnMembers(draw);
  const round = await getRoundOrThrow(deps, draw.roundId);
  // Checks first (channel, deadline, targets), so a refused request marks nothing.
  await issueInvitations(deps, round, [], { expiresAt: req.expiresAt, ...(req.targetIds ? { targetIds: req.targetIds } : {}), channel: 'directed' });
  if (!(await deps.store.draws.markInvited(drawId, deps.clock.now().toISOString(), by))) throw new AppError('DRAW_STATE_CONFLICT', { drawId, reason: 'already invited' });
  const invitations = await issueInvitations(deps, round, members, { expiresAt: req.expiresAt, ...(req.targetIds ? { targetIds: req.targetIds } : {}), channel: 'directed' });
  return { invited: invitations.length, messages: await notify(deps, round, invitations, 'invitation') };
}

/** One subscription message per invitation: round, deadline, and the page with the token. */
export async function notify(deps: Deps, round: Round, invitations: Array<Pick<Invitation, 'memberId' | 'token' | 'expiresAt'>>, template: 'invitation' | 'reminder'): Promise<number> {
  const sentAt = deps.clock.now().toISOString();
  for (const inv of invitations) {
    await deps.messenger.send({
      messageId: deps.ids.uuid(),
      memberId: inv.memberId,
      template,
      page: ratePage(inv.token),
      data: { thing1: wechatThing(round.name), time2: wechatTime(inv.expiresAt), thing3: template === 'invitation' ? '您被随机抽选为评议代表，请按时评议' : '评议即将截止，请尽快完成评议' },
      sentAt,
    });
  }
  return invitations.length;
}

/**
 * Reminds members whose invitation ends within `withinHours` and who still have targets to
 * rate. Each invitation is reminded at most once (a conditional stamp), so running the job
 * twice, or on a schedule, never nags.
 */
export async function sendReminders(deps: Deps, roundId: string, withinHours: number, token: (invitationId: string) => string): Promise<{ reminded: number; skipped: number }> {
  const round = await getRoundOrThrow(deps, roundId);
  const now = deps.clock.now().getTime();
  const targets = await roundTargetIds(deps, round);
  let reminded = 0;
  let skipped = 0;
  for (const inv of await deps.store.invitations.listInvitations(roundId)) {
    const ends = Date.parse(inv.expiresAt);
    const due = !inv.revoked && ends > now && ends - now <= withinHours * 3600_000 && pending(inv, targets).length > 0;
    if (!due || !(await deps.store.invitations.markReminded(inv.invitationId, new Date(now).toISOString()))) {
      skipped++;
      continue;
    }
    reminded += await notify(deps, round, [{ memberId: inv.memberId, token: token(inv.invitationId), expiresAt: inv.expiresAt }], 'reminder');
  }
  return { reminded, skipped };
}

/**
 * 回收率 for an invited channel: per target, answered ÷ invited (invitations naming it, or
 * naming no targets); for the round, the same sums. Revoked invitations do not count.
 */
export async function returnRate(deps: Deps, roundId: string, channel: 'directed' | 'hearing'): Promise<ReturnRateResponse> {
  const round = await getRoundOrThrow(deps, roundId);
  const targets = await roundTargetIds(deps, round);
  const perTarget = new Map(targets.map((t) => [t, { invited: 0, answered: 0 }]));
  let answeredAll = 0;
  let answeredNone = 0;
  const invitations = (await deps.store.invitations.listInvitations(roundId)).filter((i) => !i.revoked && (i.channel ?? 'directed') === channel);
  for (const inv of invitations) {
    const expected = inv.targetIds ?? targets;
    const answered = new Set(inv.answered ?? []);
    for (const t of expected) {
      const row = perTarget.get(t);
      if (!row) continue;
      row.invited++;
      if (answered.has(t)) row.answered++;
    }
    if (expected.every((t) => answered.has(t))) answeredAll++;
    if (answered.size === 0) answeredNone++;
  }
  const rows = [...perTarget].filter(([, r]) => r.invited > 0).map(([targetId, r]) => ({ targetId, ...r, rate: r.invited > 0 ? r.answered / r.invited : null }));
  const invited = rows.reduce((s, r) => s + r.invited, 0);
  const answered = rows.reduce((s, r) => s + r.answered, 0);
  return { roundId, channel, invited, answered, rate: invited > 0 ? answered / invited : null, members: { invited: invitations.length, answeredAll, answeredNone }, targets: rows };
}

function pending(inv: StoredInvitation, roundTargets: string[]): string[] {
  const answered = new Set(inv.answered ?? []);
  return (inv.targetIds ?? roundTargets).filter((t) => !answered.has(t));
}

async function roundTargetIds(deps: Deps, round: Round): Promise<string[]> {
  return (await deps.store.org.listNodes()).filter((n) => isRoundTarget(round, n)).map((n) => n.id).sort();
}
