import { AppError, type ErrorCode } from '@shared/errors';
import { checkAnswers, type Answers } from '@shared/model/form';
import { formFor } from '@shared/model/scheme-forms';
import type { Ballot, Receipt } from '@shared/model/ballot';
import type { ChannelKind } from '@shared/model/channel';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { Deps } from './deps';
import { composeBallotWrite } from './ballot-write';

export interface SubmitResult {
  receipt: Receipt;
  replayed: boolean;
}

/**
 * One account-filed opinion (monitor sheet, inspection, phone row) once its round, target,
 * evaluator and dedupe key are known. Citizen ballots and these build their Ballot, Receipt and
 * BallotWrite through the same composeBallotWrite (ballot-write.ts) and end in the same store
 * transaction, so each gets the same guarantees: answers checked against the scheme's form
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
  const scheme = (await deps.schemes(d.round));
  if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: d.round.schemeId });
  const form = formFor(scheme, d.target, d.channel);
  const problems = checkAnswers(form, d.answers);
  if (problems.length > 0) throw new AppError('ANSWERS_INVALID', { problems });

  const { duplicateCode: _code, ...parts } = d;
  const write = composeBallotWrite(deps, { ...parts, form, now });
  const result = await deps.store.ballots.writeBallot(write);
  const receipt = write.receipt;
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
