import { scoreParts } from '../../client/src/public/lib/display';

describe('scoreParts (the parts under a published total)', () => {
  it('shows a share with its counts, a points part with two decimals, and leaves out the total', () => {
    const parts = {
      satisfaction: { id: 'satisfaction', label: '满意度', value: 1, numerator: 7, denominator: 7 },
      return_rate: { id: 'return_rate', label: '测评表回收率', value: 0.875, numerator: 7, denominator: 8 },
      hearing: { id: 'hearing', label: '听证评议分', value: 125 / 3, numerator: 125, denominator: 3 },
      style_year: { id: 'style_year', label: '“政风建设年”活动评议分', value: null },
    };
    expect(scoreParts(parts, 'satisfaction')).toBe('测评表回收率 87.5%（7/8） · 听证评议分 41.67 · “政风建设年”活动评议分 —');
  });

  it('says nothing when the total is the only part', () => {
    expect(scoreParts({ total: { id: 'total', label: '总分', value: 80 } }, 'total')).toBe('');
  });
});
