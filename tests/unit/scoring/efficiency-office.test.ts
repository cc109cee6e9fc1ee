import { getSchemePreset } from '../../../shared/schemes';
import { Scheme, scoreRound } from '../../../shared/scoring';
import type { RoundFactsInput } from '../../../shared/scoring/facts';
import { byId, flagIds, ruleIds, tally } from './builders';

const scheme = getSchemePreset('efficiency-office')!;
const score = (targets: RoundFactsInput['targets'], s: Scheme = scheme) => scoreRound(s, { roundId: '2012', targets });

/**
 * The worked example of docs/scoring.md, by hand:
 * instant 优8 良2: (8×90 + 2×75) ÷ (10×90) = 870/900; monthly 良3: 225/270;
 * inspection 一般2: 120/180; concentrated 优10 良10: 1650/1800.
 * composite = .2×870/900 + .2×225/270 + .1×120/180 + .5×1650/1800 = 0.885.
 * rectification = 20 − 3 (one late fix) − 5 (one still short after a second notice) = 12.
 * total = 0.885 × 80 + 12 = 82.8.
 */
const worked = {
  targetId: 'gaj-zhian',
  group: 'enforcement',
  channels: {
    monitor: { ballots: 13, answers: { instant: { excellent: 8, good: 2 }, monthly: { good: 3 } } },
    inspection: tally('grade', { fair: 2 }),
    directed: tally('grade', { excellent: 10, good: 10 }),
  },
  records: { late_or_incomplete: 1, after_second_notice: 1 },
};

/** A section with only concentrated sheets, all 优 (composite 1 after re-normalising) and `late` late fixes. */
function allExcellent(targetId: string, late: number, group = 'enforcement') {
  return { targetId, group, channels: { directed: tally('grade', { excellent: 5 }) }, records: { late_or_incomplete: late } };
}

