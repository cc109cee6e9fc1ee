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

  describe('连续2年以上', () => {
    const lastYear = (rank: number, satisfaction: number) => ({
      roundId: '2013',
      targets: [{ targetId: 'c', rank, rankedCount: 3, tieSize: 1, total: satisfaction, components: { satisfaction: { value: satisfaction } } }],
    });

    it('does not fire on the first year', () => {
      const c = byId(score([post('a', 95, 100, 100), post('b', 90, 100, 100), post('c', 70, 100, 100)]), 'c');
      expect(ruleIds(c)).not.toContain('ganquan-two-years');
    });

    it('fires on the second year running (last place, then under 75%) and names both rounds', () => {
      const c = byId(score([post('a', 95, 100, 100), post('b', 90, 100, 100), post('c', 70, 100, 100)], [lastYear(3, 0.8)]), 'c');
      expect(consequence(c, 'ganquan-two-years')).toMatchObject({ rounds: ['2013', '2014'], streak: 2 });
    });

    it('fires again on the third year with the streak length', () => {
      const history = [{ ...lastYear(3, 0.7), roundId: '2012' }, lastYear(3, 0.8)];
      const c = byId(score([post('a', 95, 100, 100), post('b', 90, 100, 100), post('c', 70, 100, 100)], history), 'c');
      expect(consequence(c, 'ganquan-two-years')).toMatchObject({ rounds: ['2013', '2014'], streak: 3 });
    });

    it('does not fire when last year was fine', () => {
      const c = byId(score([post('a', 95, 100, 100), post('b', 90, 100, 100), post('c', 70, 100, 100)], [lastYear(1, 0.95)]), 'c');
      expect(ruleIds(c)).not.toContain('ganquan-two-years');
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
    expect(() => score([post('a', 10, 12, 10)])).toThrow(/10 served but 12 ballots returned/);
  });
});
