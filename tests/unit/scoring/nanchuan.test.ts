import { getSchemePreset } from '../../../shared/schemes';
import { Scheme, scoreRound } from '../../../shared/scoring';
import type { RoundFactsInput } from '../../../shared/scoring/facts';
import { byId, consequence, flagIds, ruleIds } from './builders';

const scheme = getSchemePreset('nanchuan')!;
const score = (targets: RoundFactsInput['targets'], history: RoundFactsInput['history'] = [], s: Scheme = scheme) =>
  scoreRound(s, { roundId: 'q3', targets, history });

/** A section with `ballots` directed ballots and the given problem ticks. */
function section(targetId: string, ballots: number, problems: Record<string, number>, misconduct = 0) {
  return { targetId, misconduct, channels: { directed: { ballots, answers: { problems } } } };
}

/** Difficulty d (0–100) with 100 ballots: d×5 ticks spread over the problems, at most 100 each. */
function withDifficulty(targetId: string, d: number) {
  const ticks = d * 5;
  const problems: Record<string, number> = {};
  ['cold', 'lazy', 'shirk', 'arbitrary', 'greedy'].forEach((p, i) => {
    const n = Math.max(0, Math.min(100, ticks - i * 100));
    if (n > 0) problems[p] = n;
  });
  return section(targetId, 100, problems);
}

