import { getSchemePreset } from '../../../shared/schemes';
import { DEFAULT_QUOTA, resolveRankDefaults, Scheme, scoreRound } from '../../../shared/scoring';
import type { RoundFactsInput } from '../../../shared/scoring/facts';
import type { RoundResult } from '../../../shared/scoring/result';
import { byId, flagIds, ruleIds, tally } from './builders';

const tonghe = getSchemePreset('tonghe')!;
const efficiency = getSchemePreset('efficiency-office')!;
const nanchuan = getSchemePreset('nanchuan')!;

const ITEMS = ['openness', 'lawful', 'service', 'integrity', 'institutions'] as const;
const allGood = Object.fromEntries(ITEMS.map((i) => [i, 'good']));

/** A 通河 unit whose order is set by 工作考核 only (survey 90, hearing 100 from 3 of 3 present, 政风建设年 80). */
function unit(targetId: string, work: number, group = 'enforcement'): RoundFactsInput['targets'][number] {
  return {
    targetId,
    group,
    channels: { phone: tally('overall', { satisfied: 90, unsatisfied: 10 }), hearing: { sheets: [allGood, allGood, allGood] } },
    present: { hearing: 3 },
    inputs: group === 'service' ? { work } : { style_year: 80, work },
  };
}

const cutsOf = (res: RoundResult, group: string) => res.groups.find((g) => g.group === group)?.cuts ?? [];

