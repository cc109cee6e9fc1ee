import { AppError } from '@shared/errors';
import { ballotLogLines, byLeafOrder, loggedBallot, type LoggedBallot } from '@shared/publication/ballot-log';
import type { Round } from '@shared/model/round';
import { proofFromBlock, MERKLE_TREE, type InclusionProof } from '@shared/publication/merkle';
import type { Deps } from './deps';
import { getRoundOrThrow } from './rounds-admin';
import { readPublication } from './publication';
import { loggedBallots, TREE_BLOCK_SIZE } from './ballot-tree';
import { shardOf } from './ballots/keys';
import { openIndexCursor, sealCursor } from './public-cursor';

/* What anyone may check after publication: one receipt's inclusion proof, and the whole ballot log. */

/** One receipt's place in a published version's tree (shared/api/proofs.ts is its wire form). */
export interface BallotInclusion {
  roundId: string;
  version: number;
  /** sha256 of the snapshot: the root below is inside those bytes. */
  hash: string;
  tree: typeof MERKLE_TREE;
  root: string;
  digest: string;
  ballotId: string;
  proof: InclusionProof;
  /** Set when this version leaves the ballot out of the numbers (it is still a leaf). */
  voided?: { reason: string; voidedAt: string };
}

/**
 * The inclusion proof of one receipt's digest in a published version (the latest unless named):
 * two item reads (the block that would hold it, and the block roots) whatever the round's size.
 */
export async function inclusionOf(deps: Deps, roundId: string, digest: string, version?: number): Promise<BallotInclusion> {
  const { stored, snapshot } = await readPublication(deps, roundId, version);
  const published = snapshot.ballotTree;
  const data = published ? await deps.store.publications.ballotTreeBlock(roundId, stored.version, digest) : undefined;
  const at = data?.block?.leaves.indexOf(digest) ?? -1;
  if (!published || !data?.block || at < 0) throw new AppError('RECEIPT_NOT_PUBLISHED', { roundId, version: stored.version, digest });
  const proof = proofFromBlock(data.block.leaves, data.block.index, at, data.roots, data.size, data.blockSize);
  const ballotId = data.block.ballotIds[at]!;
  const v = snapshot.voided.find((x) => x.ballotId === ballotId);
  return {
    roundId,
    version: stored.version,
    hash: stored.hash,
    tree: MERKLE_TREE,
    root: published.root,
    digest,
    ballotId,
    proof,
    ...(v ? { voided: { reason: v.reason, voidedAt: v.voidedAt } } : {}),
  };
}

/** Ballots per page of the public log: ≈ 2 MB of JSON lines, well inside Lambda's 6 MB answer. */
export const BALLOT_LOG_PAGE = 5000;

/**
 * The public ballot log of a published round (shared/publication/ballot-log.ts): a header, then
 * one line per ballot, in **leaf order** (ascending digest: the order of the published Merkle
 * tree, which says nothing about when a ballot came), in pages of `pageSize` leaves. `after` is
 * the cursor the previous page's header named as `next`: the sealed index of the page's first
 * leaf (public-cursor.ts), so it holds no time and no ballot id, and one the server did not hand
 * out is a 400. A round that fits one page is one file.
 *
 * A page reads the tree blocks that hold its leaves and then exactly those ballots (the blocks
 * keep each ballot's key), so a page costs O(page), not O(round). Each line is made from the
 * ballot as stored now, digest recomputed: a ballot edited after publication shows as a root that
 * no longer matches, and one deleted is a missing line (the size no longer matches). Only once
 * published: a log of an open round, downloaded twice, would show who just rated what.
 */
export async function ballotLog(deps: Deps, roundId: string, after?: string, pageSize = BALLOT_LOG_PAGE): Promise<string> {
  const round = await getRoundOrThrow(deps, roundId);
  if (round.status !== 'published') throw new AppError('PUBLICATION_NOT_FOUND', { roundId });
  const context = `ballot-log:${roundId}`;
  const from = after === undefined ? 0 : openIndexCursor(deps.secrets.tokenKey, context, after, 'after', Number.MAX_SAFE_INTEGER);
  const page = (await leafPage(deps, round, from, pageSize)) ?? (await wholeRoundPage(deps, round, from, pageSize));
  if (after !== undefined && from >= page.size) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'after', message: 'not a cursor this listing gave' }] });
  const nextAt = from + pageSize;
  const next = nextAt < page.size ? sealCursor(deps.secrets.tokenKey, context, String(nextAt)) : undefined;
  return ballotLogLines(roundId, page.lines, { ...(after ? { after } : {}), ...(next ? { next } : {}) }).join('');
}

type LogPage = { lines: LoggedBallot[]; size: number };

/** Leaves `from` … `from + count − 1` of the latest version's stored tree, read ballot by ballot; undefined when the tree's blocks cannot say where their ballots are (stored before the log was paged by leaf). */
async function leafPage(deps: Deps, round: Round, from: number, count: number): Promise<LogPage | undefined> {
  const version = round.publishedVersion;
  if (version === undefined) return undefined;
  const blockSize = TREE_BLOCK_SIZE;
  const got = await deps.store.publications.ballotTreeBlocks(round.id, version, Math.floor(from / blockSize), Math.floor((from + count - 1) / blockSize));
  if (!got || got.blockSize !== blockSize || got.blocks.some((b) => !b.receivedAt)) return undefined;
  const refs = got.blocks.flatMap((b) =>
    b.ballotIds.map((ballotId, i) => ({ at: b.index * blockSize + i, ballotId, receivedAt: b.receivedAt![i]!, shard: shardOf(ballotId, round.tallyShards) })),
  ).filter((r) => r.at >= from && r.at < from + count);
  const ballots = await deps.store.ballots.getBallots(round.id, refs);
  // A leaf whose ballot is gone has no line: the recount then finds the size and root wrong.
  const lines = refs.flatMap((r) => {
    const b = ballots.get(r.ballotId);
    return b ? [loggedBallot(b)] : [];
  });
  return { lines, size: got.size };
}

/** The same page from every ballot of the round sorted by digest: rounds published before the tree kept ballot keys. */
async function wholeRoundPage(deps: Deps, round: Round, from: number, count: number): Promise<LogPage> {
  const { entries } = await loggedBallots(deps, round);
  const sorted = entries.sort(byLeafOrder);
  return { lines: sorted.slice(from, from + count), size: sorted.length };
}
