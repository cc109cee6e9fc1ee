import { AppError, type ErrorCode } from '@shared/errors';
import { checkAnswers, tallyKeys, type Answers } from '@shared/model/form';
import { formFor } from '@shared/model/scheme-forms';
import type { Ballot, Receipt } from '@shared/model/ballot';
import type { ChannelKind } from '@shared/model/channel';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { Deps } from './deps';
import { shardOf } from './ballot-write';
import { scrubComment } from '@shared/privacy/scrub';

export interface SubmitResult {
  receipt: Receipt;
  replayed: boolean;
}

/**
 * One account-filed opinion (monitor sheet, inspection, phone row) once its round, target,
 * evaluator and dedupe key are known. Citizen ballots build the same BallotWrite through
 * ballot-write.ts; both end in the same store transaction, so each gets the same guarantees: answers checked against the scheme's form
 * for that channel, one transaction for idempotency marker + dedupe marker + immutable ballot +
 * tally shard, a retry answered with the first receipt, a recount that reproduces the tallies.
 */
export interface BallotDraft {
  round: Round;
  target: OrgNode;
  channel: ChannelKind;
  evaluator: string;
  clientBallotId: string;
  idempotencyKey: string;
  fingerprint: string;
  dedupeKey: string;
  answers: Answers;
  comment?: string;
  windowId?: string;
  sheet?: Ballot['sheet'];
  invitationId?: string;
  /** The code a second opinion on the same dedupe key gets. */
  duplicateCode: ErrorCode;
}

export async function recordBallot(deps: Deps, d: BallotDraft, now: Date): Promise<SubmitResult> {
  const scheme = deps.schemes(d.round.schemeId);
  if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: d.round.schemeId });
  const form = formFor(scheme, d.target, d.channel);
  const problems = checkAnswers(form, d.answers);
  if (problems.length > 0) throw new AppError('ANSWERS_INVALID', { problems });

  const ballotId = deps.ids.uuid();
  const receivedAt = now.toISOString();
  const ballot: Ballot = {
    ballotId,
    clientBallotId: d.clientBallotId,
    receiptId: deps.ids.shortId(10),
    roundId: d.round.id,
    targetId: d.target.id,
    ...(d.windowId ? { windowId: d.windowId } : {}),
    channel: d.channel,
    answers: d.answers,
    ...(d.comment ? { comment: d.comment } : {}),
    evaluator: d.evaluator,
    ...(d.sheet ? { sheet: d.sheet } : {}),
    receivedAt,
    shard: shardOf(ballotId, d.round.tallyShards),
  };
  const receipt: Receipt = {
    receiptId: ballot.receiptId,
    clientBallotId: d.clientBallotId,
    roundId: d.round.id,
    roundName: d.round.name,
    targetId: d.target.id,
    targetName: d.target.name,
    channel: d.channel,
    receivedAt,
  };
  const result = await deps.store.ballots.writeBallot({
    ballot,
    receipt,
    idempotencyKey: d.idempotencyKey,
    fingerprint: d.fingerprint,
    dedupeKey: d.dedupeKey,
    tallyCells: tallyKeys(form, d.answers),
    ...(d.comment ? { staffComment: scrubComment(d.comment) } : {}),
    ...(d.invitationId ? { invitationId: d.invitationId } : {}),
  });
  if (result.kind === 'accepted') return { receipt, replayed: false };
  if (result.kind === 'replay') return replay(result, d.fingerprint);
  throw new AppError(d.duplicateCode);
}

/** A retry of an accepted opinion: the first receipt, unless the body changed. */
export function replay(earlier: { receipt: Receipt; fingerprint: string }, fingerprint: string): SubmitResult {
  if (earlier.fingerprint !== fingerprint) throw new AppError('IDEMPOTENCY_CONFLICT');
  return { receipt: earlier.receipt, replayed: true };
}

/** Multi answers in a fixed order, so the same ballot always has the same fingerprint. */
export function normaliseAnswers(answers: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]));
}
