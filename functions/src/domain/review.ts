import { AppError } from '@shared/errors';
import { tallyKeys } from '@shared/model/form';
import { formFor, type SchemeForms } from '@shared/model/scheme-forms';
import type { Ballot } from '@shared/model/ballot';
import type { MisconductRecord } from '@shared/publication/snapshot';
import type { Round } from '@shared/model/round';
import type { AuditEntry, StoredVoid } from '../ports';
import type { Deps } from './deps';
import { getRoundOrThrow } from './rounds-admin';
import { isRoundTarget } from './round-rules';

/**
 * Supervisor review between close and publication (and before a correction): void a ballot,
 * record verified misconduct. Each action carries a reason and lands in the round's append-only
 * audit log in the same transaction. A void never deletes or edits the ballot or its counters:
 * results and the recount subtract the void list (see docs/publication.md).
 */
export function requireReviewable(round: Round): void {
  if (round.status !== 'closed' && round.status !== 'published') throw new AppError('REVIEW_CLOSED_ROUND_ONLY', { roundId: round.id, status: round.status });
}

export function auditEntry(deps: Deps, roundId: string, actor: string, action: AuditEntry['action'], reason: string, details: Record<string, unknown>): AuditEntry {
  return { entryId: deps.ids.uuid(), roundId, at: deps.clock.now().toISOString(), actor, action, reason, details };
}

/** A round's ballots for review, with whether each is voided; optionally one target's. O(ballots): a review action, not a page citizens hit. */
export async function reviewBallots(deps: Deps, roundId: string, targetId?: string) {
  const round = await getRoundOrThrow(deps, roundId);
  const voided = new Map((await deps.store.review.listVoids(roundId)).map((v) => [v.ballotId, v]));
  const out: Array<Omit<Ballot, 'evaluator' | 'shard' | 'nonce'> & { voided: boolean; voidReason?: string }> = [];
  for await (const b of deps.store.ballots.listBallots(roundId, round.tallyShards)) {
    if (targetId && b.targetId !== targetId) continue;
    // The nonce seals the ballot's private fields in its digest: it is never shown to anyone.
    const { evaluator: _e, shard: _s, nonce: _n, ...visible } = b;
    const v = voided.get(b.ballotId);
    out.push({ ...visible, voided: v !== undefined, ...(v ? { voidReason: v.reason } : {}) });
  }
  return out.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.ballotId.localeCompare(b.ballotId));
}

/** Voids one ballot (by ballot id or its public receipt id) with a reason; the ballot stays stored. */
export async function voidBallot(deps: Deps, actor: string, roundId: string, ballotRef: string, reason: string): Promise<StoredVoid> {
  const round = await getRoundOrThrow(deps, roundId);
  requireReviewable(round);
  const scheme = (await deps.schemes(round));
  if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
  let ballot: Ballot | undefined;
  for await (const b of deps.store.ballots.listBallots(roundId, round.tallyShards)) if (b.ballotId === ballotRef || b.receiptId === ballotRef) ballot = b;
  if (!ballot) throw new AppError('BALLOT_NOT_FOUND', { roundId, ballot: ballotRef });
  return voidLoaded(deps, actor, scheme, ballot, reason);
}

/**
 * Voids a ballot already read (a flag decision voids many from one read of the log): the void
 * record and its audit line in one transaction; `details` add to the audit line (the flag).
 */
export async function voidLoaded(deps: Deps, actor: string, scheme: SchemeForms, ballot: Ballot, reason: string, details: Record<string, unknown> = {}): Promise<StoredVoid> {
  const node = await deps.store.org.getNode(ballot.targetId);
  // The same cells the ballot pipeline added when it counted the ballot.
  const cells = tallyKeys(formFor(scheme, node ?? {}, ballot.channel), ballot.answers);
  const v: StoredVoid = { ballotId: ballot.ballotId, targetId: ballot.targetId, channel: ballot.channel, reason, voidedAt: deps.clock.now().toISOString(), voidedBy: actor, cells };
  await deps.store.review.putVoid(ballot.roundId, v, auditEntry(deps, ballot.roundId, actor, 'void_ballot', reason, { ballotId: ballot.ballotId, receiptId: ballot.receiptId, targetId: ballot.targetId, ...details }));
  return v;
}

/** Records one verified misconduct report against a round target (南川: the section goes first). */
export async function recordMisconduct(deps: Deps, actor: string, roundId: string, req: { targetId: string; reason: string; reference?: string }): Promise<MisconductRecord> {
  const round = await getRoundOrThrow(deps, roundId);
  requireReviewable(round);
  const node = await deps.store.org.getNode(req.targetId);
  if (!node || !isRoundTarget(round, node)) throw new AppError('TARGET_NOT_IN_ROUND', { targetIds: [req.targetId] });
  const m: MisconductRecord = { recordId: deps.ids.uuid(), targetId: req.targetId, reason: req.reason, ...(req.reference ? { reference: req.reference } : {}), recordedAt: deps.clock.now().toISOString(), recordedBy: actor };
  await deps.store.review.putMisconduct(roundId, m, auditEntry(deps, roundId, actor, 'record_misconduct', req.reason, { targetId: req.targetId, recordId: m.recordId }));
  return m;
}
