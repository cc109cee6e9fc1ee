/**
 * `npx tsx bench/ballot-tree.ts [ballots]`: the tamper-evidence work of a publication of n
 * (default 100,000) ballots, pure compute (the store reads are the recount's): each ballot's
 * digest recomputed from its content, the leaves sorted, the block roots and the root, then one
 * inclusion proof from its block and its verification (what the phone does). Goal: ≤ 5 s CPU at
 * publication, so a county-sized round publishes inside one Lambda call.
 */
import { performance } from 'node:perf_hooks';
import { digestOfBallot } from '../shared/publication/ballot-log';
import { blockRoots, proofFromBlock, rootOfBlocks, sortDigests, verifyInclusion } from '../shared/publication/merkle';
import type { Ballot } from '../shared/model/ballot';

const n = Number(process.argv[2] ?? 100_000);
const BLOCK = 1024;
const GOAL_MS = 5000;
const ballot = (i: number): Ballot => ({
  ballotId: `6f1c8e2a-7d43-4c4e-9a55-${String(i).padStart(12, '0')}`,
  clientBallotId: '2f1c8e2a-7d43-4c4e-9a55-0c7f1b8f6b11',
  receiptId: `R${String(i).padStart(9, '0')}`,
  roundId: 'r1',
  targetId: `s${i % 300}`,
  windowId: `w${i % 900}`,
  channel: 'window',
  answers: { overall: i % 7 === 0 ? 'unsatisfied' : 'satisfied', problems: ['slow'] },
  ...(i % 5 === 0 ? { comment: '排队时间太长，希望增加窗口' } : {}),
  evaluator: `e${i}`,
  receivedAt: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
  shard: i % 4,
  nonce: `nonce-${i}`,
});
const ballots = Array.from({ length: n }, (_, i) => ballot(i));

const c0 = process.cpuUsage();
const t0 = performance.now();
const digests = ballots.map((b) => digestOfBallot(b));
const t1 = performance.now();
const leaves = sortDigests(digests);
const roots = blockRoots(leaves, BLOCK);
const root = rootOfBlocks(roots);
const t2 = performance.now();
const c = process.cpuUsage(c0);
const cpuMs = (c.user + c.system) / 1000;

const target = digests[Math.floor(n / 3)]!;
const at = leaves.indexOf(target);
const b = Math.floor(at / BLOCK);
const t3 = performance.now();
const proof = proofFromBlock(leaves.slice(b * BLOCK, (b + 1) * BLOCK), b, at % BLOCK, roots, n, BLOCK);
const t4 = performance.now();
const ok = verifyInclusion(target, proof, { root, size: n });
const t5 = performance.now();

console.log(
  `ballot tree: ${n} ballots — digests ${(t1 - t0).toFixed(0)} ms, sort + ${roots.length} block roots + root ${(t2 - t1).toFixed(0)} ms (${cpuMs.toFixed(0)} ms CPU); ` +
    `one proof from its block ${(t4 - t3).toFixed(1)} ms (${proof.path.length} hashes), verify ${(t5 - t4).toFixed(2)} ms; ${ok ? 'verified' : 'PROOF FAILED'}`,
);
console.log(JSON.stringify({ bench: 'ballot-tree', ballots: n, digestMs: Math.round(t1 - t0), treeMs: Math.round(t2 - t1), cpuMs: Math.round(cpuMs), proofMs: +(t4 - t3).toFixed(1), verifyMs: +(t5 - t4).toFixed(2), goalMs: GOAL_MS, ok: ok && cpuMs <= GOAL_MS }));
process.exit(ok && cpuMs <= GOAL_MS ? 0 : 1);
