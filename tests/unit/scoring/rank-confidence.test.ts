import fc from 'fast-check';
import { getSchemePreset } from '../../../shared/schemes';
import { differenceInterval, normalQuantile, rankConfidence, Scheme, scoreRound, wilsonCounts, Z95 } from '../../../shared/scoring';
import type { RoundFactsInput } from '../../../shared/scoring/facts';
import type { RoundResult } from '../../../shared/scoring/result';
import { byId, consequence, tally } from './builders';

const ganquan = getSchemePreset('ganquan')!;

/** 甘泉's forms and 满意度, with only 末位 rules for the last k (对…处于末位的，本年度内不得争先评优). */
function lastPlaceScheme(confidence: 'reported' | 'required', ks: number[] = [1]): Scheme {
  return Scheme.parse({
    ...ganquan,
    grades: undefined,
    rules: ks.map((k) => ({ id: `last-${k}`, label: `后${k}名`, text: `处于后${k}名`, when: { kind: 'rankFromEnd', within: k }, confidence })),
  });
}

function post(targetId: string, satisfied: number, returned: number): RoundFactsInput['targets'][number] {
  return { targetId, served: returned, channels: returned === 0 ? {} : { window: tally('overall', { satisfied, unsatisfied: returned - satisfied }) } };
}

const cut = (res: RoundResult, k: number) => res.groups[0]?.cuts?.find((c) => c.kind === 'rankFromEnd' && c.places === k);

/** A share's Wilson interval at z, as the engine builds it. */
const item = (targetId: string, s: number, n: number) => ({ targetId, tier: 1, score: s / n, intervalAt: (z: number) => wilsonCounts(s, n, z) });

