import { AppError } from '@shared/errors';
import { checkAnswers, tallyKeys } from '@shared/model/form';
import { formFor } from '@shared/model/scheme-forms';
import type { Ballot, Receipt } from '@shared/model/ballot';
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

export interface SubmitResult {
  receipt: Receipt;
  replayed: boolean;
}

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
  const fingerprint = sha256Hex(canonicalJson({ token: req.token, roundId: req.roundId, targetId: req.targetId, answers: normaliseAnswers(req.answers), comment: req.comment }));
  // Window and sampling evaluators are known from the session before the token is read, so the
  // receipt lookup runs beside token resolution; directed ones need the invitation first.
  const early = session && !req.token.startsWith('I.') ? deps.store.ballots.findReceipt(idempotencyKeyOf(session.sub, req.clientBallotId)) : undefined;
  early?.catch(() => undefined); // awaited below; never an unhandled rejection if the token fails first
  const ctx = await resolveChannel(deps, req.token);
  const evaluator = evaluatorOf(deps, ctx, session);
  const idempotencyKey = idempotencyKeyOf(evaluator, req.clientBallotId);
  const earlier = early && evaluator === session?.sub ? await early : await deps.store.ballots.findReceipt(idempotencyKey);
  if (earlier) return replay(earlier, fingerprint);

  const now = deps.clock.now();
  const { round, target } = await placeBallot(deps, ctx, req);
  assertAccepting(round, now);
  assertChannel(round, ctx.channel);

  const scheme = deps.schemes(round.schemeId);
  if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
  const form = formFor(scheme, target, ctx.channel);
  const problems = checkAnswers(form, req.answers);
  if (problems.length > 0) throw new AppError('ANSWERS_INVALID', { problems });

  const ballotId = deps.ids.uuid();
  const receivedAt = now.toISOString();
  const windowId = ctx.channel === 'window' ? ctx.window.id : undefined;
  const ballot: Ballot = {
    ballotId,
    clientBallotId: req.clientBallotId,
    receiptId: deps.ids.shortId(10),
    roundId: round.id,
    targetId: target.id,
    ...(windowId ? { windowId } : {}),
    channel: ctx.channel,
    answers: req.answers,
    ...(req.comment ? { comment: req.comment } : {}),
    evaluator,
    receivedAt,
    shard: shardOf(ballotId, round.tallyShards),
  };
  const receipt: Receipt = {
    receiptId: ballot.receiptId,
    clientBallotId: req.clientBallotId,
    roundId: round.id,
    roundName: round.name,
    targetId: target.id,
    targetName: target.name,
    channel: ctx.channel,
    receivedAt,
  };
  const result = await deps.store.ballots.writeBallot({
    ballot,
    receipt,
    idempotencyKey,
    fingerprint,
    dedupeKey: dedupeKey(round, ctx, target, evaluator, now),
    tallyCells: tallyKeys(form, req.answers),
  });
  if (result.kind === 'accepted') return { receipt, replayed: false };
  if (result.kind === 'replay') return replay(result, fingerprint);
  throw new AppError(ctx.channel === 'directed' ? 'INVITATION_USED' : 'DUPLICATE_BALLOT');
}

const idempotencyKeyOf = (evaluator: string, clientBallotId: string) => sha256Hex(`${evaluator}|${clientBallotId}`);

function replay(earlier: { receipt: Receipt; fingerprint: string }, fingerprint: string): SubmitResult {
  if (earlier.fingerprint !== fingerprint) throw new AppError('IDEMPOTENCY_CONFLICT');
  return { receipt: earlier.receipt, replayed: true };
}

/** Directed ballots belong to the panel member (the invitation), others to the signed-in person. */
function evaluatorOf(deps: Deps, ctx: ChannelContext, session: Session | undefined): string {
  if (ctx.channel === 'directed') return pseudonym(deps.secrets.pseudonymKey, `member:${ctx.invitation.memberId}`);
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
  if (ctx.channel === 'directed' && ctx.invitation.targetIds && !ctx.invitation.targetIds.includes(target.id))
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
  return `${round.id}#${target.id}#${evaluator}#round`;
}

/** Stable shard from the ballot id, so a recount finds the ballot where its tally went. */
export function shardOf(ballotId: string, shards: number): number {
  return parseInt(sha256Hex(ballotId).slice(0, 8), 16) % shards;
}

function normaliseAnswers(answers: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]));
}
