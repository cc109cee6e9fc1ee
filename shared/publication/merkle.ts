import { sha256 } from '../draw/sha256';

/**
 * The Merkle tree a publication commits the round's ballots to (RFC 6962 / RFC 9162 shape, with
 * SHA-256): leaf = H(0x00 ‖ digest), node = H(0x01 ‖ left ‖ right), built bottom-up with a lone
 * last node promoted unchanged to the next level. The 0x00/0x01 prefixes stop an inner node being
 * passed off as a leaf. Leaves are the ballots' 32-byte digests (hex) in ascending order, so
 * anyone holding the ballot log rebuilds the same root, and the order says nothing about time.
 *
 * Built in a tree, not a hash chain, so accepting a ballot never waits for the previous one: the
 * tree is computed once, at publication.
 */
export const MERKLE_TREE = 'rfc6962-sha256';

/** The root of an empty tree: SHA-256 of no bytes (RFC 9162 §2.1.1). */
export const EMPTY_ROOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** An inclusion proof: where the leaf sits, how many leaves the tree has, and the siblings from the leaf up. */
export interface InclusionProof {
  index: number;
  size: number;
  path: string[];
}

const HEX64 = /^[0-9a-f]{64}$/;
const HEX_PAIRS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const NIBBLE: Record<string, number> = Object.fromEntries([...'0123456789abcdef'].map((c, i) => [c, i]));

function fromHex(hex: string): Uint8Array {
  if (!HEX64.test(hex)) throw new Error(`merkle: not a 32-byte lowercase hex digest: ${hex.slice(0, 80)}`);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = (NIBBLE[hex[2 * i]!]! << 4) | NIBBLE[hex[2 * i + 1]!]!;
  return out;
}

function hexOf(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX_PAIRS[bytes[i]!];
  return s;
}

// Nodes are hashed as bytes; hex only at the edges (a 100,000-ballot tree is 200,000 hashes).
const leafBytes = (digest: Uint8Array): Uint8Array => sha256(prefixed(0, digest));
const nodeBytes = (left: Uint8Array, right: Uint8Array): Uint8Array => sha256(prefixed(1, left, right));

