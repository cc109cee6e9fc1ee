import { AppError } from '@shared/errors';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { SubmitBallotRequest } from '@shared/api/ballots';
import type { Deps } from '../deps';
import type { Session } from '../sessions';
import { pseudonym } from '../sessions';
import { isRoundTarget } from '../round-rules';
import { pickWindowRound, windowTargetId } from '../window-rounds';
import { resolveChannel, type ChannelContext } from './channel-context';
import type { BallotDraft, BallotSource } from './compose';
import { fingerprintOf, idempotencyKeyOf } from './keys';
import { enterBallot, type BallotIdentity, type SubmitResult } from './pipeline';
import { ballotRateSubjects } from './rate-limits';
import type { StandingReader } from './standing';

interface Citizen extends BallotIdentity {
  ctx: ChannelContext;
  evaluator: string;
}

/**
 * A ballot sent with a token (`POST /api/ballots`): window QR, sampling link, panel invitation
 * or hearing sheet. The token says the channel and, for links and invitations, the round; the
 * window channel finds its round itself. Everything else is the pipeline's (pipeline.ts).
 */
export function submitBallot(deps: Deps, session: Session | undefined, req: SubmitBallotRequest, origin: { ip?: string } = {}): Promise<SubmitResult> {
  const fingerprint = fingerprintOf({ token: req.token, roundId: req.roundId, targetId: req.targetId, answers: req.answers, comment: req.comment });
  return enterBallot<Citizen>(deps, {
    identify: async (read) => {
      const ctx = await resolveChannel(deps, req.token, read);
      const evaluator = evaluatorOf(deps, ctx, session);
      return { ctx, evaluator, idempotencyKey: idempotencyKeyOf(evaluator, req.clientBallotId), fingerprint };
    },
    place: async (read, { ctx, evaluator, idempotencyKey }): Promise<BallotDraft> => {
      const { round, target } = await placeBallot(deps, read, ctx, req);
      const invited = ctx.channel === 'directed' || ctx.channel === 'hearing';
      return {
        round,
        target,
        channel: ctx.channel,
        source: sourceOf(ctx),
        evaluator,
        clientBallotId: req.clientBallotId,
        idempotencyKey,
        fingerprint,
        answers: req.answers,
        ...(req.comment ? { comment: req.comment } : {}),
        duplicateCode: invited ? 'INVITATION_USED' : 'DUPLICATE_BALLOT',
        rate: ballotRateSubjects({ channel: ctx.channel, evaluator, ip: origin.ip, ...(ctx.channel === 'window' ? { windowId: ctx.window.id } : { roundId: round.id, targetId: target.id }) }),
        ...(session ? { session } : {}),
        fence: ctx.channel === 'window' ? { qr: { windowId: ctx.window.id, version: ctx.qrVersion } } : ctx.channel === 'sampling' ? { samplingVersion: ctx.samplingVersion } : {},
        now: deps.clock.now(),
      };
    },
  });
}

function sourceOf(ctx: ChannelContext): BallotSource {
  switch (ctx.channel) {
    case 'window':
      return { kind: 'window', window: ctx.window };
    case 'sampling':
      return { kind: 'link' };
    case 'directed':
      return { kind: 'invitation', invitationId: ctx.invitation.invitationId };
    case 'hearing':
      return { kind: 'hearing', invitationId: ctx.invitation.invitationId, ...(ctx.invitation.hearingId ? { hearingId: ctx.invitation.hearingId } : {}) };
  }
}

/** Invited ballots (directed, hearing) belong to the panel member, others to the signed-in person. */
function evaluatorOf(deps: Deps, ctx: ChannelContext, session: Session | undefined): string {
  if (ctx.channel === 'directed' || ctx.channel === 'hearing') return pseudonym(deps.secrets.pseudonymKey, `member:${ctx.invitation.memberId}`);
  if (!session) throw new AppError('UNAUTHENTICATED');
  return session.sub;
}

async function placeBallot(deps: Deps, read: StandingReader, ctx: ChannelContext, req: SubmitBallotRequest): Promise<{ round: Round; target: OrgNode }> {
  if (ctx.channel === 'window') {
    if (req.targetId !== undefined && req.targetId !== ctx.window.id && !ctx.window.path.includes(req.targetId))
      throw new AppError('TARGET_NOT_IN_ROUND', { targetId: req.targetId });
    const round = await pickWindowRound(deps, ctx.window, req.roundId, read);
    const targetId = windowTargetId(round, ctx.window);
    const target = targetId === undefined ? undefined : targetId === ctx.window.id ? ctx.window : await read.node(targetId);
    if (!target) throw new AppError('TARGET_NOT_IN_ROUND', { roundId: round.id });
    return { round, target };
  }
  const round = ctx.round;
  if (req.roundId !== undefined && req.roundId !== round.id) throw new AppError('TOKEN_WRONG_ROUND', { roundId: req.roundId });
  if (req.targetId === undefined) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'targetId', message: 'targetId is required for this channel' }] });
  const target = await read.node(req.targetId);
  if (!target) throw new AppError('TARGET_NOT_FOUND', { targetId: req.targetId });
  if (!isRoundTarget(round, target)) throw new AppError('TARGET_NOT_IN_ROUND', { targetId: target.id });
  if ((ctx.channel === 'directed' || ctx.channel === 'hearing') && ctx.invitation.targetIds && !ctx.invitation.targetIds.includes(target.id))
    throw new AppError('TARGET_NOT_IN_ROUND', { targetId: target.id, reason: 'not on the invitation' });
  return { round, target };
}