describe('nanchuan: 难度分 = Σ 勾选次数 ÷ (评议份数 × 5) × 100, worst first', () => {
  it('scores 40 ballots with 冷20 懒10 推4 乱2 as 36 ÷ 200 × 100 = 18, with each problem’s share', () => {
    const r = byId(score([section('bdc', 40, { cold: 20, lazy: 10, shirk: 4, arbitrary: 2 })]), 'bdc');
    expect(r.components.difficulty?.value).toBeCloseTo(18, 8);
    const cold = r.components.difficulty?.breakdown?.find((b) => b.value === 'cold');
    expect(cold).toMatchObject({ count: 20, share: 0.5, label: '冷：态度冷漠，主动服务意识差' });
    expect(cold?.interval.lower).toBeLessThan(0.5);
  });

  it('counts sampling and directed ballots together', () => {
    const t = { targetId: 's', channels: { directed: { ballots: 20, answers: { problems: { cold: 10 } } }, sampling: { ballots: 20, answers: { problems: { lazy: 10 } } } } };
    expect(byId(score([t]), 's').components.difficulty?.value).toBeCloseTo((20 / 200) * 100, 8);
  });

  it('puts a section with verified misconduct at #1 while two others tied on score share #2', () => {
    // a and b: (40 + 20) ÷ 200 = 30; c: 10 ÷ 200 = 5 but misconduct; d: 4.
    const res = score([section('a', 40, { cold: 40, lazy: 20 }), section('b', 40, { cold: 40, lazy: 20 }), section('c', 40, { cold: 10 }, 1), section('d', 50, { cold: 10 })]);
    expect(['c', 'a', 'b', 'd'].map((id) => byId(res, id).rank)).toEqual([1, 2, 2, 4]);
    expect(flagIds(byId(res, 'c'))).toContain('misconduct_first');
    expect(byId(res, 'a').tied).toBe(true);
    expect(res.groups[0]?.order).toEqual(['c', 'a', 'b', 'd']);
    expect(consequence(byId(res, 'c'), 'nanchuan-deduction')?.points).toBe(10);
    expect(consequence(byId(res, 'a'), 'nanchuan-deduction')?.points).toBe(9);
    expect(consequence(byId(res, 'b'), 'nanchuan-deduction')?.points).toBe(9);
    expect(consequence(byId(res, 'd'), 'nanchuan-deduction')?.points).toBe(7);
    expect(ruleIds(byId(res, 'c'))).toContain('nanchuan-interview');
    expect(consequence(byId(res, 'c'), 'nanchuan-interview')?.actions).toEqual(['interview']);
  });

  it('does not name a section with fewer than 30 ballots, unless misconduct was verified', () => {
    // e: 10 ballots ticking everything (100) — too few to name. f: 5 ballots, misconduct → forced first.
    const res = score([section('a', 40, { cold: 40 }), section('e', 10, { cold: 10, lazy: 10, shirk: 10, arbitrary: 10, greedy: 10 }), section('f', 5, { cold: 5 }, 1)]);
    expect(byId(res, 'e').rank).toBeNull();
    expect(flagIds(byId(res, 'e'))).toContain('not_ranked_insufficient_ballots');
    expect(ruleIds(byId(res, 'e'))).toEqual([]);
    expect(byId(res, 'f').rank).toBe(1);
    expect(byId(res, 'a').rank).toBe(2);
    expect(res.groups[0]?.notRanked).toEqual(['e']);
  });

  it('publishes ranks 1–10 with deductions 10 down to 1, and nobody below', () => {
    const res = score(Array.from({ length: 12 }, (_, i) => withDifficulty(`s${String(i + 1).padStart(2, '0')}`, 60 - i * 5)));
    expect(byId(res, 's01').rank).toBe(1);
    expect(consequence(byId(res, 's10'), 'nanchuan-deduction')?.points).toBe(1);
    expect(ruleIds(byId(res, 's10'))).toEqual(['nanchuan-published', 'nanchuan-talk', 'nanchuan-deduction']);
    expect(ruleIds(byId(res, 's11'))).toEqual([]);
    expect(ruleIds(byId(res, 's03'))).toContain('nanchuan-interview');
    expect(ruleIds(byId(res, 's04'))).not.toContain('nanchuan-interview');
  });

  it('names an eleventh section tied with the tenth', () => {
    const ds = [60, 55, 50, 45, 40, 35, 30, 25, 20, 15, 15, 10];
    const res = score(ds.map((d, i) => withDifficulty(`s${String(i + 1).padStart(2, '0')}`, d)));
    expect(byId(res, 's11').rank).toBe(10);
    expect(ruleIds(byId(res, 's11'))).toContain('nanchuan-published');
    expect(ruleIds(byId(res, 's12'))).toEqual([]);
  });

  describe('escalation over consecutive quarters (current: rank 1 in 2026 Q3)', () => {
    // nanchuan-2021.txt: "每季度评选出10个最难办事科室" and "若连续2次评议结果位列前3名,则免去科室负责人职务;
    // 若连续3次评议结果位列前3名,则免去分管领导职务": the 评议 is quarterly, so the rules count quarters.
    const Q = (q: number, y = 2026) => ({ kind: 'quarter' as const, start: `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`, end: `${y}-${String(q * 3).padStart(2, '0')}-28` });
    const current = [withDifficulty('x', 80), withDifficulty('y', 20), withDifficulty('z', 10), withDifficulty('w', 5)];
    const inQuarter = (q: number, history: RoundFactsInput['history'] = [], s: Scheme = scheme) => scoreRound(s, { roundId: `q${q}`, period: Q(q), targets: current, history });
    const past = (q: number, rank: number | null, roundId = `q${q}`) => ({
      roundId,
      period: Q(q),
      targets: rank === null ? [] : [{ targetId: 'x', rank, rankedCount: 90, tieSize: 1, total: 50, misconduct: 0 }],
    });

    it('1 quarter in the top 3: interview only', () => {
      const x = byId(inQuarter(3), 'x');
      expect(ruleIds(x)).toContain('nanchuan-interview');
      expect(ruleIds(x)).not.toContain('nanchuan-remove-head');
    });

    it('2 quarters running: the section head is removed, naming both quarters', () => {
      const x = byId(inQuarter(3, [past(2, 2)]), 'x');
      expect(consequence(x, 'nanchuan-remove-head')).toMatchObject({ rounds: ['q2', 'q3'], streak: 2, unit: 'quarter', periods: ['2026年第二季度', '2026年第三季度'] });
      expect(ruleIds(x)).not.toContain('nanchuan-remove-supervisor');
    });

    it('3 quarters running: the supervising leader is removed as well', () => {
      const x = byId(inQuarter(3, [past(1, 3), past(2, 2)]), 'x');
      expect(consequence(x, 'nanchuan-remove-supervisor')).toMatchObject({ rounds: ['q1', 'q2', 'q3'], streak: 3 });
      expect(consequence(x, 'nanchuan-remove-head')).toMatchObject({ rounds: ['q2', 'q3'], streak: 3 });
    });

    it('a quarter outside the top 3, a quarter the section was not rated, or a quarter with no round breaks the run', () => {
      expect(ruleIds(byId(inQuarter(3, [past(1, 1), past(2, 4)]), 'x'))).not.toContain('nanchuan-remove-head');
      expect(ruleIds(byId(inQuarter(3, [past(1, 1), past(2, null)]), 'x'))).not.toContain('nanchuan-remove-head');
      // #1 in Q1, no published Q2 at all, #1 in Q3: Q1 and Q3 are not consecutive quarters.
      expect(ruleIds(byId(inQuarter(3, [past(1, 1)]), 'x'))).not.toContain('nanchuan-remove-head');
      // #1 in 2025 Q4 and 2026 Q1: consecutive across the year's end.
      const q1 = scoreRound(scheme, { roundId: 'q1', period: Q(1), targets: current, history: [{ ...past(4, 1, '2025q4'), period: Q(4, 2025) }] });
      expect(consequence(byId(q1, 'x'), 'nanchuan-remove-head')).toMatchObject({ rounds: ['2025q4', 'q1'], periods: ['2025年第四季度', '2026年第一季度'] });
    });

    it('refuses two rounds in one quarter (which one counts would be a guess)', () => {
      expect(() => inQuarter(3, [past(2, 1), past(2, 4, 'q2-again')])).toThrow(/往期评议“q2-again”与“q2”同为2026年第二季度/);
    });

    it('with mode "exactly", a third quarter does not remove the (new) head again', () => {
      const exactly = Scheme.parse({
        ...scheme,
        rules: scheme.rules.map((r) => (r.id === 'nanchuan-remove-head' ? { ...r, history: { kind: 'consecutive', rounds: 2, mode: 'exactly', unit: 'quarter' } } : r)),
      });
      const x = byId(inQuarter(3, [past(1, 3), past(2, 2)], exactly), 'x');
      expect(ruleIds(x)).not.toContain('nanchuan-remove-head');
      expect(ruleIds(x)).toContain('nanchuan-remove-supervisor');
    });

    it('takes last quarter’s engine output as history unchanged', () => {
      const q3 = inQuarter(3);
      const x = byId(scoreRound(scheme, { roundId: 'q4', period: Q(4), targets: current, history: [q3] }), 'x');
      expect(consequence(x, 'nanchuan-remove-head')?.rounds).toEqual(['q3', 'q4']);
    });
  });

  it('shows whether neighbours’ intervals overlap: 30 ballots at 20 vs 22 overlap, 1000 ballots at 10 vs 50 do not', () => {
    const close = score([section('p', 30, { cold: 30 }), section('q', 30, { cold: 30, lazy: 3 })]);
    expect(byId(close, 'q').overlapsNext).toBe(true);
    expect(byId(close, 'p').overlapsPrevious).toBe(true);
    expect(flagIds(byId(close, 'p'))).toContain('interval_overlap');
    const far = score([section('p', 1000, { cold: 500 }), section('q', 1000, { cold: 1000, lazy: 1000, shirk: 500 })]);
    expect(byId(far, 'q').overlapsNext).toBe(false);
    expect(byId(far, 'q').overlapsPrevious).toBeNull();
  });

  it('rejects a problem count above the number of ballots', () => {
    expect(() => score([section('a', 10, { cold: 11 })])).toThrow(/11 answers but only 10 ballots/);
  });
});
