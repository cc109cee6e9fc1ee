import type { ChannelKind } from '@shared/model/channel';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import { ratingUnit, type SchemeForms } from '@shared/model/scheme-forms';
import { canonicalJson, sha256Hex } from '../crypto';

const CHINA_OFFSET_MS = 8 * 3600_000;

/** Stable per evaluator and client ballot id, so a retry finds the first receipt. */
export const idempotencyKeyOf = (evaluator: string, clientBallotId: string) => sha256Hex(`${evaluator}|${clientBallotId}`);

/** Multi answers in a fixed order, so the same ballot always has the same fingerprint. */
export function normaliseAnswers(answers: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]));
}

/**
 * A digest of what the ballot says (the fields its entry point names): a retry must say the
 * same thing. Citizen ballots name token, round, target, answers and comment; sheets their whole
 * request; phone rows target and answers.
 * @example fingerprintOf({ targetId: 's11', answers: { overall: 'good' } })
 */
export function fingerprintOf(fields: { answers: Record<string, string | string[]> } & Record<string, unknown>): string {
  return sha256Hex(canonicalJson({ ...fields, answers: normaliseAnswers(fields.answers) }));
}

/** What the dedupe rule looks at. */
export interface DedupeFacts {
  round: Pick<Round, 'id' | 'windowDedupeHours'>;
  target: Pick<OrgNode, 'id'>;
  channel: ChannelKind;
  /** Set for window ballots: the dedupe key is per window, and breakdowns need it. */
  windowId?: string;
  evaluator: string;
  now: Date;
  /** The scheme's dedupe rule (`SchemeForms.dedupe`): what one rating is. */
  scheme: Pick<SchemeForms, 'dedupe'>;
}

/**
 * The dedupe marker's key for a ballot a citizen or panel member files: what counts as one
 * rating, by the scheme's rule (`ratingUnit`).
 *  - `round` (the default): one per evaluator per target per round, whatever the channel or
 *    window — window w1, window w2 and the sampling link of one section share this key;
 *  - `visit`: a window ballot in a round rating the windows themselves, when the scheme rates
 *    each visit — one per evaluator per window per period (CST-aligned, default a day);
 *  - `apart`: the channel's own key, once per target per round (a hearing sheet beside the
 *    member's directed ballot).
 * Sheets and phone rows name their own keys (their period, their call). The formats are those
 * main used, so markers written before this rule still hold.
 */
export function dedupeKeyOf(p: DedupeFacts): string {
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
