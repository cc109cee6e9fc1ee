import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { apportion, canonicalPool, combineSeed, commitmentOf, drawStream, poolHash, runDraw, sha256Hex, tooSmallStrata, verifyDraw, type DrawRecord, type PoolEntry } from '@shared/draw';

const nodeSha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('sha256 (pure, for the draw)', () => {
  it('matches the FIPS test vectors', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('matches Node’s crypto on any text, Chinese and 55–64-byte padding edges included', () => {
    for (const len of [55, 56, 63, 64, 65, 119, 120]) expect(sha256Hex('x'.repeat(len))).toBe(nodeSha('x'.repeat(len)));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => sha256Hex(s) === nodeSha(s)));
    expect(sha256Hex('评议代表库')).toBe(nodeSha('评议代表库'));
  });
});

describe('apportion (largest remainder, integer arithmetic)', () => {
  it('splits 20 by 55/35/10 into 11/7/2', () => {
    expect(apportion([{ id: 'public', weight: 55 }, { id: 'deputies', weight: 35 }, { id: 'retired', weight: 10 }], 20)).toEqual({ public: 11, deputies: 7, retired: 2 });
  });
  it('gives the leftover seats to the largest remainders: 2:7:1 of 13 → 2.6, 9.1, 1.3 → 3, 9, 1', () => {
    expect(apportion([{ id: 'cadres', weight: 2 }, { id: 'public', weight: 7 }, { id: 'pioneers', weight: 1 }], 13)).toEqual({ cadres: 3, public: 9, pioneers: 1 });
  });
  it('breaks equal remainders in listed order: 1:1:1 of 4 → 2, 1, 1', () => {
    expect(apportion([{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }, { id: 'c', weight: 1 }], 4)).toEqual({ a: 2, b: 1, c: 1 });
  });
  it('always adds up to n and stays within one seat of the exact share', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 5000 }), (ws, n) => {
        fc.pre(ws.some((w) => w > 0));
        const strata = ws.map((weight, i) => ({ id: `s${i}`, weight }));
        const q = apportion(strata, n);
        const W = ws.reduce((a, b) => a + b, 0);
        expect(Object.values(q).reduce((a, b) => a + b, 0)).toBe(n);
        strata.forEach((s) => expect(Math.abs(q[s.id]! - (n * s.weight) / W)).toBeLessThan(1));
      }),
    );
  });
});

describe('the draw stream', () => {
  it('is the same for the same seed and different for another', () => {
    const a = drawStream('seed-1', 'public');
    const b = drawStream('seed-1', 'public');
    const c = drawStream('seed-2', 'public');
    const xs = Array.from({ length: 50 }, () => a.below(1000));
    expect(Array.from({ length: 50 }, () => b.below(1000))).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.below(1000))).not.toEqual(xs);
  });
  it('is roughly uniform (chi-square over 10 cells, 20,000 draws)', () => {
    const s = drawStream('uniform', 'x');
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) counts[s.below(10)]++;
    const chi = counts.reduce((sum, c) => sum + (c - 2000) ** 2 / 2000, 0);
    expect(chi).toBeLessThan(27.88); // p = 0.001 for 9 degrees of freedom
  });
});

const pool = (n: number): PoolEntry[] =>
  canonicalPool(Array.from({ length: n }, (_, i) => ({ id: `R${String(i).padStart(4, '0')}`, stratum: i % 10 < 6 ? 'public' : i % 10 < 9 ? 'deputies' : 'retired', household: `H${Math.floor(i / 2)}` })));
const strata = [{ id: 'public', weight: 55 }, { id: 'deputies', weight: 35 }, { id: 'retired', weight: 10 }];

describe('commit–reveal seed', () => {
  const commitments = [{ party: '纪委', commitment: commitmentOf('alpha-123') }, { party: '公证处', commitment: commitmentOf('beta-456') }];
  it('combines every party’s value in the commitments’ order', () => {
    const r = combineSeed(commitments, [{ party: '公证处', value: 'beta-456' }, { party: '纪委', value: 'alpha-123' }]);
    expect(r.problems).toEqual([]);
    expect(r.seed).toBe(nodeSha('纪委=alpha-123\n公证处=beta-456\n'));
  });
  it('refuses a value that does not match its commitment, or a missing one', () => {
    expect(combineSeed(commitments, [{ party: '纪委', value: 'alpha-124' }, { party: '公证处', value: 'beta-456' }]).problems).toEqual(['纪委: the revealed value does not match the commitment']);
    expect(combineSeed(commitments, [{ party: '纪委', value: 'alpha-123' }]).problems).toEqual(['公证处: no value revealed']);
  });
});