describe('ties at a quota cut', () => {
  describe('通河: 获“群众满意单位”的数额按组别以40%比例计评 (a cap)', () => {
    it('titles 1 of 5 when three units tie at 2nd for the 2 places, and says why beside the ranking', () => {
      // ⌊0.4 × 5⌋ = 2 places. Work 95, 90, 90, 90, 70 → ranks 1, 2, 2, 2, 5. The block at 2nd covers
      // places 2–4 for the one place left: 并列不超额 gives it to none of them (was 4 of 5 titled).
      const res = scoreRound(tonghe, { roundId: '2011', targets: [unit('a', 95), unit('b', 90), unit('c', 90), unit('d', 90), unit('e', 70)] });
      expect(['a', 'b', 'c', 'd', 'e'].filter((id) => ruleIds(byId(res, id)).includes('tonghe-satisfied-unit'))).toEqual(['a']);
      const cut = cutsOf(res, 'enforcement').find((c) => c.ruleIds.includes('tonghe-satisfied-unit'));
      expect(cut).toMatchObject({ end: 'best', kind: 'rankShare', places: 2, share: 0.4, rounding: 'floor', ties: 'exclude', tie: { rank: 2, size: 3, targetIds: ['b', 'c', 'd'], applied: false }, within: ['a'] });
      expect(cut?.text).toBe('前40%（5个单位×40%=2，向下取整为2个）：第2名3个单位并列，按“并列不超额”规则均不授予（群众满意单位）');
      for (const id of ['b', 'c', 'd']) {
        const flag = byId(res, id).flags.find((f) => f.id === 'tied_at_cut');
        expect(flag?.detail).toContain('并列');
        expect(flag?.detail).toContain('并列不超额');
      }
      expect(flagIds(byId(res, 'a'))).not.toContain('tied_at_cut');
    });

    it('titles none of 3 units tied at 1st for ⌊0.4 × 3⌋ = 1 place (was 3 of 3)', () => {
      const res = scoreRound(tonghe, { roundId: '2011', targets: [unit('a', 90), unit('b', 90), unit('c', 90)] });
      for (const id of ['a', 'b', 'c']) expect(ruleIds(byId(res, id))).not.toContain('tonghe-satisfied-unit');
      expect(cutsOf(res, 'enforcement')[0]?.text).toBe('前40%（3个单位×40%=1.2，向下取整为1个）：第1名3个单位并列，按“并列不超额”规则均不授予（群众满意单位）');
    });

    it('says when the cut falls between two places', () => {
      const res = scoreRound(tonghe, { roundId: '2011', targets: [unit('a', 95), unit('b', 90), unit('c', 85), unit('d', 80), unit('e', 70)] });
      const cut = cutsOf(res, 'enforcement')[0];
      expect(cut).toMatchObject({ tie: null, within: ['a', 'b'] });
      expect(cut?.text).toBe('前40%（5个单位×40%=2，向下取整为2个）：名额线处无并列（群众满意单位）');
    });

    it('rounds the share as the ranking says, and a rule’s own rounding wins', () => {
      // 5 × 40% = 2 whatever the rounding; 4 units: 1.6 → floor 1, round 2, ceil 2.
      const four = [unit('a', 95), unit('b', 90), unit('c', 85), unit('d', 80)];
      const titled = (s: Scheme) => ['a', 'b', 'c', 'd'].filter((id) => ruleIds(byId(scoreRound(s, { roundId: '2011', targets: four }), id)).includes('tonghe-satisfied-unit'));
      expect(titled(tonghe)).toEqual(['a']);
      const rounded = Scheme.parse({ ...tonghe, ranking: { ...tonghe.ranking, quota: { rounding: 'round' } } });
      expect(titled(rounded)).toEqual(['a', 'b']);
      const ruleFloor = Scheme.parse({
        ...rounded,
        rules: rounded.rules.map((r) => (r.id === 'tonghe-satisfied-unit' ? { ...r, when: { kind: 'rankShare', top: 0.4, rounding: 'floor' } } : r)),
      });
      expect(titled(ruleFloor)).toEqual(['a']);
    });

    it('names every unit tied for the last place among 基层执法单位 (并列均计入)', () => {
      // 对连续两年排名末位的基层执法单位，建议主管部门对主要负责人调离岗位: j2 and j3 tie last both years.
      const targets = [unit('j1', 90, 'grassroots'), unit('j2', 60, 'grassroots'), unit('j3', 60, 'grassroots')];
      // 连续两年: yearly rounds (the rule counts years).
      const history = [{ roundId: '2010', period: { kind: 'year' as const, start: '2010-01-01', end: '2010-12-31' }, targets: ['j2', 'j3'].map((targetId) => ({ targetId, rank: 2, rankedCount: 3, tieSize: 2, total: 70 })) }];
      const res = scoreRound(tonghe, { roundId: '2011', period: { kind: 'year', start: '2011-01-01', end: '2011-12-31' }, targets, history });
      for (const id of ['j2', 'j3']) expect(ruleIds(byId(res, id))).toContain('tonghe-move-head');
      const cut = cutsOf(res, 'grassroots').find((c) => c.ruleIds.includes('tonghe-move-head'));
      expect(cut?.text).toBe('后1名：第2名2个单位并列，按“并列均计入”规则均列入（建议调离主要负责人）');
    });
  });

  describe('效能办: 对排名在行政执法类后3名…且得分在70分(含70分)以上的，责成其书面说明情况', () => {
    /** Only 集中测评 sheets, all 优 (composite 1), and `late` late fixes: total 80 + 20 − 3 × late. */
    const section = (targetId: string, late: number) => ({ targetId, group: 'enforcement', channels: { directed: tally('grade', { excellent: 5 }) }, records: { late_or_incomplete: late } });

    it('asks all three sections tied at 7th of 9 to explain, and shows the rule', () => {
      // Totals 100, 97, 94, 91, 88, 85, 82, 82, 82 → ranks 1–6, then 7, 7, 7. Last 3 = places 7–9, the
      // block fills them exactly: no tie straddles the cut. Now 10 sections with 4 at 7th: places 7–10,
      // last 3 = places 8–10, the block straddles the cut → all four explain (并列均计入).
      const lates = [0, 1, 2, 3, 4, 5, 6, 6, 6, 6];
      const res = scoreRound(efficiency, { roundId: '2012', targets: lates.map((l, i) => section(`s${i + 1}`, l)) });
      expect(['s7', 's8', 's9', 's10'].map((id) => byId(res, id).rank)).toEqual([7, 7, 7, 7]);
      for (const id of ['s7', 's8', 's9', 's10']) expect(ruleIds(byId(res, id))).toContain('efficiency-bottom-three');
      expect(ruleIds(byId(res, 's6'))).not.toContain('efficiency-bottom-three');
      const cut = cutsOf(res, 'enforcement').find((c) => c.kind === 'rankFromEnd');
      expect(cut).toMatchObject({ end: 'worst', places: 3, ties: 'include', tie: { rank: 7, size: 4, applied: true } });
      expect(cut?.text).toBe('后3名：第7名4个单位并列，按“并列均计入”规则均列入（书面说明、取消评优）');
      expect(byId(res, 's7').flags.find((f) => f.id === 'tied_at_cut')?.detail).toBe(cut?.text);
    });

    it('names none of them when the scheme says ties.worst: exclude', () => {
      const lenient = Scheme.parse({ ...efficiency, ranking: { ...efficiency.ranking, quota: { ties: { worst: 'exclude' } } } });
      const lates = [0, 1, 2, 3, 4, 5, 6, 6, 6, 6];
      const res = scoreRound(lenient, { roundId: '2012', targets: lates.map((l, i) => section(`s${i + 1}`, l)) });
      for (const id of ['s7', 's8', 's9', 's10']) expect(ruleIds(byId(res, id))).not.toContain('efficiency-bottom-three');
      expect(cutsOf(res, 'enforcement').find((c) => c.kind === 'rankFromEnd')?.text).toContain('按“并列不超额”规则均不列入');
    });
  });

  describe('南川: 每季度评选出10个最难办事科室 (worst first)', () => {
    /** Difficulty d with 100 directed ballots: d × 5 ticks of 冷 then 懒 …, 100 each at most. */
    function section(targetId: string, d: number) {
      const problems: Record<string, number> = {};
      ['cold', 'lazy', 'shirk', 'arbitrary', 'greedy'].forEach((p, i) => {
        const n = Math.max(0, Math.min(100, d * 5 - i * 100));
        if (n > 0) problems[p] = n;
      });
      return { targetId, channels: { directed: { ballots: 100, answers: { problems } } } };
    }

    it('names both sections tied at 10th (11 named), and says so beside the ranking', () => {
      const ds = [60, 55, 50, 45, 40, 35, 30, 25, 20, 15, 15, 10];
      const ids = ds.map((_, i) => `s${String(i + 1).padStart(2, '0')}`);
      const res = scoreRound(nanchuan, { roundId: 'q3', targets: ds.map((d, i) => section(ids[i]!, d)) });
      expect(ids.filter((id) => ruleIds(byId(res, id)).includes('nanchuan-published'))).toHaveLength(11);
      const cut = cutsOf(res, 'all').find((c) => c.places === 10);
      expect(cut).toMatchObject({ end: 'worst', kind: 'rank', ruleIds: ['nanchuan-published', 'nanchuan-talk', 'nanchuan-deduction'], tie: { rank: 10, size: 2, targetIds: ['s10', 's11'], applied: true } });
      expect(cut?.text).toBe('前10名：第10名2个单位并列，按“并列均计入”规则均列入（公示曝光、谈话提醒、3个月内不得提拔、年度考核扣分）');
    });
  });

  it('fills in rank conditions from the ranking, leaving a rule’s own choice alone', () => {
    expect(DEFAULT_QUOTA).toEqual({ rounding: 'floor', ties: { best: 'exclude', worst: 'include' } });
    expect(resolveRankDefaults({ kind: 'rank', top: 6 }, 'best-first', undefined)).toEqual({ kind: 'rank', top: 6, ties: 'exclude' });
    expect(resolveRankDefaults({ kind: 'rank', top: 10 }, 'worst-first', undefined)).toEqual({ kind: 'rank', top: 10, ties: 'include' });
    expect(resolveRankDefaults({ kind: 'rankFromEnd', within: 1, ties: 'exclude' }, 'best-first', undefined)).toEqual({ kind: 'rankFromEnd', within: 1, ties: 'exclude' });
    expect(resolveRankDefaults({ kind: 'not', of: { kind: 'rankShare', top: 0.4 } }, 'best-first', { rounding: 'ceil', ties: { best: 'include' } })).toEqual({
      kind: 'not',
      of: { kind: 'rankShare', top: 0.4, rounding: 'ceil', ties: 'include' },
    });
  });
});
