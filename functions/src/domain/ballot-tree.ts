import { AppError } from '@shared/errors';
import type { Round } from '@shared/model/round';
import { loggedBallot, type BallotTree, type LoggedBallot } from '@shared/publication/ballot-log';
import { blockRoots, rootOfBlocks, sortDigests, MERKLE_TREE } from '@shared/publication/merkle';
import type { Deps } from './deps';
import type { StoredBallotTree } from '../ports';

/** Leaves per stored block: 1,024 × (64-hex digest + uuid + receipt time) ≈ 130 KB, well under DynamoDB's 400 KB item. */
export const TREE_BLOCK_SIZE = 1024;

/** A round's ballots as log lines (digests recomputed from content), and those whose content no longer matches the digest stored at acceptance. */
export async function loggedBallots(
  deps: Deps,
  round: Round,
): Promise<{ entries: LoggedBallot[]; altered: Array<{ ballotId: string; stored: string; recomputed: string }>; receivedAt: Map<string, string> }> {
  const entries: LoggedBallot[] = [];
  const altered: Array<{ ballotId: string; stored: string; recomputed: string }> = [];
  const receivedAt = new Map<string, string>();
  for await (const b of deps.store.ballots.listBallots(round.id, round.tallyShards)) {
    const e = loggedBallot(b);
    // Ballots stored before digests existed have none to compare; their leaf is what they say now.
    if (b.digest !== undefined && b.digest !== e.digest) altered.push({ ballotId: b.ballotId, stored: b.digest, recomputed: e.digest });
    entries.push(e);
    receivedAt.set(b.ballotId, b.receivedAt);
  }
  return { entries, altered, receivedAt };
}

/**
 * The tree a publication commits to, built from the ballots as stored, with the ballots as log
 * lines (what the comment categories are counted from). A ballot whose content
 * no longer matches the digest its receipt carries was edited in the table after acceptance:
 * publishing would put numbers on the record that the citizens' receipts contradict, so nothing
 * is published and the ballots are named.
 */
export async function ballotTreeForPublication(deps: Deps, round: Round): Promise<{ tree: BallotTree; stored: StoredBallotTree; entries: LoggedBallot[] }> {
  const { entries, altered, receivedAt } = await loggedBallots(deps, round);
  if (altered.length > 0) throw new AppError('BALLOT_DIGEST_MISMATCH', { ballots: altered.slice(0, 50).map((a) => a.ballotId), count: altered.length });
  const byDigest = new Map(entries.map((e) => [e.digest, e.ballotId]));
  const leaves = sortDigests(entries.map((e) => e.digest));
  const blocks: StoredBallotTree['blocks'] = [];
  for (let at = 0, index = 0; at < leaves.length; at += TREE_BLOCK_SIZE, index++) {
    const block = leaves.slice(at, at + TREE_BLOCK_SIZE);
    const ballotIds = block.map((d) => byDigest.get(d)!);
    blocks.push({ index, leaves: block, ballotIds, receivedAt: ballotIds.map((id) => receivedAt.get(id)!) });
  }
  const roots = blockRoots(leaves, TREE_BLOCK_SIZE);
  const tree: BallotTree = { tree: MERKLE_TREE, size: leaves.length, root: rootOfBlocks(roots) };
  return { tree, stored: { blockSize: TREE_BLOCK_SIZE, size: leaves.length, roots, blocks }, entries };
}