describe('runDraw and verifyDraw', () => {
  const p = pool(500);
  const quotas = apportion(strata, 20);
  const seed = sha256Hex('test seed');
  const record = (): DrawRecord => {
    const commitments = [{ party: 'A', commitment: commitmentOf('a') }];
    const s = combineSeed(commitments, [{ party: 'A', value: 'a' }]).seed!;
    const r = runDraw(p, strata, quotas, s, true);
    return { format: 'qunzhong-pingyi/draw@1', drawId: 'd1', roundId: 'r1', label: 't', n: 20, strata, quotas, onePerHousehold: true, pool: p, poolHash: poolHash(p), commitments, committedAt: '2026-01-01T00:00:00.000Z', status: 'drawn', reveals: [{ party: 'A', value: 'a' }], seed: s, selection: r.selection, shortfall: r.shortfall, drawnAt: '2026-01-01T00:01:00.000Z' };
  };
  it('fills each quota from its own stratum, no one twice, at most one per household', () => {
    const r = runDraw(p, strata, quotas, seed, true);
    expect(r.shortfall).toEqual([]);
    expect(r.selection.map((s) => s.ids.length)).toEqual([11, 7, 2]);
    const ids = r.selection.flatMap((s) => s.ids);
    expect(new Set(ids).size).toBe(20);
    const byId = new Map(p.map((e) => [e.id, e]));
    r.selection.forEach((s) => s.ids.forEach((id) => expect(byId.get(id)!.stratum).toBe(s.stratum)));
    expect(new Set(ids.map((id) => byId.get(id)!.household)).size).toBe(20);
  });
  it('gives every member the same chance (each of 10 members drawn ≈ 3 in 10 over 3,000 seeds)', () => {
    const small = canonicalPool(Array.from({ length: 10 }, (_, i) => ({ id: `M${i}`, stratum: 'public' })));
    const hits = new Map<string, number>();
    for (let k = 0; k < 3000; k++) for (const id of runDraw(small, [{ id: 'public', weight: 1 }], { public: 3 }, `s${k}`, false).selection[0]!.ids) hits.set(id, (hits.get(id) ?? 0) + 1);
    for (const n of hits.values()) expect(Math.abs(n - 900)).toBeLessThan(120);
  });
  it('verifies a genuine record and catches any edit', () => {
    const good = record();
    expect(verifyDraw(good).problems).toEqual([]);
    const swapped = record();
    swapped.selection![0]!.ids[0] = p.find((e) => e.stratum === 'public' && !swapped.selection![0]!.ids.includes(e.id))!.id;
    expect(verifyDraw(swapped).problems).toContain('selection: re-running the draw gives a different result');
    const shrunk = { ...record(), pool: p.slice(1) };
    expect(verifyDraw(shrunk).problems.some((x) => x.startsWith('poolHash'))).toBe(true);
    const reseeded = { ...record(), seed: sha256Hex('chosen') };
    expect(verifyDraw(reseeded).problems.some((x) => x.startsWith('seed'))).toBe(true);
  });
  it('reports a stratum too small to fill, counting households', () => {
    expect(tooSmallStrata(p, { public: 11, deputies: 7, retired: 60 }, false)).toEqual([{ stratum: 'retired', needed: 60, available: 50 }]);
    // Households pair members 2k and 2k+1: the 300 public members share 150 households.
    expect(tooSmallStrata(p, { public: 200, deputies: 7, retired: 2 }, true)).toEqual([{ stratum: 'public', needed: 200, available: 150 }]);
  });
  // How fast is `npm run bench` (bench/draw.ts); here only that a county-size draw is right.
  it('draws 1,000 from 100,000: the quotas exactly, no one twice, the same selection on a re-run', () => {
    const big = canonicalPool(Array.from({ length: 100_000 }, () => ({ id: randomBytes(6).toString('hex'), stratum: ['public', 'deputies', 'retired'][Math.floor(Math.random() * 3)]! })));
    const quotas = apportion(strata, 1000);
    const { selection } = runDraw(big, strata, quotas, seed, true);
    const ids = selection.flatMap((s) => s.ids);
    expect(ids.length).toBe(1000);
    expect(new Set(ids).size).toBe(1000);
    expect(Object.fromEntries(selection.map((s) => [s.stratum, s.ids.length]))).toEqual(quotas);
    expect(runDraw(big, strata, quotas, seed, true).selection).toEqual(selection);
  });
});
