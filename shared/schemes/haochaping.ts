import type { SchemeInput } from '../scoring/scheme';

/**
 * The national 政务服务“好差评” five-level scale, written only as data: no engine code knows it.
 * 好评率 = (非常满意 + 满意 + 基本满意) ÷ 评价数; every 不满意 / 非常不满意 ballot opens a
 * rectification case due in `deadlineWorkingDays` working days. See docs/scoring.md#haochaping.
 */
export const haochaping: SchemeInput = {
  id: 'haochaping',
  name: '政务服务“好差评”',
  source: '国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见（国办发〔2019〕51号）五级评价',
  channels: ['window', 'sampling', 'phone'],
  // 一次一评: in a round rating windows, each visit (a day) is rated; a section or unit once per round.
  dedupe: { perVisit: ['window'] },
  forms: {
    default: {
      title: '政务服务“好差评”',
      comment: true,
      items: [
        {
          id: 'overall',
          label: '您对本次政务服务的评价',
          kind: 'single',
          required: true,
          options: [
            { value: 'very_satisfied', label: '非常满意', points: 5, icon: 'face-5' },
            { value: 'satisfied', label: '满意', points: 4, icon: 'face-4' },
            { value: 'basically_satisfied', label: '基本满意', points: 3, icon: 'face-3' },
            { value: 'unsatisfied', label: '不满意', points: 2, icon: 'face-2' },
            { value: 'very_unsatisfied', label: '非常不满意', points: 1, icon: 'face-1' },
          ],
        },
      ],
    },
  },
  lowSampleBelow: 30,
  components: [
    {
      kind: 'proportion',
      id: 'good_rate',
      label: '好评率',
      channels: ['window', 'sampling', 'phone'],
      item: 'overall',
      success: ['very_satisfied', 'satisfied', 'basically_satisfied'],
      denominator: 'ballots',
      scale: 100,
    },
    { kind: 'pointsMean', id: 'mean_level', label: '平均评价等级（1–5）', channels: ['window', 'sampling', 'phone'], items: ['overall'], per: 'ballot' },
  ],
  total: 'good_rate',
  ranking: { direction: 'best-first', higherIs: 'better' },
  rules: [
    {
      id: 'haochaping-bad-review', actions: ['rectification'],
      label: '差评整改',
      text: '每条“不满意”“非常不满意”评价生成一件整改案件：核实情况，限期整改并回访反馈',
      when: { kind: 'answers', item: 'overall', values: ['unsatisfied', 'very_unsatisfied'], atLeast: 1 },
      cases: { item: 'overall', values: ['unsatisfied', 'very_unsatisfied'] },
      deadlineWorkingDays: 15,
    },
  ],
};