describe('efficiency-office: 满意率 = Σ(次数×分) ÷ (总次数×90); 总得分 = 综合满意度×80 + 整改情况', () => {
  it('reproduces the worked example: composite 0.885, rectification 12, total 82.8', () => {
    const r = byId(score([worked]), 'gaj-zhian');
    expect(r.components.monitor_instant?.value).toBeCloseTo(870 / 900, 8);
    expect(r.components.monitor_monthly?.value).toBeCloseTo(225 / 270, 8);
    expect(r.components.inspection?.value).toBeCloseTo(120 / 180, 8);
    expect(r.components.concentrated?.value).toBeCloseTo(1650 / 1800, 8);
    expect(r.components.composite?.value).toBeCloseTo(0.885, 8);
    expect(r.components.rectification?.value).toBe(12);
    expect(r.total).toBeCloseTo(82.8, 8);
  });

  it('floors the rectification score at 0 (扣完为止)', () => {
    // 20 − 2×10 − 1×3 = −3 → 0.
    const r = byId(score([{ ...worked, records: { refused: 2, late_or_incomplete: 1 } }]), 'gaj-zhian');
    expect(r.components.rectification?.value).toBe(0);
    expect(r.total).toBeCloseTo(70.8, 8);
  });

  it('re-normalises the weights when a method has no sheets, and flags it', () => {
    // No inspection: (.2×870/900 + .2×225/270 + .5×1650/1800) ÷ 0.9 = 0.818333… ÷ 0.9 = 0.909259…
    const { inspection: _none, ...channels } = worked.channels;
    const r = byId(score([{ ...worked, channels, records: {} }]), 'gaj-zhian');
    const composite = (0.2 * (870 / 900) + 0.2 * (225 / 270) + 0.5 * (1650 / 1800)) / 0.9;
    expect(r.components.composite?.value).toBeCloseTo(composite, 8);
    expect(r.total).toBeCloseTo(composite * 80 + 20, 8);
    expect(r.components.composite?.missingParts).toEqual(['inspection']);
    expect(flagIds(r)).toContain('weights_renormalised');
  });

  it('can count a method without sheets as zero instead (scheme option)', () => {
    const zero = Scheme.parse({
      ...scheme,
      components: scheme.components.map((c) => (c.id === 'composite' ? { ...c, missing: 'zero' } : c)),
    });
    const { inspection: _none, ...channels } = worked.channels;
    const r = byId(score([{ ...worked, channels, records: {} }], zero), 'gaj-zhian');
    expect(r.components.composite?.value).toBeCloseTo(0.2 * (870 / 900) + 0.2 * (225 / 270) + 0.5 * (1650 / 1800), 8);
  });

  it('gives no total and no rank to a section without any sheet', () => {
    const r = byId(score([{ targetId: 'x', group: 'enforcement', records: {} }, worked]), 'x');
    expect(r.total).toBeNull();
    expect(r.rank).toBeNull();
  });

  it('names ranks 1–5 满意科室 when two sections tie at 6th (并列不超额), and names both among the last 3 (并列均计入)', () => {
    // 对排名在行政执法类前6名…评为满意科室; 对排名在行政执法类后3名…且得分在70分(含70分)以上的，责成其书面说明情况.
    // 80 + (20 − 3 × late): 100, 97, 94, 91, 88, 85, 85, 82, and 7 late fixes floor at 0: 80.
    const lates = [0, 1, 2, 3, 4, 5, 5, 6, 7];
    const res = score(lates.map((late, i) => allExcellent(`s${i + 1}`, late)));
    expect(res.targets.map((t) => t.total)).toEqual([100, 97, 94, 91, 88, 85, 85, 82, 80]);
    expect(byId(res, 's6').rank).toBe(6);
    expect(byId(res, 's7').rank).toBe(6);
    expect(byId(res, 's8').rank).toBe(8);
    // Top 6: the block at 6th covers places 6–7 for one place left, so neither gets the title.
    for (const id of ['s1', 's5']) expect(ruleIds(byId(res, id))).toContain('efficiency-satisfied-section');
    for (const id of ['s6', 's7', 's8']) expect(ruleIds(byId(res, id))).not.toContain('efficiency-satisfied-section');
    // Last 3 are places 7–9; the block at 6th reaches place 7, so s6 (as bad as s7) is named too.
    for (const id of ['s6', 's7', 's8', 's9']) expect(ruleIds(byId(res, id))).toContain('efficiency-bottom-three');
    expect(ruleIds(byId(res, 's5'))).not.toContain('efficiency-bottom-three');
  });

  it('lets the whole tie into the top 6 when the rule says ties: include (a rule overrides the ranking default)', () => {
    const lenient = Scheme.parse({
      ...scheme,
      rules: scheme.rules.map((r) => (r.id === 'efficiency-satisfied-section' ? { ...r, when: { kind: 'rank', top: 6, ties: 'include' } } : r)),
    });
    const lates = [0, 1, 2, 3, 4, 5, 5, 6, 7];
    const res = score(lates.map((late, i) => allExcellent(`s${i + 1}`, late)), lenient);
    for (const id of ['s5', 's6', 's7']) expect(ruleIds(byId(res, id))).toContain('efficiency-satisfied-section');
    expect(ruleIds(byId(res, 's8'))).not.toContain('efficiency-satisfied-section');
  });

  it('ranks each category separately', () => {
    const res = score([allExcellent('e1', 0), allExcellent('e2', 1), allExcellent('m1', 3, 'management')]);
    expect(byId(res, 'm1').rank).toBe(1);
    expect(byId(res, 'e2').rank).toBe(2);
    expect(res.groups.map((g) => [g.group, g.label, g.order])).toEqual([
      ['enforcement', '行政执法类', ['e1', 'e2']],
      ['management', '综合管理类', ['m1']],
    ]);
  });

  it('orders a deadline fix and accountability below 70, and no written explanation then', () => {
    // All 差: 30/90 × 80 + 20 = 46.67.
    const poor = { targetId: 'p', group: 'enforcement', channels: { directed: tally('grade', { bad: 4 }) } };
    const res = score([...[0, 1, 2, 3, 4, 5, 6].map((l) => allExcellent(`s${l}`, l)), poor]);
    const p = byId(res, 'p');
    expect(p.total).toBeCloseTo((30 / 90) * 80 + 20, 8);
    expect(ruleIds(p)).toContain('efficiency-below-70');
    expect(ruleIds(p)).not.toContain('efficiency-bottom-three');
  });

  it('applies 70 exactly as "70分（含70分）以上"', () => {
    // 优×7 + 差×9: (7×90 + 9×30) ÷ (16×90) = 900 ÷ 1440 = 0.625; 0.625 × 80 + 20 = 70 exactly.
    const seventy = { targetId: 'z', group: 'enforcement', channels: { directed: tally('grade', { excellent: 7, bad: 9 }) }, records: {} };
    const res = score([...[0, 1, 2, 3, 4, 5].map((l) => allExcellent(`s${l}`, l)), seventy]);
    const z = byId(res, 'z');
    expect(z.total).toBeCloseTo(0.625 * 80 + 20, 8);
    expect(ruleIds(z)).toContain('efficiency-bottom-three');
    expect(ruleIds(z)).not.toContain('efficiency-below-70');
  });

  it('rejects an unknown record kind and an unknown grade option', () => {
    expect(() => score([{ ...worked, records: { forgotten: 1 } }])).toThrow(/records\.forgotten: unknown record kind/);
    expect(() => score([{ ...worked, channels: { directed: tally('grade', { superb: 1 }) } }])).toThrow(/superb: not an option/);
    expect(() => score([{ ...worked, group: 'other' }])).toThrow(/group: "other" is not one of/);
  });
});
