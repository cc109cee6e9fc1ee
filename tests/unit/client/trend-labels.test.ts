import { axisLabels } from '../../../client/src/staff/lib/trend-labels';

describe('axisLabels', () => {
  it('moves a year every round shares into the title', () => {
    expect(axisLabels(['2026年第二季度', '2026年第三季度', '2026年第四季度群众满意度评议'])).toEqual({ labels: ['第二季度', '第三季度', '第四季度群众满意度评议'], year: '2026年' });
  });

  it('shortens the years when the rounds span more than one', () => {
    expect(axisLabels(['2025年第四季度', '2026年第一季度'])).toEqual({ labels: ['25年第四季度', '26年第一季度'] });
  });

  it('keeps annual rounds and labels without a year as they are', () => {
    expect(axisLabels(['2026年'])).toEqual({ labels: ['26年'] });
    expect(axisLabels(['上半年', '下半年'])).toEqual({ labels: ['上半年', '下半年'] });
  });
});