function prefixed(prefix: number, ...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(1 + parts.reduce((n, p) => n + p.length, 0));
  out[0] = prefix;
  let at = 1;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** @example leafHash('00'.repeat(32)) // H(0x00 ‖ 32 zero bytes), hex */
export const leafHash = (digest: string): string => hexOf(leafBytes(fromHex(digest)));
export const nodeHash = (left: string, right: string): string => hexOf(nodeBytes(fromHex(left), fromHex(right)));

/** Every level of the tree, leaves' hashes first, the root's level (one node) last. */
const levels = (digests: readonly string[]): Uint8Array[][] => nodeLevels(digests.map((d) => leafBytes(fromHex(d))));

/** Levels above nodes that are already hashed (leaf hashes, or block roots). */
function nodeLevels(nodes: Uint8Array[]): Uint8Array[][] {
  const out: Uint8Array[][] = [nodes];
  while (out[out.length - 1]!.length > 1) {
    const below = out[out.length - 1]!;
    const up: Uint8Array[] = [];
    for (let i = 0; i < below.length; i += 2) up.push(i + 1 < below.length ? nodeBytes(below[i]!, below[i + 1]!) : below[i]!);
    out.push(up);
  }
  return out;
}

const topOf = (all: Uint8Array[][]): string => hexOf(all[all.length - 1]![0]!);

/**
 * The root over leaf digests in the order given (callers sort: see `sortDigests`).
 * @example merkleRoot([]) === EMPTY_ROOT; merkleRoot([d]) === leafHash(d)
 */
export function merkleRoot(digests: readonly string[]): string {
  return digests.length === 0 ? EMPTY_ROOT : topOf(levels(digests));
}

/** The whole tree's root from its block roots (see `blockRoots`): one pass over the leaves at publication, not two. */
export function rootOfBlocks(roots: readonly string[]): string {
  return roots.length === 0 ? EMPTY_ROOT : topOf(nodeLevels(roots.map(fromHex)));
}

/** Leaves in the tree's order: ascending, duplicates kept (two identical ballots are two leaves). */
export const sortDigests = (digests: readonly string[]): string[] => [...digests].sort();

/** The siblings of leaf `index`, bottom-up; a level where the node is promoted contributes none. */
export function inclusionProof(digests: readonly string[], index: number): InclusionProof {
  if (!Number.isInteger(index) || index < 0 || index >= digests.length) throw new Error(`merkle: leaf ${index} of ${digests.length}`);
  return { index, size: digests.length, path: pathIn(levels(digests), index) };
}

function pathIn(all: Uint8Array[][], index: number): string[] {
  const path: string[] = [];
  let i = index;
  for (const level of all.slice(0, -1)) {
    const sibling = i % 2 === 1 ? i - 1 : i + 1;
    if (sibling < level.length) path.push(hexOf(level[sibling]!));
    i = Math.floor(i / 2);
  }
  return path;
}

/**
 * The root a proof leads to from `digest`, or undefined when the proof is malformed (wrong
 * length for its index and size, bad hex). Pure, no I/O: the mini-program runs it on the
 * citizen's phone, so checking a receipt does not mean trusting the server's word.
 * @example
 * const leaves = sortDigests([a, b, c]);
 * const proof = inclusionProof(leaves, leaves.indexOf(b));
 * rootFromProof(b, proof) === merkleRoot(leaves) // true; any altered sibling gives another root
 * verifyInclusion(b, proof, { root: merkleRoot(leaves), size: 3 }) // true
 */
export function rootFromProof(digest: string, proof: InclusionProof): string | undefined {
  const { index, size, path } = proof;
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size || !Array.isArray(path)) return undefined;
  if (!HEX64.test(digest) || !path.every((p) => typeof p === 'string' && HEX64.test(p))) return undefined;
  let node = leafBytes(fromHex(digest));
  let i = index;
  let width = size;
  let used = 0;
  while (width > 1) {
    const hasSibling = i % 2 === 1 || i + 1 < width;
    // (no sibling: the last node of an odd level goes up unchanged)
    if (hasSibling) {
      if (used >= path.length) return undefined;
      const sibling = fromHex(path[used++]!);
      node = i % 2 === 1 ? nodeBytes(sibling, node) : nodeBytes(node, sibling);
    }
    i = Math.floor(i / 2);
    width = Math.ceil(width / 2);
  }
  return used === path.length ? hexOf(node) : undefined;
}

/**
 * Whether `digest` is leaf `proof.index` of the published tree. The size is compared too: a path
 * can fit trees of several sizes, and the published size is part of what was committed to.
 */
export const verifyInclusion = (digest: string, proof: InclusionProof, tree: { root: string; size: number }): boolean =>
  proof.size === tree.size && rootFromProof(digest, proof) === tree.root;

/**
 * The tree split into aligned blocks of `2^k` leaves (the last block may be short). Each block is
 * a subtree of the whole tree, and the tree over the blocks' roots has the whole tree's root, so a
 * server can keep blocks apart and answer a proof from one block plus the block roots
 * (`proofFromBlock`): the path inside the block, then the block root's path among the roots.
 */
export function blockRoots(digests: readonly string[], blockSize: number): string[] {
  if (!Number.isInteger(Math.log2(blockSize))) throw new Error(`merkle: block size ${blockSize} is not a power of two`);
  const out: string[] = [];
  for (let at = 0; at < digests.length; at += blockSize) out.push(merkleRoot(digests.slice(at, at + blockSize)));
  return out;
}

/** Leaf `blockIndex·blockSize + indexInBlock`'s proof in a tree of `size` leaves, from its block and the block roots (see `blockRoots`). */
export function proofFromBlock(block: readonly string[], blockIndex: number, indexInBlock: number, roots: readonly string[], size: number, blockSize: number): InclusionProof {
  const inner = inclusionProof(block, indexInBlock);
  return { index: blockIndex * blockSize + indexInBlock, size, path: [...inner.path, ...pathIn(nodeLevels(roots.map(fromHex)), blockIndex)] };
}
