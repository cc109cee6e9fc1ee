import { getSchemePreset } from '../../../shared/schemes';
import { scoreRound, ScoringInputError } from '../../../shared/scoring';
import type { RoundFactsInput } from '../../../shared/scoring/facts';
import { byId, consequence, flagIds, ruleIds, tally } from './builders';

const scheme = getSchemePreset('ganquan')!;

/** A post with `satisfied` of `returned` forms back, out of `served` people served. */
function post(targetId: string, satisfied: number, returned: number, served: number) {
  return { targetId, served, channels: { window: tally('overall', { satisfied, unsatisfied: returned - satisfied }) } };
}

function score(targets: RoundFactsInput['targets'], history: RoundFactsInput['history'] = []) {
  return scoreRound(scheme, { roundId: '2014', targets, history });
}

describe('ganquan: 满意度 = 满意 ÷ 回收, 回收率 = 回收 ÷ 服务人数', () => {
  it('rates exactly 85% as 满意 but does not praise it (praise needs more than 85%)', () => {
    // 17 ÷ 20 = 0.85 exactly; return 20 ÷ 30 = 66.7% ≥ 60%.
    const r = byId(score([post('a', 17, 20, 30), post('b', 20, 20, 20)]), 'a');
    expect(r.components.satisfaction?.value).toBeCloseTo(0.85, 8);
    expect(r.components.return_rate?.value).toBeCloseTo(20 / 30, 8);
    expect(r.grade).toEqual({ id: 'satisfied', label: '满意' });
    expect(ruleIds(r)).not.toContain('ganquan-praise');
    expect(ruleIds(r)).not.toContain('ganquan-not-excellent');
  });

  it('rates 84.9% as 不满意, which bars 优秀 in the annual assessment', () => {
    // 849 ÷ 1000 = 0.849 < 0.85; ≥ 0.75 so no leader accountability.
    const r = byId(score([post('a', 849, 1000, 1000), post('b', 990, 1000, 1000)]), 'a');
    expect(r.grade?.id).toBe('unsatisfied');
    expect(ruleIds(r)).toContain('ganquan-not-excellent');
    expect(ruleIds(r)).not.toContain('ganquan-leader-accountability');
  });

  it('praises 85.1%', () => {
    const r = byId(score([post('a', 851, 1000, 1000), post('b', 800, 1000, 1000)]), 'a');
    expect(r.grade?.id).toBe('satisfied');
    expect(ruleIds(r)).toContain('ganquan-praise');
  });

  it('rates a 59.9% return rate 不满意 whatever the satisfaction, and does not praise it', () => {
    // 599 returned of 1000 served, all satisfied: satisfaction 100% but return 59.9% < 60%.
    const r = byId(score([post('a', 599, 599, 1000), post('b', 900, 1000, 1000)]), 'a');
    expect(r.components.satisfaction?.value).toBe(1);
    expect(r.grade?.id).toBe('unsatisfied');
    expect(flagIds(r)).toContain('low_return_rate');
    expect(ruleIds(r)).not.toContain('ganquan-praise');
    expect(ruleIds(r)).toContain('ganquan-not-excellent');
  });

  it('accepts a return rate of exactly 60%', () => {
    const r = byId(score([post('a', 600, 600, 1000), post('b', 900, 1000, 1000)]), 'a');
    expect(r.grade?.id).toBe('satisfied');
    expect(flagIds(r)).not.toContain('low_return_rate');
  });

  it('rates a post with no forms back 不满意 through the return rate, and places it last (silent: worst)', () => {
    const r = byId(score([{ targetId: 'a', served: 50, channels: {} }, post('b', 90, 100, 100)]), 'a');
    expect(r.components.satisfaction?.value).toBeNull();
    expect(r.components.return_rate?.value).toBe(0);
    expect(r.grade?.id).toBe('unsatisfied');
    expect(r.rank).toBe(2);
    expect(flagIds(r)).toContain('silent_worst');
    expect(flagIds(r)).not.toContain('not_ranked_no_score');
  });

  it('holds the main leader accountable below 75%, and bars awards', () => {
    // 74 ÷ 100 = 74%.
    const r = byId(score([post('a', 74, 100, 100), post('b', 80, 100, 100)]), 'a');
    expect(ruleIds(r)).toEqual(expect.arrayContaining(['ganquan-leader-accountability', 'ganquan-no-awards', 'ganquan-not-excellent']));
  });

  it('bars awards for the last place even above 75%, but no accountability', () => {
    // 95%, 90%, 80%: c is last with 80%.
    const res = score([post('a', 95, 100, 100), post('b', 90, 100, 100), post('c', 80, 100, 100)]);
    const c = byId(res, 'c');
    expect(c.rank).toBe(3);
    expect(ruleIds(c)).toContain('ganquan-no-awards');
    expect(ruleIds(c)).not.toContain('ganquan-leader-accountability');
    expect(ruleIds(byId(res, 'b'))).not.toContain('ganquan-no-awards');
  });

  it('shares the last place between tied posts and bars awards for both', () => {
    const res = score([post('a', 95, 100, 100), post('b', 80, 100, 100), post('c', 40, 50, 50)]);
    for (const id of ['b', 'c']) {
      const t = byId(res, id);
      expect(t.rank).toBe(2);
      expect(t.tied).toBe(true);
      expect(t.tieSize).toBe(2);
      expect(flagIds(t)).toContain('tied');
      expect(ruleIds(t)).toContain('ganquan-no-awards');
    }
  });

  describe('连续2年以上 (years, not rounds)', () => {
    // ganquan-2014.txt: "对“满意度”低于75%或处于末位的,本年度内不得争先评优……;连续2年以上的,追究相关领导责任,
    // 并建议给予相关服务科室负责人停职检查、引咎辞职、责令辞职、免职等组织处理". The rule counts years.
    const year = (y: number) => ({ kind: 'year' as const, start: `${y}-01-01`, end: `${y}-12-31` });
    const quarter = (y: number, q: number) => ({ kind: 'quarter' as const, start: `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`, end: `${y}-${String(q * 3).padStart(2, '0')}-${q === 1 || q === 4 ? 31 : 30}` });
    /** c's complete result in an earlier round: `rank` of 3 at `satisfaction`. */
    const entry = (rank: number, satisfaction: number) => ({
      targetId: 'c',
      rank,
      rankedCount: 3,
      tieSize: 1,
      total: satisfaction,
      components: { satisfaction: { value: satisfaction } },
      grade: { id: satisfaction >= 0.85 ? 'satisfied' : 'unsatisfied' },
      misconduct: 0,
    });
    const lastYear = (rank: number, satisfaction: number, y = 2013) => ({ roundId: String(y), period: year(y), targets: [entry(rank, satisfaction)] });
    // This year c is last (3rd of 3) at 70%: under 75% and last, so the one-year rules fire.
    const thisYear = [post('a', 95, 100, 100), post('b', 90, 100, 100), post('c', 70, 100, 100)];
    const scoreIn = (period: ReturnType<typeof year> | ReturnType<typeof quarter>, history: RoundFactsInput['history'], yearStartMonth?: number) =>
      scoreRound(scheme, { roundId: '2014', period, targets: thisYear, history, ...(yearStartMonth ? { yearStartMonth } : {}) });

    it('does not fire on the first year', () => {
      expect(ruleIds(byId(scoreIn(year(2014), []), 'c'))).not.toContain('ganquan-two-years');
    });

    it('fires on the second year running (last place, then under 75%) and names both years', () => {
      const c = byId(scoreIn(year(2014), [lastYear(3, 0.8)]), 'c');
      expect(consequence(c, 'ganquan-two-years')).toMatchObject({ rounds: ['2013', '2014'], streak: 2, unit: 'year', periods: ['2013年', '2014年'] });
    });

    it('fires again on the third year with the streak length', () => {
      const c = byId(scoreIn(year(2014), [lastYear(3, 0.7, 2012), lastYear(3, 0.8)]), 'c');
      expect(consequence(c, 'ganquan-two-years')).toMatchObject({ rounds: ['2013', '2014'], streak: 3 });
    });

    it('does not fire when last year was fine (1st of 3 at 95%), nor after a year with no result', () => {
      expect(ruleIds(byId(scoreIn(year(2014), [lastYear(1, 0.95)]), 'c'))).not.toContain('ganquan-two-years');
      // 2012 was bad but 2013 has no yearly result: the run is broken.
      expect(ruleIds(byId(scoreIn(year(2014), [lastYear(3, 0.7, 2012)]), 'c'))).not.toContain('ganquan-two-years');
    });

    it('refuses, and does not punish, a post ranked 1st at 95% last year whose entry lacks rankedCount', () => {
      // The issue: rankedCount defaulted to 0 read every ranked past post as last. 95% ≥ 75%, so
      // the condition needs 处于末位, which needs the ranked count: refused, naming round, post and field.
      const history = [{ roundId: '2013', period: year(2013), targets: [{ targetId: 'c', rank: 1, tieSize: 1, total: 0.95 }] }];
      let error: unknown;
      try {
        scoreIn(year(2014), history);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ScoringInputError);
      expect((error as ScoringInputError).issues).toEqual([
        expect.objectContaining({ code: 'HISTORY_INCOMPLETE', roundId: '2013', targetId: 'c', field: 'rankedCount', ruleId: 'ganquan-two-years' }),
      ]);
      expect((error as ScoringInputError).issues[0]?.message).toMatch(/往期评议“2013”中“c”缺少参加排名的单位数（rankedCount）/);
      // Complete, the same entry says 1st of 3: not last, 95% not under 75% → no two-year consequence.
      expect(ruleIds(byId(scoreIn(year(2014), [lastYear(1, 0.95)]), 'c'))).not.toContain('ganquan-two-years');
    });

    it('reads a past total as 满意度 (the scheme total): 70% last year alone fires the <75% half', () => {
      // 0.70 < 0.75 holds, so 低于75%或处于末位 holds without reading the rank.
      const c = byId(scoreIn(year(2014), [{ roundId: '2013', period: year(2013), targets: [{ targetId: 'c', total: 0.7 }] }]), 'c');
      expect(consequence(c, 'ganquan-two-years')).toMatchObject({ rounds: ['2013', '2014'], streak: 2 });
    });

    it('never fires in quarterly rounds: two bad quarters running are not two years, and the result says so', () => {
      const q2 = scoreIn(quarter(2014, 2), [{ roundId: '2014q1', period: quarter(2014, 1), targets: [entry(3, 0.7)] }]);
      const c = byId(q2, 'c');
      expect(ruleIds(c)).toContain('ganquan-no-awards');
      expect(ruleIds(c)).not.toContain('ganquan-two-years');
      expect(q2.notes).toEqual([expect.objectContaining({ id: 'year_rules_annual_round', ruleIds: ['ganquan-two-years'] })]);
      expect(q2.notes?.[0]?.text).toMatch(/只在年度评议中判定，本轮（2014年第二季度）不判定/);
    });

    it('judges the annual round on yearly results only: four bad quarters of 2013 are not a bad 2013', () => {
      const quarters = [1, 2, 3, 4].map((q) => ({ roundId: `2013q${q}`, period: quarter(2013, q), targets: [entry(3, 0.7)] }));
      const annual = scoreIn(year(2014), quarters);
      expect(ruleIds(byId(annual, 'c'))).not.toContain('ganquan-two-years');
      expect(annual.notes).toBeUndefined();
      // With the 2013 annual round among them, the two years are 2013 and 2014.
      const withAnnual = scoreIn(year(2014), [...quarters, lastYear(3, 0.8)]);
      expect(consequence(byId(withAnnual, 'c'), 'ganquan-two-years')).toMatchObject({ rounds: ['2013', '2014'], periods: ['2013年', '2014年'] });
    });

    it('counts programme years when the year starts in July', () => {
      const py = (y: number) => ({ kind: 'year' as const, start: `${y}-07-01`, end: `${y + 1}-06-30` });
      const c = byId(scoreIn(py(2014), [{ roundId: '2013', period: py(2013), targets: [entry(3, 0.8)] }], 7), 'c');
      expect(consequence(c, 'ganquan-two-years')).toMatchObject({ rounds: ['2013', '2014'], periods: ['2013年7月至2014年6月', '2014年7月至2015年6月'] });
      // A calendar-year period is not a whole programme year: refused, not guessed.
      expect(() => scoreIn(year(2014), [{ roundId: '2013', period: py(2013), targets: [entry(3, 0.8)] }], 7)).toThrow(/不是一个完整的评议年度（每年7月起）/);
    });

    it('refuses history without periods, since the rule counts years', () => {
      const noPeriod = [{ roundId: '2013', targets: [entry(3, 0.8)] }];
      expect(() => scoreIn(year(2014), noPeriod)).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'HISTORY_INCOMPLETE', roundId: '2013', field: 'period' })] }));
      expect(() => scoreRound(scheme, { roundId: '2014', targets: thisYear, history: [lastYear(3, 0.8)] })).toThrow(/本轮评议“2014”缺少评议期/);
    });

    it('refuses contradictory entries: 4th of 3, a tie running past the last place, total unlike 满意度', () => {
      const bad = (t: object) => () => scoreIn(year(2014), [{ roundId: '2013', period: year(2013), targets: [{ ...entry(1, 0.9), ...t }] }]);
      expect(bad({ rank: 4 })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'HISTORY_INCONSISTENT', targetId: 'c', field: 'rank' })] }));
      expect(bad({ rank: 2, tieSize: 3 })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'HISTORY_INCONSISTENT', field: 'tieSize' })] }));
      expect(bad({ total: 0.8 })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'HISTORY_INCONSISTENT', field: 'total' })] }));
    });
  });

  it('refers verified misconduct for investigation', () => {
    const r = byId(score([{ ...post('a', 95, 100, 100), misconduct: 1 }]), 'a');
    expect(ruleIds(r)).toContain('ganquan-misconduct');
  });

  it('carries the Wilson interval of 17 of 20 (0.6396–0.9476) and flags the small sample', () => {
    const r = byId(score([post('a', 17, 20, 30)]), 'a');
    expect(r.components.satisfaction?.interval).toMatchObject({ method: 'wilson', n: 20, lowSample: true });
    expect(r.components.satisfaction?.interval?.lower).toBeCloseTo(0.6396, 4);
    expect(r.components.satisfaction?.interval?.upper).toBeCloseTo(0.9476, 4);
    expect(flagIds(r)).toContain('low_sample');
  });

  it('rejects facts without the served count, naming the target', () => {
    expect(() => score([{ targetId: 'a', channels: { window: tally('overall', { satisfied: 1 }) } }])).toThrow(ScoringInputError);
    expect(() => score([{ targetId: 'a', channels: { window: tally('overall', { satisfied: 1 }) } }])).toThrow(/a\.served: required/);
  });

  it('rejects more forms back than people served', () => {
    expect(() => score([post('a', 10, 12, 10)])).toThrow(/10 served but 12 forms returned/);
    expect(() => score([{ ...post('a', 10, 10, 10), served: 10, returned: 11 }])).toThrow(/10 served but 11 forms returned/);
  });

  it('counts numbered forms back, not window QR opinions, when the facts say how many came back', () => {
    // 10 forms issued, 4 came back (paper or online through their QR); 6 more opinions on the
    // window's own QR: 回收率 4 ÷ 10 < 60% → 不满意; 满意度 over all 10 window opinions; more
    // opinions than forms issued is no served-below-returned problem.
    const r = byId(score([{ ...post('a', 9, 10, 10), returned: 4 }, { ...post('b', 9, 12, 10), returned: 7 }]), 'a');
    expect(r.components.return_rate).toMatchObject({ value: 0.4, numerator: 4, denominator: 10 });
    expect(r.components.satisfaction?.value).toBeCloseTo(0.9, 8);
    expect(flagIds(r)).toContain('low_return_rate');
    expect(r.grade?.id).toBe('unsatisfied');
  });
});
