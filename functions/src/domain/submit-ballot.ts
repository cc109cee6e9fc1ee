import { AppError } from '@shared/errors';
import { checkAnswers } from '@shared/model/form';
import { formFor } from '@shared/model/scheme-forms';
import type { Receipt } from '@shared/model/ballot';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { SubmitBallotRequest } from '@shared/api/ballots';
import type { Deps } from './deps';
import type { Session } from './sessions';
import { pseudonym } from './sessions';
import { ballotWrite, fingerprintOf, idempotencyKeyOf } from './ballot-write';
import { resolveChannel, type ChannelContext } from './channel-context';
import { assertAccepting, assertChannel, isRoundTarget } from './round-rules';
import { pickWindowRound, windowTargetId } from './window-rounds';
import { ballotRateCounters, ballotRateSubjects, rateLimited } from './rate-limits';
import { assertNotOwnUnit } from './own-unit';

export interface SubmitResult {
  receipt: Receipt;
  replayed: boolean;
}

/**
 * Accepts one ballot, or explains why not. Order matters:
 *  1. the token (forged/revoked → 403, nothing read further);
 *  2. the idempotency key — before any round check, so a phone that queued a ballot offline
 *     and retries after the round closed still gets the receipt of the ballot we accepted;
 *  3. round state, channel, target, answers against the scheme's form, and an office session
 *     never rating its own unit (own-unit.ts);
 *  4. one transaction: idempotency marker, dedupe marker (one rating per the scheme's rule,
 *     ballot-write.ts), ballot, tally shard and the rate counters (rate-limits.ts), each counter
 *     on condition it is below its limit — so the limit holds exactly under any concurrency, a
 *     retry of an accepted ballot is never counted, and a refused ballot writes nothing.
 */
export async function submitBallot(deps: Deps, session: Session | undefined, req: SubmitBallotRequest, origin: { ip?: string } = {}): Promise<SubmitResult> {
  const fingerprint = fingerprintOf(req);
  // Window and sampling evaluators are known from the session before the token is read, so the
  // receipt lookup runs beside token resolution; directed ones need the invitation first.
  const early = session && !req.token.startsWith('I.') ? deps.store.ballots.findReceipt(idempotencyKeyOf(session.sub, req.clientBallotId)) : undefined;
  early?.catch(() => undefined); // awaited below; never an unhandled rejection if the token fails first
  const ctx = await resolveChannel(deps, req.token).catch(async (e: unknown) => {
    // Let the early lookup finish before answering: a store call still in flight after the
    // response outlives the request (a Lambda freeze, a test's torn-down environment).
    await early?.catch(() => undefined);
    throw e;
  });
  const evaluator = evaluatorOf(deps, ctx, session);
  const idempotencyKey = idempotencyKeyOf(evaluator, req.clientBallotId);
  const earlier = early && evaluator === session?.sub ? await early : await deps.store.ballots.findReceipt(idempotencyKey);
  if (earlier) return replay(earlier, fingerprint);

  const now = deps.clock.now();
  const { round, target } = await placeBallot(deps, ctx, req);
  assertAccepting(round, now);
  assertChannel(round, ctx.channel);
  await assertNotOwnUnit(deps, session, ctx, target);

  const scheme = (await deps.schemes(round));
  if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
  const form = formFor(scheme, target, ctx.channel);
  const problems = checkAnswers(form, req.answers);
  if (problems.length > 0) throw new AppError('ANSWERS_INVALID', { problems });

  const invited = ctx.channel === 'directed' || ctx.channel === 'hearing';
  const rate = ballotRateCounters(deps, ballotRateSubjects({ channel: ctx.channel, evaluator, ip: origin.ip, ...(ctx.channel === 'window' ? { windowId: ctx.window.id } : { roundId: round.id, targetId: target.id }) }));
  const write = ballotWrite(
    deps,
    { req, round, target, channel: ctx.channel, ...(ctx.channel === 'window' ? { windowId: ctx.window.id } : {}), evaluator, scheme, form, now },
    {
      rateCounters: rate.counters,
      // Invited channels: the invitation records the target as answered, in the same transaction.
      ...(invited ? { invitationId: ctx.invitation.invitationId } : {}),
      ...(ctx.channel === 'hearing' ? { sheet: { kind: 'hearing' as const, ...(ctx.invitation.hearingId ? { hearingId: ctx.invitation.hearingId } : {}) } } : {}),
    },
  );
  const result = await deps.store.ballots.writeBallot(write);
  const receipt = write.receipt;
  if (result.kind === 'accepted') return { receipt, replayed: false };
  if (result.kind === 'replay') return replay(result, fingerprint);
  if (result.kind === 'limited') throw rateLimited(rate, result.index);
  throw new AppError(invited ? 'INVITATION_USED' : 'DUPLICATE_BALLOT');
}

function replay(earlier: { receipt: Receipt; fingerprint: string }, fingerprint: string): SubmitResult {
  if (earlier.fingerprint !== fingerprint) throw new AppError('IDEMPOTENCY_CONFLICT');
  return { receipt: earlier.receipt, replayed: true };
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

