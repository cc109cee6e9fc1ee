import { AppError } from '@shared/errors';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { SubmitBallotRequest } from '@shared/api/ballots';
import type { Deps } from './deps';
import type { Session } from './sessions';
import { pseudonym } from './sessions';
import { canonicalJson, sha256Hex } from './crypto';
import { resolveChannel, type ChannelContext } from './channel-context';
import { assertAccepting, assertChannel, isRoundTarget } from './round-rules';
import { pickWindowRound, windowTargetId } from './window-rounds';
import { normaliseAnswers, recordBallot, replay, type SubmitResult } from './record-ballot';

export type { SubmitResult } from './record-ballot';
export { shardOf } from './record-ballot';

const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * Accepts one ballot, or explains why not. Order matters:
 *  1. the token (forged/revoked → 403, nothing read further);
 *  2. the idempotency key — before any round check, so a phone that queued a ballot offline
 *     and retries after the round closed still gets the receipt of the ballot we accepted;
 *  3. round state, channel, target, answers against the scheme's form;
 *  4. one transaction: idempotency marker, dedupe marker, ballot, tally shard.
 */
export async function submitBallot(deps: Deps, session: Session | undefined, req: SubmitBallotRequest): Promise<SubmitResult> {
  const ctx = await resolveChannel(deps, req.token);
  const evaluator = evaluatorOf(deps, ctx, session);
  const idempotencyKey = sha256Hex(`${evaluator}|${req.clientBallotId}`);
  const fingerprint = sha256Hex(canonicalJson({ token: req.token, roundId: req.roundId, targetId: req.targetId, answers: normaliseAnswers(req.answers), comment: req.comment }));

  const earlier = await deps.store.ballots.findReceipt(idempotencyKey);
  if (earlier) return replay(earlier, fingerprint);

  const now = deps.clock.now();
  const { round, target } = await placeBallot(deps, ctx, req);
  assertAccepting(round, now);
  assertChannel(round, ctx.channel);
  const invited = ctx.channel === 'directed' || ctx.channel === 'hearing';
  return recordBallot(
    deps,
    {
      round,
      target,
      channel: ctx.channel,
      evaluator,
      clientBallotId: req.clientBallotId,
      idempotencyKey,
      fingerprint,
      dedupeKey: dedupeKey(round, ctx, target, evaluator, now),
      answers: req.answers,
      ...(req.comment ? { comment: req.comment } : {}),
      ...(ctx.channel === 'window' ? { windowId: ctx.window.id } : {}),
      ...(ctx.channel === 'hearing' ? { sheet: { kind: 'hearing' as const, ...(ctx.invitation.hearingId ? { hearingId: ctx.invitation.hearingId } : {}) } } : {}),
      ...(invited ? { invitationId: ctx.invitation.invitationId } : {}),
      duplicateCode: invited ? 'INVITATION_USED' : 'DUPLICATE_BALLOT',
    },
    now,
  );
}

/** Invited ballots (directed, hearing) belong to the panel member, others to the signed-in person. */
function evaluatorOf(deps: Deps, ctx: ChannelContext, session: Session | undefined): string {
  if (ctx.channel === 'directed' || ctx.channel === 'hearing') return pseudonym(deps.secrets.pseudonymKey, `member:${ctx.invitation.memberId}`);
  if (!session) throw new AppError('UNAUTHENTICATED');
  return session.sub;
}

async function placeBallot(deps: Deps, ctx: ChannelContext, req: SubmitBallotRequest): Promise<{ round: Round; target: OrgNode }> {
  if (ctx.channel === 'window') {
    if (req.targetId !== undefined && req.targetId !== ctx.window.id && !ctx.window.path.includes(req.targetId))
      throw new AppError('TARGET_NOT_IN_ROUND', { targetId: req.targetId });
    const round = await pickWindowRound(deps, ctx.window, req.roundId);
    const targetId = windowTargetId(round, ctx.window);
    const target = targetId === undefined ? undefined : targetId === ctx.window.id ? ctx.window : await deps.store.org.getNode(targetId);
    if (!target) throw new AppError('TARGET_NOT_IN_ROUND', { roundId: round.id });
    return { round, target };
  }
  const round = ctx.round;
  if (req.roundId !== undefined && req.roundId !== round.id) throw new AppError('TOKEN_WRONG_ROUND', { roundId: req.roundId });
  if (req.targetId === undefined) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'targetId', message: 'targetId is required for this channel' }] });
  const target = await deps.store.org.getNode(req.targetId);
  if (!target) throw new AppError('TARGET_NOT_FOUND', { targetId: req.targetId });
  if (!isRoundTarget(round, target)) throw new AppError('TARGET_NOT_IN_ROUND', { targetId: target.id });
  if ((ctx.channel === 'directed' || ctx.channel === 'hearing') && ctx.invitation.targetIds && !ctx.invitation.targetIds.includes(target.id))
    throw new AppError('TARGET_NOT_IN_ROUND', { targetId: target.id, reason: 'not on the invitation' });
  return { round, target };
}

/**
 * Window ballots: one per evaluator per window per period (CST-aligned, default a day: "one
 * visit, one rating"). Other channels: one per evaluator per target per round.
 */
function dedupeKey(round: Round, ctx: ChannelContext, target: OrgNode, evaluator: string, now: Date): string {
  if (ctx.channel === 'window') {
    const period = Math.floor((now.getTime() + CHINA_OFFSET_MS) / (round.windowDedupeHours * 3600_000));
    return `${round.id}#W:${ctx.window.id}#${evaluator}#${period}`;
  }
  // Directed keeps its original key; a hearing sheet is a separate opinion from a directed ballot.
  if (ctx.channel === 'hearing') return `${round.id}#${target.id}#${evaluator}#hearing`;
  return `${round.id}#${target.id}#${evaluator}#round`;
}
