import { getSchemePreset } from '../../../shared/schemes';
import { quotaFor, Scheme, scoreRound } from '../../../shared/scoring';
import type { RoundFactsInput } from '../../../shared/scoring/facts';
import { byId, consequence, ruleIds, tally } from './builders';

const scheme = getSchemePreset('tonghe')!;
const score = (targets: RoundFactsInput['targets'], history: RoundFactsInput['history'] = []) => scoreRound(scheme, { roundId: '2011', targets, history });

const ITEMS = ['openness', 'lawful', 'service', 'integrity', 'institutions'] as const;
const all = (v: string) => Object.fromEntries(ITEMS.map((i) => [i, v]));

/**
 * Three representatives: all 好 (100); 较好 ×3 + 一般 + one blank item (= 一般): 45 + 10 + 10 = 65;
 * all 差 (25). Hearing = (100 + 65 + 25) ÷ 3 = 63.333…
 */
const sheets = [all('good'), { openness: 'fairly_good', lawful: 'fairly_good', service: 'fairly_good', integrity: 'fair' }, all('poor')];

function unit(targetId: string, group: string, extra: Partial<RoundFactsInput['targets'][number]> = {}) {
  return {
    targetId,
    group,
    channels: { phone: tally('overall', { satisfied: 90, unsatisfied: 10 }), hearing: { sheets } },
    present: { hearing: 3 },
    inputs: group === 'service' ? { work: 92 } : { style_year: 85, work: 92 },
    ...extra,
  };
}

/** A unit whose total is set through the work assessment only (everything else equal). */
function byWork(targetId: string, work: number, group = 'enforcement') {
  return unit(targetId, group, { inputs: group === 'service' ? { work } : { style_year: 80, work } });
}

