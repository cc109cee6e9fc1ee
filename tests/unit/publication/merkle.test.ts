import { createHash } from 'node:crypto';
import {
  blockRoots,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  merkleRoot,
  nodeHash,
  proofFromBlock,
  rootFromProof,
  rootOfBlocks,
  sortDigests,
  verifyInclusion,
} from '@shared/publication/merkle';
import { ballotDigest, ballotLogLines, loggedBallot, parseBallotLog, sealOf } from '@shared/publication/ballot-log';
import { commentLexiconStamp } from '@shared/publication/comment-categories';
import type { Ballot } from '@shared/model/ballot';

const h = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const hex = (b: Buffer) => b.toString('hex');
const digest = (i: number) => hex(h(Buffer.from(`ballot-${i}`)));
const digests = (n: number) => sortDigests(Array.from({ length: n }, (_, i) => digest(i)));

/** RFC 9162 §2.1.1 MTH, written out independently with Node's crypto: the reference the tree is checked against. */
function referenceRoot(leaves: string[]): string {
  if (leaves.length === 0) return hex(h());
  if (leaves.length === 1) return hex(h(Buffer.from([0]), Buffer.from(leaves[0]!, 'hex')));
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return hex(h(Buffer.from([1]), Buffer.from(referenceRoot(leaves.slice(0, k)), 'hex'), Buffer.from(referenceRoot(leaves.slice(k)), 'hex')));
}

describe('Merkle tree (RFC 6962 shape)', () => {
  it('empty and one-leaf trees', () => {
    expect(merkleRoot([])).toBe(EMPTY_ROOT);
    expect(EMPTY_ROOT).toBe(hex(h()));
    const d = digest(0);
    expect(merkleRoot([d])).toBe(leafHash(d));
    expect(merkleRoot([d])).not.toBe(d);
    const proof = inclusionProof([d], 0);
    expect(proof).toEqual({ index: 0, size: 1, path: [] });
    expect(verifyInclusion(d, proof, { root: merkleRoot([d]), size: 1 })).toBe(true);
  });

  it('matches the recursive RFC 9162 definition for every size up to 70 (odd sizes promote the last node)', () => {
    for (let n = 1; n <= 70; n++) expect([n, merkleRoot(digests(n))]).toEqual([n, referenceRoot(digests(n))]);
    const [a, b, c] = digests(3) as [string, string, string];
    expect(merkleRoot([a, b, c])).toBe(nodeHash(nodeHash(leafHash(a), leafHash(b)), leafHash(c)));
  });

  it('every leaf of every size up to 40 has a proof that verifies, and only at its own index', () => {
    for (let n = 1; n <= 40; n++) {
      const leaves = digests(n);
      const root = { root: merkleRoot(leaves), size: n };
      leaves.forEach((d, i) => {
        const proof = inclusionProof(leaves, i);
        expect(verifyInclusion(d, proof, root)).toBe(true);
        if (n > 1) expect(verifyInclusion(d, { ...proof, index: (i + 1) % n }, root)).toBe(false);
      });
    }
  });

  it('fails on a tampered sibling, a tampered leaf, a wrong size, a short or long path, bad hex', () => {
    const leaves = digests(13);
    const root = { root: merkleRoot(leaves), size: 13 };
    const proof = inclusionProof(leaves, 6);
    const flip = (s: string) => (s[0] === 'a' ? 'b' : 'a') + s.slice(1);
    for (let k = 0; k < proof.path.length; k++) {
      const path = [...proof.path];
      path[k] = flip(path[k]!);
      expect(verifyInclusion(leaves[6]!, { ...proof, path }, root)).toBe(false);
    }
    expect(verifyInclusion(flip(leaves[6]!), proof, root)).toBe(false);
    // Leaf 6's path has the same shape in a tree of 12: only the published size tells them apart.
    expect(rootFromProof(leaves[6]!, { ...proof, size: 12 })).toBe(root.root);
    expect(verifyInclusion(leaves[6]!, { ...proof, size: 12 }, root)).toBe(false);
    expect(verifyInclusion(leaves[6]!, proof, { ...root, size: 12 })).toBe(false);
    expect(rootFromProof(leaves[6]!, { ...proof, path: proof.path.slice(1) })).toBeUndefined();
    expect(rootFromProof(leaves[6]!, { ...proof, path: [...proof.path, leaves[0]!] })).toBeUndefined();
    expect(rootFromProof(leaves[6]!, { ...proof, path: proof.path.map((p) => p.toUpperCase()) })).toBeUndefined();
    expect(rootFromProof('zz', proof)).toBeUndefined();
    expect(rootFromProof(leaves[6]!, { ...proof, index: 13 })).toBeUndefined();
  });

  it('a proof from one stored block and the block roots is the whole tree’s proof', () => {
    for (const n of [1, 4, 5, 8, 9, 17, 31, 33]) {
      const leaves = digests(n);
      const roots = blockRoots(leaves, 4);
      expect(merkleRoot(leaves)).toBe(roots.length === 1 ? roots[0] : referenceOverNodes(roots));
      expect(rootOfBlocks(roots)).toBe(merkleRoot(leaves));
      leaves.forEach((_, i) => {
        const b = Math.floor(i / 4);
        expect(proofFromBlock(leaves.slice(b * 4, b * 4 + 4), b, i % 4, roots, n, 4)).toEqual(inclusionProof(leaves, i));
      });
    }
    expect(rootOfBlocks([])).toBe(EMPTY_ROOT);
    expect(() => blockRoots(digests(3), 6)).toThrow('power of two');
  });
});

