import type { SchemeInput } from '../scoring/scheme';

const topThree = { kind: 'rank', top: 3 } as const;

/**
 * 南川 “最难办事科室群众评” (nanchuan-2021.txt): worst-first, every quarter. The difficulty score
 * is the average share of the five problems 冷 懒 推 乱 贪 a ballot reports, × 100: a section
 * every evaluator ticks all five problems for scores 100, one nobody ticks anything for scores
 * 0. Each problem weighs 1 point (change `points` to weigh them). See docs/scoring.md#nanchuan.
 */
export const nanchuan: SchemeInput = {
  id: 'nanchuan',
  name: '南川区“最难办事科室群众评”',
  source: 'nanchuan-2021.txt “评差”评出的新变化（当代党员 2021年6期）',
  channels: ['directed', 'sampling'],
  forms: {
    default: {
      title: '“最难办事科室群众评”评议表',
      intro: '请勾选您在该科室办事时遇到的问题（可多选；没有遇到问题可不选）。',
      comment: true,
      items: [
        {
          id: 'problems',
          label: '您遇到了哪些问题',
          kind: 'multi',
          required: false,
          options: [
            { value: 'cold', label: '冷：态度冷漠，主动服务意识差', points: 1 },
            { value: 'lazy', label: '懒：懒政，行政效能低', points: 1 },
            { value: 'shirk', label: '推：没有落实法定职责必须为', points: 1 },
            { value: 'arbitrary', label: '乱：乱作为、乱收费、乱摊派', points: 1 },
            { value: 'greedy', label: '贪：以权谋私，吃拿卡要', points: 1 },
          ],
        },
      ],
    },
  },
  lowSampleBelow: 30,
  components: [
    {
      kind: 'pointsMean',
      id: 'difficulty',
      label: '办事难度分',
      channels: ['directed', 'sampling'],
      items: ['problems'],
      per: 'ballot',
      normaliser: 5,
      scale: 100,
    },
  ],
  total: 'difficulty',
  ranking: {
    direction: 'worst-first',
    higherIs: 'worse',
    minBallots: { count: 30, channels: ['directed', 'sampling'] },
    // 评选出10个最难办事科室: a section tied with the 10th is as hard to deal with, so it is named too.
    quota: { ties: { worst: 'include' } },
    forceFirst: { when: { kind: 'misconduct' }, flag: { id: 'misconduct_first', label: '干部职工违规违纪问题被举报并经查实，科室直接列为第一名' } },
  },
  rules: [
    { id: 'nanchuan-published', actions: ['publicity'], label: '公示曝光', text: '评议结果位列前10名，位次及主要问题在《南川日报》公示曝光', when: { kind: 'rank', top: 10 } },
    {
      id: 'nanchuan-talk', actions: ['talk', 'award_freeze'],
      label: '谈话提醒、3个月内不得提拔',
      text: '区纪委监委对所在单位分管领导或主要领导进行谈话提醒，所在单位党委（党组）对科室负责人进行谈话提醒，科室主要负责人3个月内不得提拔重用',
      when: { kind: 'rank', top: 10 },
    },
    { id: 'nanchuan-interview', actions: ['interview'], label: '约谈科室负责人', text: '评议结果位列前3名，所在单位党委（党组）对科室负责人进行约谈', when: topThree },
    // "每季度评选出10个最难办事科室" and "若连续2次评议结果位列前3名……若连续3次……": the 评议 is
    // quarterly, so consecutive evaluations are consecutive calendar quarters (a skipped quarter
    // breaks the run).
    { id: 'nanchuan-remove-head', actions: ['removal'], label: '免去科室负责人职务', text: '连续2次评议结果位列前3名，免去科室负责人职务', when: topThree, history: { kind: 'consecutive', rounds: 2, mode: 'atLeast', unit: 'quarter' } },
    { id: 'nanchuan-remove-supervisor', actions: ['removal'], label: '免去分管领导职务', text: '连续3次评议结果位列前3名，免去分管领导职务', when: topThree, history: { kind: 'consecutive', rounds: 3, mode: 'atLeast', unit: 'quarter' } },
    {
      id: 'nanchuan-deduction', actions: ['assessment'],
      label: '年度考核扣分',
      text: '按排名第一名到第十名递减，对领导班子和分管领导年度综合考核扣分',
      when: { kind: 'rank', top: 10 },
      deductionByRank: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
    },
  ],
};
