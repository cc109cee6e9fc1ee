import { scrubComment } from './scrub';
import { sha256Hex } from '../draw/sha256';

/**
 * The disclosure policy: what each audience may see of citizen text, counts and times, and when.
 * This file is the policy; functions/src/domain/disclosure/ enforces it on every route that a
 * rated unit or the public can read (each route declares one of ROUTE_DISCLOSURES, and
 * tests/integration/disclosure-routes.test.ts fails for a readable route that does not).
 *
 * | data | public | citizen | staff of the rated unit | office (supervisor, admin) |
 * |---|---|---|---|---|
 * | who rated | never | never (their own receipts stay on their phone) | never | never (only an HMAC pseudonym is stored) |
 * | receipt id, ballot id, client ballot id | never | own receipt | never | yes |
 * | ballot time | never | own receipt | day only (CST), never the hour | yes |
 * | answers per ballot | ballot log, after publication | own receipt | never per ballot | yes |
 * | tallies, scores, rank | published versions | published versions | own unit's targets: after close; while open only in batches of ≥ k new ballots per target | live |
 * | comment text | never | own comment (on the phone) | scrubbed, own unit's targets, same timing as tallies, shuffled, day only; a voided ballot's comment never | as written, every read audited |
 * | rectification task from a ballot | never | never | scrubbed comment, no receipt or ballot id | same text; the receipt id as reference |
 * | subscription messages | — | — | task names and due days, from the staff view of the task | outbox |
 *
 * Task and evidence times (opened, started, uploaded) are office and staff actions, not ballots,
 * and stay precise; no ballot's time ever becomes one of them.
 */

/** What a route shows, and so which guard its answers go through. */
export const ROUTE_DISCLOSURES = ['office-only', 'staff-scoped', 'public', 'citizen-own'] as const;
export type RouteDisclosure = (typeof ROUTE_DISCLOSURES)[number];

/** The batch size k when a round names none: small enough to follow a busy window week by week, large enough that one ballot hides among ten. */
export const DEFAULT_STAFF_BATCH = 10;

/**
 * Comments newer than this are held back from a batch (they join the next one): a ballot whose
 * time is before the cut but whose write lands just after it cannot then surface on its own.
 */
export const COMMENT_SETTLE_MS = 60_000;

/** Fields no staff- or public-visible answer may carry (at any depth): they identify a ballot or its writer. */
export const BALLOT_IDENTIFYING_FIELDS = ['ballotId', 'receiptId', 'clientBallotId', 'evaluator', 'pseudonym', 'nonce', 'receivedAt', 'openid'] as const;

export type StaffPhase = { phase: 'final' } | { phase: 'batched'; k: number } | { phase: 'withheld' };

/**
 * How staff see a round now: closed and published rounds in full; an open (or draft) round in
 * batches of `staffBatch` (default DEFAULT_STAFF_BATCH) new ballots per target, or not at all
 * when `staffBatch` is 0.
 * @example staffPhase({ status: 'open' }) // { phase: 'batched', k: 10 }
 */
export function staffPhase(round: { status: string; staffBatch?: number }): StaffPhase {
  if (round.status === 'closed' || round.status === 'published') return { phase: 'final' };
  const k = round.staffBatch ?? DEFAULT_STAFF_BATCH;
  return k === 0 ? { phase: 'withheld' } : { phase: 'batched', k };
}

/**
 * Whether a target's disclosed view moves on: only once at least `k` ballots arrived since the
 * last batch, so two reads never differ by fewer than k ballots.
 * @example advances(10, 19, 10) // false
 */
export function advances(disclosed: number, live: number, k: number): boolean {
  return live >= disclosed + k;
}

/**
 * The China Standard Time day of an instant: all a unit learns of when a comment was made.
 * @example cstDay('2026-11-23T17:30:00Z') // '2026-11-24'
 */
export function cstDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Comments as staff get them: newest day first, and inside a day in an order keyed on the ballot
 * (a hash), never arrival order, so the newest comment is not the first one.
 * @example staffOrder([{ day: '2026-11-23', key: 'b1' }, { day: '2026-11-24', key: 'b2' }])[0].day // '2026-11-24'
 */
export function staffOrder<T extends { day: string; key: string }>(items: T[]): T[] {
  const rank = new Map(items.map((i) => [i.key, sha256Hex(`order|${i.key}`)]));
  return [...items].sort((a, b) => b.day.localeCompare(a.day) || rank.get(a.key)!.localeCompare(rank.get(b.key)!));
}

/**
 * The problem text of a rectification task opened from a bad ballot: the scrubbed comment (or
 * the answers chosen), never a receipt or ballot id.
 * @example ballotTaskProblem(['不满意'], '我叫张三，窗口没人') // '群众差评：我叫**，窗口没人'
 */
export function ballotTaskProblem(chosen: string[], comment?: string): string {
  const text = comment?.trim() ? scrubComment(comment.trim()) : chosen.join('、');
  return `群众差评：${text}`.slice(0, 1000);
}

/**
 * A task as a rated unit reads it: a task from a ballot loses its reference (the receipt id) and
 * its problem is scrubbed again, so tasks written before this policy (with "回执 …" and the
 * comment as written) are safe too.
 * @example staffTask({ source: 'ballot', sourceRef: 'R1', problem: '群众差评（回执 R1）：电话13812345678' }) // { source: 'ballot', problem: '群众差评：电话***********' }
 */
export function staffTask<T extends { source: string; sourceRef?: string; problem: string }>(task: T): T {
  if (task.source !== 'ballot') return task;
  const { sourceRef: _ref, ...rest } = task;
  return { ...rest, problem: scrubComment(task.problem.replace(/（回执\s*[^）]*）/g, '')) } as T;
}