describe('who is confidently worst: simultaneous 95% rank confidence sets (Mogstad et al. 2023, Bonferroni)', () => {
  it('computes the normal quantiles the corrections need (reference: scipy.stats.norm.ppf)', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(Z95, 8);
    expect(normalQuantile(1 - 0.05 / 6)).toBeCloseTo(2.3939797998185104, 8);
    expect(normalQuantile(1 - 0.05 / 1560)).toBeCloseTo(3.9971762842898855, 7);
    expect(normalQuantile(0.5)).toBe(0);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });

  describe('the worked example of docs/scoring.md: A 38/40 = 95%, B 33/40 = 82.5%, C 24/40 = 60%', () => {
    // 3 pairs → z = Φ⁻¹(1 − 0.05 / (2 × 3)) = 2.3940. Wilson at that z: A [0.7980, 0.9892],
    // B [0.6437, 0.9248], C [0.4136, 0.7613]. Newcombe: A − B = 0.125, lower 0.125 − √(0.152² +
    // 0.0998²) = −0.0568 → not confident; A − C = 0.35, lower 0.35 − √(0.152² + 0.1613²) = 0.1284 >
    // 0 → A confidently before C; B − C = 0.225, lower 0.225 − √(0.1813² + 0.1613²) = −0.0177 → not.
    const items = [item('A', 38, 40), item('B', 33, 40), item('C', 24, 40)];

    it('builds the Newcombe differences by hand', () => {
      const z = normalQuantile(1 - 0.05 / 6);
      const at = (s: number) => wilsonCounts(s, 40, z);
      expect(at(38).lower).toBeCloseTo(0.798, 3);
      expect(differenceInterval('pairwise', 0.95, at(38), 0.825, at(33)).lower).toBeCloseTo(-0.0568, 4);
      expect(differenceInterval('pairwise', 0.95, at(38), 0.6, at(24)).lower).toBeCloseTo(0.1284, 4);
      expect(differenceInterval('pairwise', 0.825, at(33), 0.6, at(24)).lower).toBeCloseTo(-0.0177, 4);
    });

    it('gives A ranks 1–2, B 1–3, C 2–3', () => {
      const c = rankConfidence(items, { method: 'pairwise', descending: true });
      expect(c).toMatchObject({ method: 'pairwise', comparisons: 3 });
      expect(c.z).toBeCloseTo(2.39398, 5);
      expect(c.bounds.get('A')).toEqual({ ahead: 0, behind: 1, tiedByRule: 0 });
      expect(c.bounds.get('B')).toEqual({ ahead: 0, behind: 0, tiedByRule: 0 });
      expect(c.bounds.get('C')).toEqual({ ahead: 1, behind: 0, tiedByRule: 0 });
    });

    it('names C last on the ranking but only possibly: B could be last too', () => {
      const res = scoreRound(lastPlaceScheme('reported', [1, 2]), { roundId: '2014', targets: [post('A', 38, 40), post('B', 33, 40), post('C', 24, 40)] });
      expect(byId(res, 'C').rank).toBe(3);
      expect(byId(res, 'C').rankSet).toEqual({ lower: 2, upper: 3 });
      expect(byId(res, 'A').rankSet).toEqual({ lower: 1, upper: 2 });
      expect(cut(res, 1)).toMatchObject({ within: ['C'], confident: [], possible: ['B', 'C'] });
      // Last 2: C is confidently there (A is confidently before it); any of the three possibly is.
      expect(cut(res, 2)).toMatchObject({ within: ['B', 'C'], confident: ['C'], possible: ['A', 'B', 'C'] });
      expect(consequence(byId(res, 'C'), 'last-1')?.certainty).toBe('possible');
      expect(consequence(byId(res, 'C'), 'last-2')?.certainty).toBe('confident');
      expect(consequence(byId(res, 'B'), 'last-2')?.certainty).toBe('possible');
      expect(res.groups[0]?.confidence).toMatchObject({ method: 'pairwise', level: 0.95, comparisons: 3 });
    });

    it('fires a rule that requires confidence only where the place is certain', () => {
      const res = scoreRound(lastPlaceScheme('required', [1, 2]), { roundId: '2014', targets: [post('A', 38, 40), post('B', 33, 40), post('C', 24, 40)] });
      expect(consequence(byId(res, 'C'), 'last-1')).toBeUndefined();
      expect(consequence(byId(res, 'C'), 'last-2')).toMatchObject({ certainty: 'confident' });
      expect(consequence(byId(res, 'B'), 'last-2')).toBeUndefined();
    });
  });

  it('is confident about C at 8/40 = 20% against B at 30/40 = 75% (lower bound of B − C: 0.287)', () => {
    const res = scoreRound(lastPlaceScheme('required'), { roundId: '2014', targets: [post('A', 38, 40), post('B', 30, 40), post('C', 8, 40)] });
    expect(cut(res, 1)).toMatchObject({ confident: ['C'], possible: ['C'] });
    expect(consequence(byId(res, 'C'), 'last-1')).toMatchObject({ certainty: 'confident' });
  });

  it('is never confident on tiny samples: 0 of 2 against 2 of 2', () => {
    // Newcombe alone would say "confident" (lower bound 1 − √(0.6576² + 0.6576²) = 0.070 > 0),
    // yet two 50% posts give 2/2 and 0/2 one time in eight. Under lowSampleBelow the pair is
    // compared by its two intervals, which overlap: [0.342, 1] and [0, 0.658].
    const z = Z95;
    expect(differenceInterval('pairwise', 1, wilsonCounts(2, 2, z), 0, wilsonCounts(0, 2, z)).lower).toBeCloseTo(0.0699, 3);
    const res = scoreRound(lastPlaceScheme('reported'), { roundId: '2014', targets: [post('A', 2, 2), post('B', 0, 2)] });
    expect(cut(res, 1)).toMatchObject({ within: ['B'], confident: [], possible: ['A', 'B'] });
    expect(consequence(byId(res, 'B'), 'last-1')?.certainty).toBe('possible');
  });

  it('is confident about a silent post: its place is a stated rule, not an estimate', () => {
    const withSilent = Scheme.parse({ ...lastPlaceScheme('required'), ranking: { ...ganquan.ranking, silent: 'worst' } });
    const res = scoreRound(withSilent, { roundId: '2014', targets: [{ ...post('S', 0, 0), served: 50 }, post('A', 38, 40), post('B', 30, 40)] });
    expect(byId(res, 'S').rank).toBe(3);
    expect(consequence(byId(res, 'S'), 'last-1')).toMatchObject({ certainty: 'confident' });
  });

  it('compares weighted totals by their envelopes, Bonferroni over every sampled part (通河: survey and hearing per unit)', () => {
    const tonghe = getSchemePreset('tonghe')!;
    const good = Object.fromEntries(['openness', 'lawful', 'service', 'integrity', 'institutions'].map((i) => [i, 'good']));
    const unit = (targetId: string, satisfied: number, work: number) => ({
      targetId,
      group: 'grassroots',
      channels: { phone: tally('overall', { satisfied, unsatisfied: 1000 - satisfied }), hearing: { sheets: [good, good, good] } },
      present: { hearing: 3 },
      inputs: { style_year: 80, work },
    });
    // Totals: j1 = 95 × .4 + 16 + 20 + 18 = 92, j2 = 90 × .4 + 16 + 20 + 18 = 90, j3 = 20 × .4 + 16 + 20 + 0 = 44.
    const res = scoreRound(tonghe, { roundId: '2011', targets: [unit('j1', 950, 90), unit('j2', 900, 90), unit('j3', 200, 0)] });
    const g = res.groups.find((x) => x.group === 'grassroots');
    expect(g?.confidence).toMatchObject({ method: 'intervals', comparisons: 6 });
    expect(g?.confidence?.z).toBeCloseTo(normalQuantile(1 - 0.05 / 12), 9);
    const last = g?.cuts?.find((c) => c.ruleIds.includes('tonghe-move-head'));
    expect(last).toMatchObject({ within: ['j3'], confident: ['j3'], possible: ['j3'] });
    // j1 and j2 differ by 2 points, inside their envelopes: neither is confidently before the other.
    expect(byId(res, 'j1').rankSet).toEqual({ lower: 1, upper: 2 });
  });

  it('refuses confidence "required" on a rule that reads no rank', () => {
    const bad = Scheme.safeParse({ ...ganquan, rules: [{ id: 'x-low', label: '低', text: '低于75%', when: { kind: 'value', of: 'satisfaction', op: 'lt', value: 0.75 }, confidence: 'required' }] });
    expect(bad.success).toBe(false);
  });

  describe('properties', () => {
    const group = fc.array(
      fc.integer({ min: 1, max: 120 }).chain((n) => fc.record({ n: fc.constant(n), s: fc.integer({ min: 0, max: n }) })),
      { minLength: 2, maxLength: 8 },
    );

    it('keeps the confident set inside the possible set, and every target on the ranking’s last k inside the possible set', () => {
      fc.assert(
        fc.property(group, (counts) => {
          const res = scoreRound(lastPlaceScheme('reported', [1, 2, 3]), { roundId: 'r', targets: counts.map((c, i) => post(`t${i}`, c.s, c.n)) });
          for (const c of res.groups[0]?.cuts ?? []) {
            for (const id of c.confident) expect(c.possible).toContain(id);
            for (const id of c.within) expect(c.possible).toContain(id);
          }
          // The worst by point estimate (every target at the lowest share) is always possibly last.
          const shares = counts.map((c) => c.s / c.n);
          const lowest = Math.min(...shares);
          const worst = counts.map((_, i) => `t${i}`).filter((_, i) => Math.abs(shares[i]! - lowest) < 1e-12);
          for (const id of worst) expect(cut(res, 1)?.possible).toContain(id);
        }),
        { numRuns: 150 },
      );
    });

    it('with huge samples and distinct rates, names exactly the last k by point estimate as confident', () => {
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 2, maxLength: 8 }), (pcts) => {
          const n = 1_000_000;
          const res = scoreRound(lastPlaceScheme('reported', [1, 2, 3]), { roundId: 'r', targets: pcts.map((p, i) => post(`t${i}`, p * (n / 100), n)) });
          const byShare = pcts.map((p, i) => ({ id: `t${i}`, p })).sort((a, b) => a.p - b.p);
          for (const k of [1, 2, 3]) {
            const expected = byShare.slice(0, Math.min(k, pcts.length)).map((x) => x.id).sort();
            expect(cut(res, k)?.confident).toEqual(expected);
            expect(cut(res, k)?.possible).toEqual(expected);
          }
        }),
        { numRuns: 60 },
      );
    });
  });
});
