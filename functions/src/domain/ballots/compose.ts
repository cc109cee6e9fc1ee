import type { ErrorCode } from '@shared/errors';
import { tallyKeys, type Answers, type BallotForm } from '@shared/model/form';
import type { Ballot, Receipt } from '@shared/model/ballot';
import type { ChannelKind } from '@shared/model/channel';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import { scrubComment } from '@shared/privacy/scrub';
import { digestOfBallot } from '@shared/publication/ballot-log';
import type { Deps } from '../deps';
import type { Session } from '../sessions';
import type { BallotFence, BallotWrite } from './port';
import type { RatePass, RateSubjects } from './rate-limits';
import { shardOf } from './keys';

/**
 * Where a ballot comes from, whatever its channel: the QR at a window, a published link, a
 * panel member's invitation or hearing sheet, an account's monitor or inspection sheet, a phone
 * survey row, a paper form keyed by a clerk. The source decides what the stored ballot keeps
 * beside its answers (`ballotFieldsOf`).
 */
export type BallotSource =
  | { kind: 'window'; window: OrgNode }
  | { kind: 'link' }
  | { kind: 'invitation'; invitationId: string }
  | { kind: 'hearing'; invitationId: string; hearingId?: string }
  | { kind: 'sheet'; sheet: NonNullable<Ballot['sheet']> & { kind: 'instant' | 'monthly' | 'inspection' } }
  | { kind: 'phone'; callId: string }
  /**
   * A printed form keyed by the office (or answered online through its QR): its serial is the
   * dedupe key the paper intake names; the postmark admits a late return.
   */
  | { kind: 'paper'; serial: string; paperKind?: string; postmarkedOn?: string; filledOn?: string };

/**
 * The one ballot type every entry point builds (routes, sheets, phone import, and paper
 * intake): who, what, where, when, from which source, under which keys. The pipeline checks it
 * (check.ts), composes it into the stored Ballot and Receipt (here), writes it in one
 * transaction and settles it.
 */
export interface BallotDraft {
  round: Round;
  target: OrgNode;
  channel: ChannelKind;
  source: BallotSource;
  evaluator: string;
  clientBallotId: string;
  /** Stable per evaluator and client ballot id (keys.ts `idempotencyKeyOf`). */
  idempotencyKey: string;
  /** What the ballot says (keys.ts `fingerprintOf`): a retry must say the same. */
  fingerprint: string;
  /** The dedupe marker's key when the entry names its own (a sheet's period, a call, a serial); otherwise the scheme's rule (keys.ts `dedupeKeyOf`). */
  dedupeKey?: string;
  answers: Answers;
  comment?: string;
  /** The code a second opinion on the same dedupe key gets (DUPLICATE_BALLOT, INVITATION_USED, or the entry's own). */
  duplicateCode: ErrorCode;
  /** Citizen and panel ballots: whom and where the rate limits count (rate-limits.ts); none for office-filed sheets. */
  rate?: RateSubjects;
  /** Citizen ballots: the session, judged by the own-unit rule (own-unit.ts). */
  session?: Session;
  /** The round's link version (link ballots) and the window's QR version (window ballots) the token carried, asserted again at commit. */
  fence: { samplingVersion?: number; qr?: BallotFence['qr'] };
  now: Date;
}

/** A draft the checks passed (check.ts): its form, its dedupe key and its rate counters. */
export interface CheckedBallot {
  draft: BallotDraft;
  form: BallotForm;
  dedupeKey: string;
  rate: RatePass;
}

/** What the stored ballot keeps of its source (beside channel, answers and comment). */
function ballotFieldsOf(source: BallotSource): Pick<Ballot, 'windowId' | 'sheet'> {
  switch (source.kind) {
    case 'window':
      return { windowId: source.window.id };
    case 'link':
    case 'invitation':
      return {};
    case 'hearing':
      return { sheet: { kind: 'hearing', ...(source.hearingId ? { hearingId: source.hearingId } : {}) } };
    case 'sheet':
      return { sheet: source.sheet };
    case 'phone':
      return { sheet: { kind: 'phone', callId: source.callId } };
    case 'paper':
      return {
        sheet: {
          kind: 'paper',
          serial: source.serial,
          ...(source.paperKind ? { paperKind: source.paperKind } : {}),
          ...(source.postmarkedOn ? { postmarkedOn: source.postmarkedOn } : {}),
          ...(source.filledOn ? { filledOn: source.filledOn } : {}),
        },
      };
  }
}

/** The invitation a ballot marks answered, in its own transaction. */
export function invitationOf(source: BallotSource): string | undefined {
  return source.kind === 'invitation' || source.kind === 'hearing' ? source.invitationId : undefined;
}

/**
 * The one place a Ballot and its Receipt are made, whatever the channel: ids, shard, the
 * sealing nonce and the digest the receipt carries and the publication's Merkle tree will hold
 * as the ballot's leaf; and the write that carries them with its keys, counters and fence.
 */
export function composeBallot(deps: Pick<Deps, 'ids'>, c: CheckedBallot): BallotWrite {
  const d = c.draft;
  const ballotId = deps.ids.uuid();
  const receivedAt = d.now.toISOString();
  const kept = ballotFieldsOf(d.source);
  const unsigned: Ballot = {
    ballotId,
    clientBallotId: d.clientBallotId,
    receiptId: deps.ids.shortId(10),
    roundId: d.round.id,
    targetId: d.target.id,
    ...(kept.windowId ? { windowId: kept.windowId } : {}),
    channel: d.channel,
    answers: d.answers,
    ...(d.comment ? { comment: d.comment } : {}),
    evaluator: d.evaluator,
    ...(kept.sheet ? { sheet: kept.sheet } : {}),
    receivedAt,
    shard: shardOf(ballotId, d.round.tallyShards),
    nonce: deps.ids.uuid(),
  };
  const digest = digestOfBallot(unsigned);
  const ballot: Ballot = { ...unsigned, digest };
  const receipt: Receipt = {
    receiptId: ballot.receiptId,
    clientBallotId: d.clientBallotId,
    roundId: d.round.id,
    roundName: d.round.name,
    targetId: d.target.id,
    targetName: d.target.name,
    channel: d.channel,
    receivedAt,
    digest,
  };
  const invitationId = invitationOf(d.source);
  return {
    ballot,
    receipt,
    idempotencyKey: d.idempotencyKey,
    fingerprint: d.fingerprint,
    dedupeKey: c.dedupeKey,
    tallyCells: tallyKeys(c.form, d.answers),
    ...(d.comment ? { staffComment: scrubComment(d.comment) } : {}),
    ...(invitationId ? { invitationId } : {}),
    ...(c.rate.counters.length ? { rateCounters: c.rate.counters } : {}),
    fence: { round: { id: d.round.id, ...(d.fence.samplingVersion !== undefined ? { samplingVersion: d.fence.samplingVersion } : {}), ...(isLateReturn(d) ? { acceptClosed: true } : {}) }, ...(d.fence.qr ? { qr: d.fence.qr } : {}) },
  };
}

/**
 * A returned paper form dated inside the period (a postmark, or a dated sheet's own date) still
 * counts after the round closed, until it is published: the paper intake has checked the date
 * (paper/dates.ts `admitPaper`); the transaction still refuses a published or cancelled round.
 */
export function isLateReturn(d: Pick<BallotDraft, 'source' | 'round'>): boolean {
  return d.source.kind === 'paper' && Boolean(d.source.postmarkedOn ?? d.source.filledOn) && d.round.status !== 'published' && d.round.status !== 'cancelled' && d.round.status !== 'draft';
}

