import { getSchemePreset } from '../../../shared/schemes';
import { scoreRound } from '../../../shared/scoring';
import { byId, consequence, ruleIds, tally } from './builders';

const scheme = getSchemePreset('haochaping')!;

describe('haochaping: the national five-level scale, as data only', () => {
  const facts = {
    roundId: '2026-11',
    targets: [
      {
        targetId: 'w1',
        channels: {
          window: tally('overall', { very_satisfied: 50, satisfied: 30, basically_satisfied: 10, unsatisfied: 6 }),
          phone: tally('overall', { very_unsatisfied: 4 }),
        },
      },
      { targetId: 'w2', channels: { sampling: tally('overall', { very_satisfied: 10 }) } },
    ],
  };

  it('computes 好评率 = (非常满意 + 满意 + 基本满意) ÷ 评价数 over every channel: 90 ÷ 100', () => {
    const w1 = byId(scoreRound(scheme, facts), 'w1');
    expect(w1.components.good_rate?.value).toBeCloseTo(90, 8);
    // (50×5 + 30×4 + 10×3 + 6×2 + 4×1) ÷ 100 = 416 ÷ 100.
    expect(w1.components.mean_level?.value).toBeCloseTo(4.16, 8);
  });

  it('opens one rectification case per 差评 with a deadline in working days', () => {
    const res = scoreRound(scheme, facts);
    expect(consequence(byId(res, 'w1'), 'haochaping-bad-review')).toMatchObject({ cases: 10, deadlineWorkingDays: 15 });
    expect(ruleIds(byId(res, 'w2'))).toEqual([]);
  });

  it('needs no engine code of its own: every rule and component kind is shared with the other presets', () => {
    const kinds = new Set(['ganquan', 'luxi', 'tonghe', 'nanchuan', 'efficiency-office'].flatMap((id) => getSchemePreset(id)!.components.map((c) => c.kind)));
    for (const c of scheme.components) expect(kinds).toContain(c.kind);
  });
});
