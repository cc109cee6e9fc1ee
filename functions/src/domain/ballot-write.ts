import { tallyKeys, type Answers, type BallotForm } from '@shared/model/form';
import type { Ballot, Receipt } from '@shared/model/ballot';
import type { ChannelKind } from '@shared/model/channel';
import type { OrgNode } from '@shared/model/org';
import { ratingUnit, type SchemeForms } from '@shared/model/scheme-forms';
import type { Round } from '@shared/model/round';
import type { SubmitBallotRequest } from '@shared/api/ballots';
import type { BallotWrite, RateCounter } from '../ports';
import type { Deps } from './deps';
import { canonicalJson, sha256Hex } from './crypto';
import { scrubComment } from '@shared/privacy/scrub';
import { digestOfBallot } from '@shared/publication/ballot-log';

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
  /** The scheme's dedupe rule (`SchemeForms.dedupe`): what one rating is. */
  scheme: Pick<SchemeForms, 'dedupe'>;
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
 * The dedupe marker's key: what counts as one rating, by the scheme's rule (`ratingUnit`).
 *  - `round` (the default): one per evaluator per target per round, whatever the channel or
 *    window — window w1, window w2 and the sampling link of one section share this key;
 *  - `visit`: a window ballot in a round rating the windows themselves, when the scheme rates
 *    each visit — one per evaluator per window per period (CST-aligned, default a day);
 *  - `apart`: the channel's own key, once per target per round (a hearing sheet beside the
 *    member's directed ballot).
 * The formats are those main used, so markers written before this rule still hold.
 */
export function dedupeKeyOf(p: Pick<PlacedBallot, 'round' | 'target' | 'windowId' | 'evaluator' | 'now' | 'channel' | 'scheme'>): string {
  const unit = ratingUnit(p.scheme, p.channel, p.windowId !== undefined && p.windowId === p.target.id);
  if (unit === 'visit') {
    const period = Math.floor((p.now.getTime() + CHINA_OFFSET_MS) / (p.round.windowDedupeHours * 3600_000));
    return `${p.round.id}#W:${p.windowId}#${p.evaluator}#${period}`;
  }
  if (unit === 'apart') return `${p.round.id}#${p.target.id}#${p.evaluator}#${p.channel}`;
  return `${p.round.id}#${p.target.id}#${p.evaluator}#round`;
}

/** Stable shard from the ballot id, so a recount finds the ballot where its tally went. */
export function shardOf(ballotId: string, shards: number): number {
  return parseInt(sha256Hex(ballotId).slice(0, 8), 16) % shards;
}

/** Everything a ballot write needs once the ballot is checked, whoever filed it (citizen or account). */
export interface BallotParts {
  round: Round;
  target: OrgNode;
  channel: ChannelKind;
  windowId?: string;
  evaluator: string;
  clientBallotId: string;
  answers: Answers;
  comment?: string;
  sheet?: Ballot['sheet'];
  invitationId?: string;
  idempotencyKey: string;
  fingerprint: string;
  dedupeKey: string;
  form: BallotForm;
  now: Date;
  /** Conditional rate counters that ride in the ballot's transaction (rate-limits.ts). */
  rateCounters?: RateCounter[];
}

/**
 * The one place a Ballot and its Receipt are made (citizen ballots and account-filed sheets
 * alike): ids, shard, the sealing nonce and the digest the receipt carries and the publication's
 * Merkle tree will hold as the ballot's leaf.
 */
export function composeBallotWrite(deps: Pick<Deps, 'ids'>, p: BallotParts): BallotWrite {
  const ballotId = deps.ids.uuid();
  const receivedAt = p.now.toISOString();
  const unsigned: Ballot = {
    ballotId,
    clientBallotId: p.clientBallotId,
    receiptId: deps.ids.shortId(10),
    roundId: p.round.id,
    targetId: p.target.id,
    ...(p.windowId ? { windowId: p.windowId } : {}),
    channel: p.channel,
    answers: p.answers,
    ...(p.comment ? { comment: p.comment } : {}),
    evaluator: p.evaluator,
    ...(p.sheet ? { sheet: p.sheet } : {}),
    receivedAt,
    shard: shardOf(ballotId, p.round.tallyShards),
    nonce: deps.ids.uuid(),
  };
  const digest = digestOfBallot(unsigned);
  const ballot: Ballot = { ...unsigned, digest };
  const receipt: Receipt = {
    receiptId: ballot.receiptId,
    clientBallotId: p.clientBallotId,
    roundId: p.round.id,
    roundName: p.round.name,
    targetId: p.target.id,
    targetName: p.target.name,
    channel: p.channel,
    receivedAt,
    digest,
  };
  return {
    ballot,
    receipt,
    idempotencyKey: p.idempotencyKey,
    fingerprint: p.fingerprint,
    dedupeKey: p.dedupeKey,
    tallyCells: tallyKeys(p.form, p.answers),
    ...(p.comment ? { staffComment: scrubComment(p.comment) } : {}),
    ...(p.invitationId ? { invitationId: p.invitationId } : {}),
    ...(p.rateCounters?.length ? { rateCounters: p.rateCounters } : {}),
  };
}

/** A citizen ballot's write: its keys come from the request and the evaluator. */
export function ballotWrite(deps: Pick<Deps, 'ids'>, p: PlacedBallot, extra: { sheet?: Ballot['sheet']; invitationId?: string; rateCounters?: RateCounter[] } = {}): BallotWrite {
  return composeBallotWrite(deps, {
    round: p.round,
    target: p.target,
    channel: p.channel,
    ...(p.windowId ? { windowId: p.windowId } : {}),
    evaluator: p.evaluator,
    clientBallotId: p.req.clientBallotId,
    answers: p.req.answers,
    ...(p.req.comment ? { comment: p.req.comment } : {}),
    ...extra,
    idempotencyKey: idempotencyKeyOf(p.evaluator, p.req.clientBallotId),
    fingerprint: fingerprintOf(p.req),
    dedupeKey: dedupeKeyOf(p),
    form: p.form,
    now: p.now,
  });
}
