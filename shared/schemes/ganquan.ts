import type { Condition } from '../scoring/conditions';
import type { SchemeInput } from '../scoring/scheme';

const satisfiedOrNot = [
  { value: 'satisfied', label: '满意', points: 1, icon: 'face-5' },
  { value: 'unsatisfied', label: '不满意', points: 0, icon: 'face-1' },
];

/** The window-evaluation rule the consecutive-year rule repeats: 满意度低于75%或处于末位. */
const lowOrLast: Condition = {
  kind: 'any',
  of: [
    { kind: 'value', of: 'satisfaction', op: 'lt', value: 0.75 },
    { kind: 'rankFromEnd', within: 1 },
  ],
};

/**
 * 甘泉 2014 (ganquan-2014.txt): forms down to the post, handed out after service and mailed
 * back; 满意度 = 满意 ÷ 回收; 回收率 = 回收 ÷ 办事人数. See docs/scoring.md#ganquan.
 */
export const ganquan: SchemeInput = {
  id: 'ganquan',
  name: '甘泉县群众和服务对象监督评价权力部门和窗口单位',
  source: 'ganquan-2014.txt 甘泉县全面推进群众和服务对象监督评价权力部门和窗口单位机制（2014年11月26日）',
  channels: ['window', 'hearing'],
  channelForms: { hearing: 'hearing' },
  // A form after each service; the hearing's sheet is a separate opinion from the member's ballot.
  dedupe: { perVisit: ['window'], apart: ['hearing'] },
  forms: {
    default: {
      title: '群众和服务对象监督评价权力部门和窗口单位满意度测评表',
      intro: '请对刚才为您办理业务的岗位作出评价，您的评价将直接送达县纪委、监察局。',
      comment: true,
      items: [{ id: 'overall', label: '您对本岗位本次办事的总体评价', kind: 'single', required: true, options: satisfiedOrNot }],
    },
    hearing: {
      title: '评议会现场评议表',
      intro: '质询团成员对评议对象现场评议。',
      comment: true,
      items: [{ id: 'overall', label: '您对评议对象的总体评价', kind: 'single', required: true, options: satisfiedOrNot }],
    },
  },
  lowSampleBelow: 30,
  components: [
    { kind: 'proportion', id: 'satisfaction', label: '满意度', channels: ['window'], item: 'overall', success: ['satisfied'], denominator: 'ballots' },
    { kind: 'returnRate', id: 'return_rate', label: '测评表回收率', channels: ['window'] },
    { kind: 'proportion', id: 'hearing', label: '评议会满意度（仅公布，不计入等次）', channels: ['hearing'], item: 'overall', success: ['satisfied'], denominator: 'ballots' },
  ],
  total: 'satisfaction',
  grades: {
    basis: 'satisfaction',
    bands: [
      { id: 'satisfied', label: '满意', min: 0.85 },
      { id: 'unsatisfied', label: '不满意' },
    ],
    overrides: [
      {
        when: { kind: 'value', of: 'return_rate', op: 'lt', value: 0.6 },
        grade: 'unsatisfied',
        flag: { id: 'low_return_rate', label: '测评表回收率不足60%，视为“不满意”等次' },
      },
    ],
  },
  ranking: {
    direction: 'best-first',
    higherIs: 'better',
    // Forms are handed out by the post itself: one that gets none back must not escape 末位
    // (测评表回收率不足60%的视为"不满意"等次). docs/scoring.md#silent-targets.
    silent: 'worst',
  },
  rules: [
    {
      id: 'ganquan-praise', actions: ['praise'],
      label: '通报表扬',
      text: '群众满意度高于85%，予以通报表扬',
      // A unit 视为不满意 for a return rate under 60% is not praised for the few forms it got back.
      when: { kind: 'all', of: [{ kind: 'value', of: 'satisfaction', op: 'gt', value: 0.85 }, { kind: 'grade', in: ['satisfied'] }] },
    },
    { id: 'ganquan-leader-accountability', actions: ['accountability'], label: '主要领导问责', text: '群众满意度低于75%，对其主要领导实行问责', when: { kind: 'value', of: 'satisfaction', op: 'lt', value: 0.75 } },
    { id: 'ganquan-no-awards', actions: ['award_freeze', 'talk'], label: '不得评优、诫勉谈话', text: '满意度低于75%或处于末位，本年度内不得争先评优，并对分管领导实施诫勉谈话', when: lowOrLast },
    {
      id: 'ganquan-two-years', actions: ['accountability', 'removal'],
      label: '连续2年：追责和组织处理',
      text: '连续2年以上满意度低于75%或处于末位，追究相关领导责任，并建议给予相关服务科室负责人停职检查、引咎辞职、责令辞职、免职等组织处理',
      when: lowOrLast,
      // "对“满意度”低于75%或处于末位的,本年度内不得争先评优……;连续2年以上的,追究相关领导责任": the
      // document counts years, so only yearly results count and quarterly rounds never fire it.
      history: { kind: 'consecutive', rounds: 2, mode: 'atLeast', unit: 'year' },
    },
    { id: 'ganquan-not-excellent', actions: ['assessment'], label: '不得评为优秀', text: '被评为“不满意”等次，在年度目标考核中不得评为“优秀”', when: { kind: 'grade', in: ['unsatisfied'] } },
    { id: 'ganquan-misconduct', actions: ['referral'], label: '移交调查', text: '发现被测评单位及其相关人员有违纪违法行为，移交纪检监察或司法机关调查处理', when: { kind: 'misconduct' } },
  ],
};
