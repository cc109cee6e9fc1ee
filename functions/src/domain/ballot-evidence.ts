import { AppError } from '@shared/errors';
import { ballotLogLines, loggedBallot } from '@shared/publication/ballot-log';
import type { Ballot } from '@shared/model/ballot';
import { proofFromBlock, MERKLE_TREE, type InclusionProof } from '@shared/publication/merkle';
import type { Deps } from './deps';
import { getRoundOrThrow } from './rounds-admin';
import { readPublication } from './publication';

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

/** Where a page starts: a shard, and the sort key after which it goes on. */
type LogCursor = { shard: number; sk?: string };

const encodeCursor = (c: LogCursor) => Buffer.from(JSON.stringify(c.sk === undefined ? [c.shard] : [c.shard, c.sk]), 'utf8').toString('base64url');

function decodeCursor(raw: string, shards: number): LogCursor {
  const bad = () => new AppError('VALIDATION_FAILED', { issues: [{ path: 'after', message: 'not a cursor this log gave' }] });
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(value) || value.length < 1 || value.length > 2) throw bad();
  const [shard, sk] = value as [unknown, unknown];
  if (!Number.isInteger(shard) || (shard as number) < 0 || (shard as number) >= shards) throw bad();
  if (sk !== undefined && (typeof sk !== 'string' || sk.length === 0 || sk.length > 120)) throw bad();
  return sk === undefined ? { shard: shard as number } : { shard: shard as number, sk: sk as string };
}

/**
 * The public ballot log of a published round (shared/publication/ballot-log.ts): a header, then
 * one line per stored ballot, in pages of `pageSize` ballots walked shard by shard in key order
 * (`after`: the cursor the previous page's header named as `next`). A round that fits one page
 * is one file, as before. Read from the ballots as they are now, so a ballot edited after
 * publication shows up as a root that no longer matches. Only once published: a log of an open
 * round, downloaded twice, would show who just rated what.
 */
export async function ballotLog(deps: Deps, roundId: string, after?: string, pageSize = BALLOT_LOG_PAGE): Promise<string> {
  const round = await getRoundOrThrow(deps, roundId);
  if (round.status !== 'published') throw new AppError('PUBLICATION_NOT_FOUND', { roundId });
  let at: LogCursor = after === undefined ? { shard: 0 } : decodeCursor(after, round.tallyShards);
  const ballots: Ballot[] = [];
  while (at.shard < round.tallyShards && ballots.length < pageSize) {
    const got = await deps.store.ballots.ballotPage(roundId, at.shard, pageSize - ballots.length, at.sk);
    ballots.push(...got.ballots);
    at = got.lastSk === undefined ? { shard: at.shard + 1 } : { shard: at.shard, sk: got.lastSk };
  }
  const next = at.shard < round.tallyShards ? encodeCursor(at) : undefined;
  return ballotLogLines(roundId, ballots.map(loggedBallot), { ...(after ? { after } : {}), ...(next ? { next } : {}) }).join('');
}
