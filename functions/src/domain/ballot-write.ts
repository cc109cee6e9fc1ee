import { tallyKeys, type BallotForm } from '@shared/model/form';
import type { Ballot, Receipt } from '@shared/model/ballot';
import type { ChannelKind } from '@shared/model/channel';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { SubmitBallotRequest } from '@shared/api/ballots';
import type { BallotWrite } from '../ports';
import type { Deps } from './deps';
import { canonicalJson, sha256Hex } from './crypto';
import { scrubComment } from '@shared/privacy/scrub';

const CHINA_OFFSET_MS = 8 * 3600_000;

/** What a checked ballot is: who, what, where, when, on which form. */
export interface PlacedBallot {
  req: SubmitBallotRequest;
  round: Round;
  target: OrgNode;
  channel: ChannelKind;
  /** Set for window ballots: the dedupe key is per window, and breakdowns need it. */
  windowId?: string;
  evaluator: string;
  form: BallotForm;
  now: Date;
}

/** Stable per evaluator and client ballot id, so a retry finds the first receipt. */
export const idempotencyKeyOf = (evaluator: string, clientBallotId: string) => sha256Hex(`${evaluator}|${clientBallotId}`);

/** A digest of what the ballot says: a retry must say the same thing. */
export function fingerprintOf(req: SubmitBallotRequest): string {
  const answers = Object.fromEntries(Object.entries(req.answers).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]));
  return sha256Hex(canonicalJson({ token: req.token, roundId: req.roundId, targetId: req.targetId, answers, comment: req.comment }));
}

/**
 * Window ballots: one per evaluator per window per period (CST-aligned, default a day: "one
 * visit, one rating"). Other channels: one per evaluator per target per round.
 */
export function dedupeKeyOf(p: Pick<PlacedBallot, 'round' | 'target' | 'windowId' | 'evaluator' | 'now' | 'channel'>): string {
  if (p.windowId) {
    const period = Math.floor((p.now.getTime() + CHINA_OFFSET_MS) / (p.round.windowDedupeHours * 3600_000));
    return `${p.round.id}#W:${p.windowId}#${p.evaluator}#${period}`;
  }
  // A hearing sheet is a separate opinion from a directed ballot by the same member.
  if (p.channel === 'hearing') return `${p.round.id}#${p.target.id}#${p.evaluator}#hearing`;
  return `${p.round.id}#${p.target.id}#${p.evaluator}#round`;
}

/** Stable shard from the ballot id, so a recount finds the ballot where its tally went. */
export function shardOf(ballotId: string, shards: number): number {
  return parseInt(sha256Hex(ballotId).slice(0, 8), 16) % shards;
}

/** Everything the store writes for one accepted ballot, in one transaction. */
export function ballotWrite(deps: Pick<Deps, 'ids'>, p: PlacedBallot, extra: { sheet?: Ballot['sheet']; invitationId?: string } = {}): BallotWrite {
  const ballotId = deps.ids.uuid();
  const receivedAt = p.now.toISOString();
  const ballot: Ballot = {
    ballotId,
    clientBallotId: p.req.clientBallotId,
    receiptId: deps.ids.shortId(10),
    roundId: p.round.id,
    targetId: p.target.id,
    ...(p.windowId ? { windowId: p.windowId } : {}),
    channel: p.channel,
    answers: p.req.answers,
    ...(p.req.comment ? { comment: p.req.comment } : {}),
    evaluator: p.evaluator,
    ...(extra.sheet ? { sheet: extra.sheet } : {}),
    receivedAt,
    shard: shardOf(ballotId, p.round.tallyShards),
  };
  const receipt: Receipt = {
    receiptId: ballot.receiptId,
    clientBallotId: p.req.clientBallotId,
    roundId: p.round.id,
    roundName: p.round.name,
    targetId: p.target.id,
    targetName: p.target.name,
    channel: p.channel,
    receivedAt,
  };
  return {
    ballot,
    receipt,
    idempotencyKey: idempotencyKeyOf(p.evaluator, p.req.clientBallotId),
    fingerprint: fingerprintOf(p.req),
    dedupeKey: dedupeKeyOf(p),
    tallyCells: tallyKeys(p.form, p.req.answers),
    ...(p.req.comment ? { staffComment: scrubComment(p.req.comment) } : {}),
    ...(extra.invitationId ? { invitationId: extra.invitationId } : {}),
  };
}
