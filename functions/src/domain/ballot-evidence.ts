import { AppError } from '@shared/errors';
import { ballotLogLines } from '@shared/publication/ballot-log';
import { proofFromBlock, MERKLE_TREE, type InclusionProof } from '@shared/publication/merkle';
import type { Deps } from './deps';
import { loggedBallots } from './ballot-tree';
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

/**
 * The public ballot log of a published round (shared/publication/ballot-log.ts): header, then one
 * line per stored ballot in leaf order. Read from the ballots as they are now, so a ballot edited
 * after publication shows up as a root that no longer matches. Only once published: a log of an
 * open round, downloaded twice, would show who just rated what.
 */
export async function ballotLog(deps: Deps, roundId: string): Promise<string> {
  const round = await getRoundOrThrow(deps, roundId);
  if (round.status !== 'published') throw new AppError('PUBLICATION_NOT_FOUND', { roundId });
  const { entries } = await loggedBallots(deps, round);
  return ballotLogLines(roundId, entries).join('');
}
