import { getSchemePreset } from '../../../shared/schemes';
import { drawQuota, scoreRound } from '../../../shared/scoring';
import type { RoundFactsInput } from '../../../shared/scoring/facts';
import { byId, consequence, flagIds, ruleIds } from './builders';

const scheme = getSchemePreset('luxi')!;
const score = (targets: RoundFactsInput['targets'], history: RoundFactsInput['history'] = []) => scoreRound(scheme, { roundId: 'r3', targets, history });

/** `yes` of `n` evaluators 满意 or 基本满意 (split evenly), the rest 不满意. */
function org(targetId: string, formKey: string, yes: number, n: number, extra: object = {}) {
  const counts = { satisfied: Math.ceil(yes / 2), basically_satisfied: Math.floor(yes / 2), unsatisfied: n - yes };
  return { targetId, formKey, channels: { directed: { ballots: n, answers: { overall: counts, focus: counts } } }, ...extra };
}

const past = (roundId: string, satisfaction: number) => ({ roundId, targets: [{ targetId: 'o', components: { satisfaction: { value: satisfaction } }, total: satisfaction }] });

describe('luxi: 满意率 = (满意 + 基本满意) ÷ 评议人数', () => {
  it('counts 满意 and 基本满意 over every evaluator: 1977 × 94.65% ≈ 1871 of 1977', () => {
    const r = byId(score([org('o', 'rural', 1871, 1977)]), 'o');
    expect(r.components.satisfaction?.value).toBeCloseTo(1871 / 1977, 8);
    expect(r.components.satisfaction?.value).toBeCloseTo(0.9464, 4);
  });

  it('uses the form of the organisation type (农村 asks 富民强村)', () => {
    expect(scheme.forms.rural?.items[0]?.label).toBe('富民强村');
    expect(scheme.forms.agency?.items[0]?.label).toBe('效能提升');
    expect(scheme.forms.community?.items[0]?.label).toBe('共建和谐');
    expect(Object.keys(scheme.forms).filter((k) => k.startsWith('pioneer_'))).toHaveLength(6);
  });

  it('orders an admonition talk after one evaluation below 60%', () => {
    expect(ruleIds(byId(score([org('o', 'agency', 59, 100)]), 'o'))).toContain('luxi-once-below-60');
    expect(ruleIds(byId(score([org('o', 'agency', 60, 100)]), 'o'))).not.toContain('luxi-once-below-60');
  });

  it('orders it after a second evaluation below 70%, naming both rounds, even if not consecutive', () => {
    const o = byId(score([org('o', 'agency', 69, 100)], [past('r1', 0.65), past('r2', 0.9)]), 'o');
    expect(consequence(o, 'luxi-twice-below-70')?.rounds).toEqual(['r1', 'r3']);
  });

  it('counts evaluations (rounds), reading a past total as 满意率 when that is all the entry gives', () => {
    // luxi-2012.txt: "对评议满意率发生1次低于60%或2次低于70%的,对参评部门负责人或党员干部进行诫勉谈话".
    // r1 gives only total 0.65 (< 0.70): with 69% now, that is the second evaluation below 70%.
    const onlyTotal = [{ roundId: 'r1', targets: [{ targetId: 'o', total: 0.65 }] }];
    expect(consequence(byId(score([org('o', 'agency', 69, 100)], onlyTotal), 'o'), 'luxi-twice-below-70')).toMatchObject({ rounds: ['r1', 'r3'], unit: 'round' });
    // Evaluations, not calendar periods: two quarters apart still count, and periods are named.
    const q = (m: string, e: string) => ({ kind: 'quarter' as const, start: `2026-${m}-01`, end: `2026-${e}` });
    const res = scoreRound(scheme, { roundId: 'r3', period: q('07', '09-30'), targets: [org('o', 'agency', 69, 100)], history: [{ ...onlyTotal[0]!, period: q('01', '03-31') }] });
    expect(consequence(byId(res, 'o'), 'luxi-twice-below-70')).toMatchObject({ rounds: ['r1', 'r3'], periods: ['2026年第一季度', '2026年第三季度'] });
  });

  it('refuses an entry with neither total nor 满意率 (the scheme total) when the rule must read it', () => {
    expect(() => score([org('o', 'agency', 69, 100)], [{ roundId: 'r1', targets: [{ targetId: 'o', rank: 2, rankedCount: 5 }] }])).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ code: 'HISTORY_INCOMPLETE', roundId: 'r1', targetId: 'o', field: 'total', ruleId: 'luxi-twice-below-70' })] }),
    );
  });

  it('does not for a first evaluation below 70%, nor when this round is fine', () => {
    expect(ruleIds(byId(score([org('o', 'agency', 69, 100)], [past('r1', 0.8)]), 'o'))).not.toContain('luxi-twice-below-70');
    expect(ruleIds(byId(score([org('o', 'agency', 75, 100)], [past('r1', 0.65), past('r2', 0.6)]), 'o'))).not.toContain('luxi-twice-below-70');
  });

  it('draws an agency panel 55 : 35 : 10 and a village sample 2 : 7 : 1 by largest remainder', () => {
    const agency = scheme.evaluatorMix!.agency!;
    const rural = scheme.evaluatorMix!.rural!;
    expect(drawQuota(agency, 100)).toEqual({ public: 55, deputies: 35, retired: 10 });
    // 7 × (.55, .35, .10) = 3.85, 2.45, 0.70 → 3, 2, 0 + the two largest remainders (.85, .70).
    expect(drawQuota(agency, 7)).toEqual({ public: 4, deputies: 2, retired: 1 });
    // 1977 × (.2, .7, .1) = 395.4, 1383.9, 197.7 → 395, 1383, 197 + (.9, .7).
    expect(drawQuota(rural, 1977)).toEqual({ cadres: 395, public: 1384, pioneers: 198 });
  });

  it('checks who actually answered: 5 points off is within tolerance, more is flagged', () => {
    const ok = byId(score([org('o', 'agency', 90, 100, { evaluatorCounts: { public: 50, deputies: 40, retired: 10 } })]), 'o');
    expect(ok.mix?.withinTolerance).toBe(true);
    const off = byId(score([org('o', 'agency', 90, 100, { evaluatorCounts: { public: 49, deputies: 41, retired: 10 } })]), 'o');
    expect(off.mix?.withinTolerance).toBe(false);
    expect(off.mix?.shares.find((s) => s.id === 'deputies')).toMatchObject({ expected: 0.35, actual: 0.41, count: 41 });
    expect(flagIds(off)).toContain('mix_off_quota');
  });

  it('rejects an evaluator category the mix does not know', () => {
    expect(() => score([org('o', 'agency', 90, 100, { evaluatorCounts: { students: 3 } })])).toThrow(/evaluatorCounts\.students: unknown evaluator category/);
  });
});