/** Bottom-up pairing over already-hashed nodes, for the block-roots check. */
function referenceOverNodes(nodes: string[]): string {
  let level = nodes;
  while (level.length > 1) {
    const up: string[] = [];
    for (let i = 0; i < level.length; i += 2) up.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
    level = up;
  }
  return level[0]!;
}

describe('ballot log lines', () => {
  const ballot: Ballot = {
    ballotId: '6f1c8e2a-7d43-4c4e-9a55-0c7f1b8f6b11',
    clientBallotId: '2f1c8e2a-7d43-4c4e-9a55-0c7f1b8f6b11',
    receiptId: 'R7K2M9Q4TZ',
    roundId: 'r1',
    targetId: 's11',
    windowId: 'w111',
    channel: 'window',
    answers: { overall: 'unsatisfied' },
    comment: '我叫张三，电话13800000000，排队太久',
    evaluator: 'pseudonym-of-someone',
    receivedAt: '2026-11-23T08:00:00.000Z',
    shard: 2,
    nonce: 'a-random-nonce',
  };

  it('shows only what the numbers need; the rest is sealed under a nonce', () => {
    const line = loggedBallot(ballot);
    expect(Object.keys(line).sort()).toEqual(['answers', 'ballotId', 'channel', 'commentCategories', 'digest', 'roundId', 'sealed', 'targetId']);
    // The comment's category instead of its words.
    expect(line.commentCategories).toEqual(['efficiency']);
    const text = JSON.stringify(line);
    for (const secret of ['pseudonym-of-someone', 'R7K2M9Q4TZ', '张三', '13800000000', 'w111', '08:00', 'a-random-nonce', '排队']) expect(text).not.toContain(secret);
    expect(line.digest).toBe(ballotDigest({ ...line, digest: undefined } as never));
    // The categories are outside the leaf: receipts issued before them stay leaves.
    expect(ballotDigest({ ...line, commentCategories: ['graft'] } as never)).toBe(line.digest);
    expect(loggedBallot({ ...ballot, comment: undefined }).commentCategories).toBeUndefined();
    // Any change to a sealed field, or another nonce, changes the seal and so the leaf.
    expect(sealOf({ ...ballot, comment: '排队太久' })).not.toBe(line.sealed);
    expect(sealOf({ ...ballot, nonce: 'another' })).not.toBe(line.sealed);
    expect(loggedBallot({ ...ballot, answers: { overall: 'satisfied' } }).digest).not.toBe(line.digest);
  });

  it('round-trips through the file format, sorted by digest, and names malformed lines', () => {
    const lines = ballotLogLines('r1', [loggedBallot(ballot), loggedBallot({ ...ballot, ballotId: 'b2', nonce: 'n2' })]);
    const parsed = parseBallotLog(lines.join(''));
    expect(parsed.problems).toEqual([]);
    expect(parsed.header).toMatchObject({ roundId: 'r1', ballots: 2, commentLexicon: commentLexiconStamp() });
    expect(parsed.ballots.map((b) => b.commentCategories)).toEqual([['efficiency'], ['efficiency']]);
    // A log written before comment categories still reads.
    const older = parseBallotLog(lines.map((l) => l.replace(/,"commentLexicon":\{[^}]*\}/, '').replace(/"commentCategories":\["efficiency"\],/, '')).join(''));
    expect([older.problems, older.header?.commentLexicon, older.ballots.map((b) => b.commentCategories)]).toEqual([[], undefined, [undefined, undefined]]);
    const unknown = parseBallotLog(lines[0] + lines[1]!.replace('"efficiency"', '"rudeness"') + lines[2]);
    expect(unknown.problems).toEqual([expect.stringMatching(/^line 2: commentCategories\.0: /), 'header says 2 ballots, the log has 1']);
    expect(parsed.ballots.map((b) => b.digest)).toEqual(sortDigests(parsed.ballots.map((b) => b.digest)));
    const broken = parseBallotLog([lines[0], '{"ballotId":1}\n', 'not json\n'].join(''));
    expect(broken.problems).toEqual([expect.stringMatching(/^line 2: /), 'line 3: not JSON', 'header says 2 ballots, the log has 0']);
  });
});
