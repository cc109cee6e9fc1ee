import { getSchemePreset } from '../../../shared/schemes';
import { Scheme, scoreRound, ScoringInputError } from '../../../shared/scoring';
import type { RoundFactsInput } from '../../../shared/scoring/facts';
import { byId, flagIds, tally } from './builders';

const tonghe = getSchemePreset('tonghe')!;
const ITEMS = ['openness', 'lawful', 'service', 'integrity', 'institutions'] as const;
const all = (v: string) => Object.fromEntries(ITEMS.map((i) => [i, v]));
/** Sheets scoring 100 (all 好), 65 (较好 ×3 + 一般 + a blank = 一般) and 25 (all 差): Σ = 190. */
const sheets = [all('good'), { openness: 'fairly_good', lawful: 'fairly_good', service: 'fairly_good', integrity: 'fair' }, all('poor')];

function unit(targetId: string, present: number | undefined, work = 92): RoundFactsInput['targets'][number] {
  return {
    targetId,
    group: 'enforcement',
    channels: { phone: tally('overall', { satisfied: 90, unsatisfied: 10 }), hearing: { sheets } },
    ...(present === undefined ? {} : { present: { hearing: present } }),
    inputs: { style_year: 85, work },
  };
}

const byReturned = Scheme.parse({
  ...tonghe,
  components: tonghe.components.map((c) => (c.kind === 'pointsMean' ? { ...c, divisor: 'returned' } : c)),
});

describe('hearing divisor: 听证评议分数=听证评议总分÷参加听证会评议代表人数 (tonghe-2011)', () => {
  it('divides by the representatives present: 3 sheets, 4 present → 190 ÷ 4 = 47.5', () => {
    const r = byId(scoreRound(tonghe, { roundId: '2011', targets: [unit('gs', 4)] }), 'gs');
    expect(r.components.hearing?.value).toBeCloseTo(47.5, 9);
    expect(r.components.hearing?.numerator).toBe(190);
    expect(r.components.hearing?.denominator).toBe(4);
    // A representative present without a sheet scores 0, so the interval reaches below 25.
    expect(r.components.hearing?.interval?.lower).toBeLessThan(47.5);
    expect(r.components.hearing?.interval?.upper).toBeGreaterThan(47.5);
    // total = 90 × .4 + 85 × .2 + 47.5 × .2 + 92 × .2 = 36 + 17 + 9.5 + 18.4 = 80.9
    expect(r.total).toBeCloseTo(80.9, 9);
  });

  it('gives 190 ÷ 3 when all 3 present returned a sheet, either way', () => {
    expect(byId(scoreRound(tonghe, { roundId: '2011', targets: [unit('gs', 3)] }), 'gs').components.hearing?.value).toBeCloseTo(190 / 3, 9);
    expect(byId(scoreRound(byReturned, { roundId: '2011', targets: [unit('gs', 3)] }), 'gs').components.hearing?.value).toBeCloseTo(190 / 3, 9);
  });

  it('divides by the sheets returned when the scheme says so, whatever the attendance', () => {
    const r = byId(scoreRound(byReturned, { roundId: '2011', targets: [unit('gs', 4)] }), 'gs');
    expect(r.components.hearing?.value).toBeCloseTo(190 / 3, 9);
    expect(r.components.hearing?.denominator).toBe(3);
  });

  it('leaves the hearing and the total missing without attendance, names the missing input, and scores the rest of the round', () => {
    const res = scoreRound(tonghe, { roundId: '2011', targets: [unit('a', undefined), unit('b', 3, 90), unit('c', 3, 80)] });
    const a = byId(res, 'a');
    expect(a.components.hearing?.value).toBeNull();
    expect(a.components.hearing?.missingInputs).toEqual(['present.hearing']);
    expect(a.total).toBeNull();
    expect(a.rank).toBeNull();
    expect(flagIds(a)).toContain('missing_present');
    expect(a.flags.find((f) => f.id === 'missing_present')?.label).toBe('到会代表人数待录入，该项暂不计分');
    expect(byId(res, 'b').rank).toBe(1);
    expect(byId(res, 'c').rank).toBe(2);
  });

  it('has no hearing score before any sheet is entered, even with attendance known', () => {
    const r = byId(scoreRound(tonghe, { roundId: '2011', targets: [{ ...unit('gs', 5), channels: { phone: tally('overall', { satisfied: 9, unsatisfied: 1 }) } }] }), 'gs');
    expect(r.components.hearing?.value).toBeNull();
    expect(flagIds(r)).not.toContain('missing_present');
  });

  it('refuses fewer representatives present than sheets returned, naming the target', () => {
    expect(() => scoreRound(tonghe, { roundId: '2011', targets: [unit('gs', 2)] })).toThrow(ScoringInputError);
    expect(() => scoreRound(tonghe, { roundId: '2011', targets: [unit('gs', 2)] })).toThrow(/gs\.present\.hearing: 2 representatives present but 3 sheets returned/);
  });

  it('refuses divisor "present" on a per-answer mean', () => {
    const bad = Scheme.safeParse({ ...tonghe, components: tonghe.components.map((c) => (c.kind === 'pointsMean' ? { ...c, per: 'answer', divisor: 'present' } : c)) });
    expect(bad.success).toBe(false);
  });
});
