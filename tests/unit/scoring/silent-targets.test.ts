import { getSchemePreset } from '../../../shared/schemes';
import { Scheme, scoreRound } from '../../../shared/scoring';
import type { RoundFactsInput } from '../../../shared/scoring/facts';
import { byId, consequence, flagIds, ruleIds, tally } from './builders';

const ganquan = getSchemePreset('ganquan')!;
const nanchuan = getSchemePreset('nanchuan')!;

/** A post with `satisfied` of `returned` forms back, out of `served` people served. */
function post(targetId: string, satisfied: number, returned: number, served: number): RoundFactsInput['targets'][number] {
  return { targetId, served, channels: returned === 0 ? {} : { window: tally('overall', { satisfied, unsatisfied: returned - satisfied }) } };
}
const score = (targets: RoundFactsInput['targets'], history: RoundFactsInput['history'] = [], s: Scheme = ganquan) => scoreRound(s, { roundId: '2014', period: { kind: 'year', start: '2014-01-01', end: '2014-12-31' }, targets, history });

describe('silent targets: 测评表回收率不足60%的视为“不满意”等次 … 对“满意度”低于75%或处于末位的，本年度内不得争先评优 (ganquan-2014)', () => {
  it('places a post that got no form back last, so 末位 rules fire for it and not for the worst post that answered', () => {
    // b 90%, c 80%, a 0 of 50 forms back → a is 末位 (rank 3 of 3); c, at 80% ≥ 75%, is no longer last.
    const res = score([post('a', 0, 0, 50), post('b', 90, 100, 100), post('c', 80, 100, 100)]);
    const a = byId(res, 'a');
    expect(a).toMatchObject({ rank: 3, rankedCount: 3, tieSize: 1, grade: { id: 'unsatisfied' } });
    expect(flagIds(a)).toEqual(expect.arrayContaining(['low_return_rate', 'silent_worst']));
    expect(a.flags.find((f) => f.id === 'silent_worst')?.detail).toBe('收回 0 份，服务 50 人');
    expect(ruleIds(a)).toEqual(expect.arrayContaining(['ganquan-no-awards', 'ganquan-not-excellent']));
    expect(ruleIds(byId(res, 'c'))).not.toContain('ganquan-no-awards');
    expect(res.groups[0]?.order).toEqual(['b', 'c', 'a']);
  });

  it('fires 连续2年 for a post silent this year and last last year', () => {
    const history = [{ roundId: '2013', period: { kind: 'year' as const, start: '2013-01-01', end: '2013-12-31' }, targets: [{ targetId: 'a', rank: 3, rankedCount: 3, tieSize: 1, total: 0.8 }] }];
    const res = score([post('a', 0, 0, 50), post('b', 90, 100, 100), post('c', 80, 100, 100)], history);
    expect(consequence(byId(res, 'a'), 'ganquan-two-years')).toMatchObject({ rounds: ['2013', '2014'], streak: 2 });
  });

  it('ties every silent post for the last place', () => {
    const res = score([post('a', 0, 0, 50), post('d', 0, 0, 20), post('b', 90, 100, 100), post('c', 80, 100, 100)]);
    for (const id of ['a', 'd']) {
      expect(byId(res, id)).toMatchObject({ rank: 3, tieSize: 2, rankedCount: 4 });
      expect(ruleIds(byId(res, id))).toContain('ganquan-no-awards');
    }
  });

  it('does not pay to hold back the forms: the silent post fares no better than the worst one that answered', () => {
    // x returned all 100 forms at 70%; y served as many and returned none. Both end up with no-awards.
    const res = score([post('x', 70, 100, 100), post('y', 0, 0, 100), post('z', 95, 100, 100)]);
    expect(ruleIds(byId(res, 'y'))).toEqual(expect.arrayContaining(['ganquan-no-awards', 'ganquan-not-excellent']));
    expect(byId(res, 'y').rank).toBe(3);
    expect(ruleIds(byId(res, 'x'))).toContain('ganquan-no-awards'); // 70% < 75%
  });

  it('does not rank a post that served nobody', () => {
    const r = byId(score([post('a', 0, 0, 0), post('b', 90, 100, 100)]), 'a');
    expect(r.rank).toBeNull();
    expect(flagIds(r)).toContain('not_ranked_no_score');
    expect(ruleIds(r)).not.toContain('ganquan-no-awards');
  });

  it('leaves silent posts unranked when the scheme says silent: unranked', () => {
    const lenient = Scheme.parse({ ...ganquan, ranking: { ...ganquan.ranking, silent: 'unranked' } });
    const r = byId(score([post('a', 0, 0, 50), post('b', 90, 100, 100)], [], lenient), 'a');
    expect(r.rank).toBeNull();
    expect(ruleIds(r)).not.toContain('ganquan-no-awards');
  });

  describe('with a minimum of 30 forms', () => {
    const min30 = Scheme.parse({ ...ganquan, ranking: { ...ganquan.ranking, minBallots: { count: 30, channels: ['window'] } } });

    it('places last a post that served 100 but let only 5 (all satisfied) come back', () => {
      const res = score([post('a', 5, 5, 100), post('b', 90, 100, 100), post('c', 80, 100, 100)], [], min30);
      expect(byId(res, 'a')).toMatchObject({ rank: 3, tieSize: 1 });
      expect(flagIds(byId(res, 'a'))).toContain('silent_worst');
    });

    it('does not rank a post that served only 10: it could not have reached 30', () => {
      const res = score([post('a', 5, 5, 10), post('b', 90, 100, 100)], [], min30);
      expect(byId(res, 'a').rank).toBeNull();
      expect(flagIds(byId(res, 'a'))).toContain('not_ranked_insufficient_ballots');
    });
  });

  it('puts silent sections right after those put first in a worst-first ranking', () => {
    const worst = Scheme.parse({ ...nanchuan, ranking: { ...nanchuan.ranking, silent: 'worst' } });
    const section = (targetId: string, ballots: number, cold: number, misconduct = 0) => ({ targetId, misconduct, channels: ballots === 0 ? {} : { directed: { ballots, answers: { problems: { cold } } } } });
    const res = scoreRound(worst, { roundId: 'q3', targets: [section('m', 40, 0, 1), section('s', 0, 0), section('a', 40, 30), section('b', 40, 10)] });
    expect(res.groups[0]?.order).toEqual(['m', 's', 'a', 'b']);
    expect(byId(res, 's')).toMatchObject({ rank: 2, tieSize: 1 });
    expect(ruleIds(byId(res, 's'))).toContain('nanchuan-interview');
  });
});
