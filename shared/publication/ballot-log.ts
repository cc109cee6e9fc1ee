import { z } from 'zod';
import { Answers } from '../model/form';
import { ChannelKind } from '../model/channel';
import type { Ballot } from '../model/ballot';
import { sha256Hex } from '../draw/sha256';
import { canonicalJson } from './canonical';
import { merkleRoot, sortDigests, MERKLE_TREE } from './merkle';
import { classifyComment, commentLexiconStamp, CommentCategoryId, CommentLexiconStamp } from './comment-categories';

/**
 * The public ballot log: one line per stored ballot of a round, enough to recount every published
 * number and rebuild the published Merkle root, and nothing that points at a person.
 *
 * A ballot is split in two:
 * - public: ballot id (the void list names it), round, target, channel, answers — what the
 *   numbers are made of;
 * - sealed: receipt id, client ballot id, exact time, window, comment, sheet notes, committed to
 *   by `sealed` = SHA-256 over them and a random per-ballot nonce kept in the store. The time and
 *   window would let the staff who served a citizen at 10:32 find that citizen's answers; the
 *   comment may name them; the nonce stops anyone confirming a guessed comment against the hash.
 * The evaluator pseudonym is in neither part.
 *
 * digest = SHA-256(canonical JSON of { format, public part, sealed }): computed when the ballot is
 * accepted, handed to the citizen on the receipt, stored with the ballot, and the ballot's leaf in
 * the publication's Merkle tree (merkle.ts).
 *
 * Beside them, outside the digest, a line names its comment's complaint categories
 * (`commentCategories`, comment-categories.ts; absent when none): what the main problems count
 * from comments, without the words. They are derived from the sealed comment, so they need no
 * commitment of their own, and leaving them out of the digest keeps every receipt issued before
 * them (and after any lexicon change) a leaf. The header names the lexicon they were derived with.
 */
export const BALLOT_DIGEST_FORMAT = 'pingyi-ballot/1';
export const BALLOT_LOG_FORMAT = 'pingyi-ballot-log/1';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const LoggedBallot = z.strictObject({
  ballotId: z.string().min(1).max(64),
  roundId: z.string(),
  targetId: z.string(),
  channel: ChannelKind,
  answers: Answers,
  sealed: Hex64,
  /** The comment's complaint categories, sorted (not part of the digest). */
  commentCategories: z.array(CommentCategoryId).min(1).optional(),
  /** The leaf: `ballotDigest` of the fields above (a convenience for finding one's receipt; the recount recomputes it). */
  digest: Hex64,
});
export type LoggedBallot = z.infer<typeof LoggedBallot>;

/** The log's first line. */
export const BallotLogHeader = z.strictObject({
  format: z.literal(BALLOT_LOG_FORMAT),
  roundId: z.string(),
  ballots: z.number().int().min(0),
  tree: z.literal(MERKLE_TREE),
  /** The lexicon the lines' `commentCategories` come from (absent in logs written before them). */
  commentLexicon: CommentLexiconStamp.optional(),
  /**
   * A large round's log comes in pages (the API's answers must stay small): `after` is the cursor
   * this page was asked for (absent on the first), `next` the one to ask for the following page
   * (absent on the last). `ballots` counts this page's lines. Cursors are opaque: a sealed leaf
   * index, never a time or a ballot id.
   */
  after: z.string().min(1).max(200).optional(),
  next: z.string().min(1).max(200).optional(),
});
export type BallotLogHeader = z.infer<typeof BallotLogHeader>;

/** What the snapshot records about the ballots: the tree, its size and root. */
export const BallotTree = z.object({ tree: z.literal(MERKLE_TREE), size: z.number().int().min(0), root: Hex64 });
export type BallotTree = z.infer<typeof BallotTree>;

type SealedFields = Pick<Ballot, 'receiptId' | 'clientBallotId' | 'receivedAt' | 'windowId' | 'comment' | 'sheet' | 'nonce'>;

/** The commitment to a ballot's private part. A ballot stored before nonces existed seals with an empty one. */
export function sealOf(b: SealedFields): string {
  return sha256Hex(canonicalJson({ nonce: b.nonce ?? '', receiptId: b.receiptId, clientBallotId: b.clientBallotId, receivedAt: b.receivedAt, windowId: b.windowId, comment: b.comment, sheet: b.sheet }));
}

/**
 * The digest of a ballot's public part and seal.
 * @example ballotDigest({ ballotId: 'b1', roundId: 'r1', targetId: 's11', channel: 'window', answers: { overall: 'satisfied' }, sealed: '00'.repeat(32) }) // 64 hex chars
 */
export function ballotDigest(e: Omit<LoggedBallot, 'digest' | 'commentCategories'>): string {
  return sha256Hex(canonicalJson({ format: BALLOT_DIGEST_FORMAT, ballotId: e.ballotId, roundId: e.roundId, targetId: e.targetId, channel: e.channel, answers: e.answers, sealed: e.sealed }));
}

const digestedPart = (b: Ballot) => ({ ballotId: b.ballotId, roundId: b.roundId, targetId: b.targetId, channel: b.channel, answers: b.answers, sealed: sealOf(b) });