describe('tonghe: 总分 = 满意度测评×40% + 政风建设年×20% + 听证×20% + 工作考核×20%', () => {
  it('scores the hearing as Σ representatives’ scores ÷ representatives, a blank item counting as 一般', () => {
    const r = byId(score([unit('gs', 'enforcement')]), 'gs');
    expect(r.components.hearing?.value).toBeCloseTo(190 / 3, 8);
    expect(r.components.hearing?.denominator).toBe(3);
  });

  it('gives the same hearing score from a tally whose blank item was left out by hand', () => {
    // The tally of the same three sheets, without the blank institutions answer of sheet 2.
    const hearing = {
      ballots: 3,
      answers: {
        openness: { good: 1, fairly_good: 1, poor: 1 },
        lawful: { good: 1, fairly_good: 1, poor: 1 },
        service: { good: 1, fairly_good: 1, poor: 1 },
        integrity: { good: 1, fair: 1, poor: 1 },
        institutions: { good: 1, poor: 1 },
      },
    };
    const r = byId(score([unit('gs', 'enforcement', { channels: { phone: tally('overall', { satisfied: 90, unsatisfied: 10 }), hearing } })]), 'gs');
    expect(r.components.hearing?.value).toBeCloseTo(190 / 3, 8);
  });

  it('combines the four parts: 90×.4 + 85×.2 + 63.33×.2 + 92×.2 = 84.0667', () => {
    const r = byId(score([unit('gs', 'enforcement')]), 'gs');
    expect(r.components.survey?.value).toBeCloseTo(90, 8);
    expect(r.total).toBeCloseTo(90 * 0.4 + 85 * 0.2 + (190 / 3) * 0.2 + 92 * 0.2, 8);
    expect(r.total).toBeCloseTo(84.0667, 4);
  });

  it('weighs the 社会服务组 survey 60% with no 政风建设年 part: 90×.6 + 63.33×.2 + 92×.2 = 85.0667', () => {
    const r = byId(score([unit('dx', 'service')]), 'dx');
    expect(r.total).toBeCloseTo(90 * 0.6 + (190 / 3) * 0.2 + 92 * 0.2, 8);
  });

  it('requires 政风建设年 outside 社会服务组 and refuses it inside', () => {
    expect(() => score([unit('gs', 'enforcement', { inputs: { work: 90 } })])).toThrow(/gs\.inputs\.style_year: required/);
    expect(() => score([unit('dx', 'service', { inputs: { work: 90, style_year: 80 } })])).toThrow(/does not apply to group "service"/);
    expect(() => score([unit('gs', 'enforcement', { inputs: { work: 120, style_year: 80 } })])).toThrow(/120 is outside 0–100/);
  });

  it('honours nobody in a group of two: 40% of 2 floors to 0', () => {
    const res = score([byWork('a', 95), byWork('b', 90)]);
    expect(ruleIds(byId(res, 'a'))).not.toContain('tonghe-satisfied-unit');
  });

  it('sizes the 40% quota by flooring: 16 → 6, 17 → 6, 11 → 4, 9 → 3, 10 → 4', () => {
    expect([16, 17, 11, 9, 10].map((n) => quotaFor(0.4, n))).toEqual([6, 6, 4, 3, 4]);
    expect(quotaFor(0.4, 17, 'round')).toBe(7);
    expect(quotaFor(0.4, 11, 'ceil')).toBe(5);
  });

  it('names the top 40% of each group 群众满意单位, never more: a tie straddling the cut gets no title', () => {
    // 获“群众满意单位”的数额按组别以40%比例计评. 5 units: quota ⌊0.4 × 5⌋ = 2; work 95, 90, 90, 80,
    // 70 → ranks 1, 2, 2, 4, 5. The tie at 2nd straddles the cut (places 2–3 for 1 title left):
    // 并列不超额 gives it to neither, so 1 title, not 3.
    const res = score([byWork('a', 95), byWork('b', 90), byWork('c', 90), byWork('d', 80), byWork('e', 70)]);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => byId(res, id).rank)).toEqual([1, 2, 2, 4, 5]);
    expect(ruleIds(byId(res, 'a'))).toContain('tonghe-satisfied-unit');
    for (const id of ['b', 'c', 'd', 'e']) expect(ruleIds(byId(res, id))).not.toContain('tonghe-satisfied-unit');
  });

  it('can let the whole tie at the 40% cut in instead (scheme option)', () => {
    const lenient = Scheme.parse({ ...scheme, ranking: { ...scheme.ranking, quota: { ties: { best: 'include' } } } });
    const res = scoreRound(lenient, { roundId: '2011', targets: [byWork('a', 95), byWork('b', 90), byWork('c', 90), byWork('d', 80), byWork('e', 70)] });
    for (const id of ['a', 'b', 'c']) expect(ruleIds(byId(res, id))).toContain('tonghe-satisfied-unit');
    expect(ruleIds(byId(res, 'd'))).not.toContain('tonghe-satisfied-unit');
  });

  it('ranks each group on its own and uses the 基层执法单位 title there', () => {
    // Three in each group: quota floor(1.2) = 1.
    const res = score([byWork('a', 95), byWork('b', 90), byWork('c', 85), byWork('j1', 60, 'grassroots'), byWork('j2', 50, 'grassroots'), byWork('j3', 40, 'grassroots')]);
    expect(byId(res, 'j1').rank).toBe(1);
    expect(ruleIds(byId(res, 'j1'))).toEqual(['tonghe-satisfied-grassroots']);
    expect(ruleIds(byId(res, 'a'))).toEqual(['tonghe-satisfied-unit']);
  });

  describe('连续两年排名末位 (基层执法单位), counted in years', () => {
    // tonghe-2011.txt: "对连续两年排名末位的基层执法单位,建议主管部门对主要负责人调离岗位".
    const year = (y: number) => ({ kind: 'year' as const, start: `${y}-01-01`, end: `${y}-12-31` });
    const targets = [byWork('j1', 60, 'grassroots'), byWork('j2', 50, 'grassroots'), byWork('j3', 40, 'grassroots')];
    const in2011 = (ts: RoundFactsInput['targets'], history: RoundFactsInput['history'] = []) => scoreRound(scheme, { roundId: '2011', period: year(2011), targets: ts, history });
    const lastYear = (rank: number, targetId = 'j3') => ({ roundId: '2010', period: year(2010), targets: [{ targetId, rank, rankedCount: 3, tieSize: 1, total: 70 }] });

    it('recommends moving the head after two years last', () => {
      expect(consequence(byId(in2011(targets, [lastYear(3)]), 'j3'), 'tonghe-move-head')).toMatchObject({ rounds: ['2010', '2011'], streak: 2, unit: 'year', periods: ['2010年', '2011年'] });
    });

    it('does not after one year last', () => {
      expect(ruleIds(byId(in2011(targets, [lastYear(2)]), 'j3'))).not.toContain('tonghe-move-head');
      expect(ruleIds(byId(in2011(targets), 'j3'))).not.toContain('tonghe-move-head');
    });

    it('refuses last year’s entry without rankedCount rather than reading a 1st place as last', () => {
      const history = [{ roundId: '2010', period: year(2010), targets: [{ targetId: 'j3', rank: 1, tieSize: 1, total: 90 }] }];
      expect(() => in2011(targets, history)).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'HISTORY_INCOMPLETE', roundId: '2010', targetId: 'j3', field: 'rankedCount', ruleId: 'tonghe-move-head' })] }));
    });

    it('does not apply to the three 县直 groups, as the document limits it to 基层执法单位', () => {
      const res = in2011([byWork('a', 95), byWork('b', 90), byWork('c', 40)], [lastYear(3, 'c')]);
      expect(ruleIds(byId(res, 'c'))).not.toContain('tonghe-move-head');
    });
  });
});
