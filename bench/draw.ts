/**
 * `npx tsx bench/draw.ts [pool] [n]`: times a verifiable draw of n (default 1,000) from a pool
 * (default 100,000) in three strata 55 : 35 : 10 with one member per household: canonical
 * ordering, pool hash, quotas, the draw, and the full re-verification. Goal: draw ≤ 1 s.
 */
import { performance } from 'node:perf_hooks';
import { apportion, canonicalPool, combineSeed, commitmentOf, poolHash, runDraw, verifyDraw, type DrawRecord } from '../shared/draw';

const poolSize = Number(process.argv[2] ?? 100_000);
const n = Number(process.argv[3] ?? 1000);
const strata = [
  { id: 'public', weight: 55 },
  { id: 'deputies', weight: 35 },
  { id: 'retired', weight: 10 },
];
// A fixed, reproducible library: ids R000000…, strata by a simple hash, 1–3 people per household.
const entries = Array.from({ length: poolSize }, (_, i) => ({ id: `R${String((i * 7919) % poolSize).padStart(6, '0')}`, stratum: strata[(i * 2654435761) % 100 < 55 ? 0 : (i * 2654435761) % 100 < 90 ? 1 : 2]!.id, household: `H${Math.floor(i / 2)}` }));

const t0 = performance.now();
const c0 = process.cpuUsage();
const pool = canonicalPool(entries);
const hash = poolHash(pool);
const quotas = apportion(strata, n);
const commitments = [{ party: '县纪委', commitment: commitmentOf('bench-a') }, { party: '公证处', commitment: commitmentOf('bench-b') }];
const { seed } = combineSeed(commitments, [{ party: '县纪委', value: 'bench-a' }, { party: '公证处', value: 'bench-b' }]);
const { selection, shortfall } = runDraw(pool, strata, quotas, seed!, true);
const drawMs = performance.now() - t0;
// CPU time of this process: on a shared, overloaded machine wall time also counts other jobs' turns.
const c = process.cpuUsage(c0);
const drawCpuMs = (c.user + c.system) / 1000;

const record: DrawRecord = { format: 'qunzhong-pingyi/draw@1', drawId: 'bench', roundId: 'bench', label: 'bench', n, strata, quotas, onePerHousehold: true, pool, poolHash: hash, commitments, committedAt: new Date(0).toISOString(), status: 'drawn', reveals: [{ party: '县纪委', value: 'bench-a' }, { party: '公证处', value: 'bench-b' }], seed, selection, shortfall, drawnAt: new Date(0).toISOString() };
const t1 = performance.now();
const { problems } = verifyDraw(record);
const verifyMs = performance.now() - t1;

const drawn = selection.reduce((s, x) => s + x.ids.length, 0);
console.log(`draw: ${drawn} of ${poolSize} (quotas ${JSON.stringify(quotas)}) in ${drawMs.toFixed(0)} ms wall, ${drawCpuMs.toFixed(0)} ms CPU (canonical order + pool hash + quotas + seed + draw); verify: ${verifyMs.toFixed(0)} ms; ${problems.length === 0 ? 'verified' : `PROBLEMS ${problems.join('; ')}`}`);
console.log(JSON.stringify({ bench: 'draw', poolSize, n, drawMs: Math.round(drawMs), drawCpuMs: Math.round(drawCpuMs), verifyMs: Math.round(verifyMs), goalMs: 1000, ok: drawMs <= 1000 && problems.length === 0 }));
process.exit(drawMs <= 1000 && problems.length === 0 ? 0 : 1);