/** A ballot's digest (its Merkle leaf and receipt digest) without building its log line: the write path. */
export function digestOfBallot(b: Ballot): string {
  return ballotDigest(digestedPart(b));
}

/** A stored ballot as its log line (the digest recomputed from the content, never copied). */
export function loggedBallot(b: Ballot): LoggedBallot {
  const entry = digestedPart(b);
  const categories = classifyComment(b.comment);
  return { ...entry, ...(categories.length > 0 ? { commentCategories: categories } : {}), digest: ballotDigest(entry) };
}

/**
 * Leaf order: ascending digest (ties, which need two ballots with one digest, by ballot id). The
 * one order of the tree, the log, its pages and the proofs, chosen because it says nothing about
 * when a ballot came or where; the order ballots were received in is not published anywhere.
 * @example [b2, b1].sort(byLeafOrder) // the one with the smaller digest first
 */
export const byLeafOrder = (a: Pick<LoggedBallot, 'digest' | 'ballotId'>, b: Pick<LoggedBallot, 'digest' | 'ballotId'>): number =>
  a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : a.ballotId.localeCompare(b.ballotId);

/** The log's (or a page's) lines in leaf order (by digest), header first, each canonical JSON, `\n`-terminated. */
export function ballotLogLines(roundId: string, entries: LoggedBallot[], page: { after?: string; next?: string } = {}): string[] {
  const sorted = [...entries].sort(byLeafOrder);
  const header: BallotLogHeader = {
    format: BALLOT_LOG_FORMAT,
    roundId,
    ballots: sorted.length,
    tree: MERKLE_TREE,
    commentLexicon: commentLexiconStamp(),
    ...(page.after ? { after: page.after } : {}),
    ...(page.next ? { next: page.next } : {}),
  };
  return [header, ...sorted].map((l) => `${canonicalJson(l)}\n`);
}

/** The tree a set of ballots commits to. */
export function ballotTreeOf(digests: readonly string[]): BallotTree {
  return { tree: MERKLE_TREE, size: digests.length, root: merkleRoot(sortDigests(digests)) };
}

/** A log file read back: its ballots, or every line that is not what the format says. */
export function parseBallotLog(text: string): { header?: BallotLogHeader; ballots: LoggedBallot[]; problems: string[] } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const problems: string[] = [];
  const NOT_JSON = Symbol('not JSON');
  const json = (line: string, n: number): unknown => {
    try {
      return JSON.parse(line);
    } catch {
      problems.push(`line ${n}: not JSON`);
      return NOT_JSON;
    }
  };
  const head = BallotLogHeader.safeParse(lines[0] === undefined ? undefined : json(lines[0], 1));
  // (a first line that is not JSON is reported once, as not JSON, and again as not a header)
  if (!head.success) problems.push(`line 1: not a ${BALLOT_LOG_FORMAT} header`);
  const ballots: LoggedBallot[] = [];
  lines.slice(1).forEach((line, i) => {
    const value = json(line, i + 2);
    if (value === NOT_JSON) return;
    const parsed = LoggedBallot.safeParse(value);
    if (!parsed.success) problems.push(`line ${i + 2}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    else ballots.push(parsed.data);
  });
  if (head.success && head.data.ballots !== ballots.length) problems.push(`header says ${head.data.ballots} ballots, the log has ${ballots.length}`);
  return { ...(head.success ? { header: head.data } : {}), ballots, problems };
}

type ParsedLog = ReturnType<typeof parseBallotLog>;

/**
 * The pages of one log read back as one: they must chain (the first asked with no cursor, each
 * next one asked with the cursor the one before named, the last naming none) and agree on round,
 * format and lexicon, so a page left out or taken from another round is a problem, not a silently
 * smaller recount.
 */
export function joinBallotLogPages(pages: ParsedLog[]): ParsedLog {
  const problems = pages.flatMap((p, i) => p.problems.map((x) => `page ${i + 1}: ${x}`));
  const headers = pages.map((p) => p.header);
  headers.forEach((h, i) => {
    if (!h) return;
    const expected = i === 0 ? undefined : headers[i - 1]?.next;
    if (h.after !== expected) problems.push(`page ${i + 1} was asked with cursor ${h.after ?? 'none'}, the page before names ${expected ?? 'none'}: pages are missing or out of order`);
    const first = headers[0];
    if (first && (h.roundId !== first.roundId || canonicalJson(h.commentLexicon ?? null) !== canonicalJson(first.commentLexicon ?? null))) problems.push(`page ${i + 1} is of round ${h.roundId} or another lexicon than page 1`);
  });
  const last = headers.at(-1);
  if (last?.next) problems.push(`the last page names a next page (${last.next}): the log is incomplete`);
  // Pages are consecutive runs of leaves; joined, the ballots are in leaf order whatever order a
  // tampered page put them in (the recount sorts the digests again anyway).
  const ballots = pages.flatMap((p) => p.ballots).sort(byLeafOrder);
  const seen = new Set<string>();
  for (const b of ballots) {
    if (seen.has(b.ballotId)) problems.push(`ballot ${b.ballotId} is on more than one page`);
    seen.add(b.ballotId);
  }
  const first = headers[0];
  if (!first) return { ballots, problems };
  const { after: _a, next: _n, ...rest } = first;
  return { header: { ...rest, ballots: ballots.length }, ballots, problems };
}
