import type { FormItem } from '../model/form';
import type { ComponentInput } from '../scoring/components';
import type { SchemeInput } from '../scoring/scheme';

/** 优 90 / 良 75 / 一般 60 / 较差 45 / 差 30 — the one scale every method uses. */
const fiveGrades: FormItem['options'] = [
  { value: 'excellent', label: '优', points: 90, icon: 'face-5' },
  { value: 'good', label: '良', points: 75, icon: 'face-4' },
  { value: 'fair', label: '一般', points: 60, icon: 'face-3' },
  { value: 'poor', label: '较差', points: 45, icon: 'face-2' },
  { value: 'bad', label: '差', points: 30, icon: 'face-1' },
];

const gradeItem = (id: string, label: string, required: boolean): FormItem => ({ id, label, kind: 'single', required, options: fiveGrades });

/** A method's 满意率 = Σ(次数 × 分) ÷ (总次数 × 90). */
const method = (id: string, label: string, channel: 'monitor' | 'inspection' | 'directed', item: string): ComponentInput => ({
  kind: 'pointsMean',
  id,
  label,
  channels: [channel],
  items: [item],
  per: 'answer',
  normaliser: 90,
});

/**
 * 区效能办 2012 内设机构测评 (efficiency-office-2012.txt). The 监测点 sends two kinds of sheet on
 * one channel, so its form has one item per sheet kind (`instant`, `monthly`) and each sheet
 * answers only its own item. See docs/scoring.md#efficiency-office.
 */
export const efficiencyOffice: SchemeInput = {
  id: 'efficiency-office',
  name: '区直单位内设机构测评（“百千万”测评活动）',
  source: 'efficiency-office-2012.txt 投诉中心测评活动方案（赣效能办字〔2012〕9号等）',
  channels: ['monitor', 'inspection', 'directed'],
  channelForms: { monitor: 'monitor', inspection: 'inspection', directed: 'default' },
  forms: {
    default: {
      title: '集中测评表',
      intro: '请根据测评对象开展干部作风集中整治和履行公开服务承诺的情况作出评价。',
      comment: true,
      items: [gradeItem('grade', '对测评对象的总体评价', true)],
    },
    monitor: {
      title: '监测点测评表',
      intro: '即时监测表只填“即时测评”；每月综合测评表只填“综合测评”。',
      comment: true,
      items: [gradeItem('instant', '即时监测表：本次测评', false), gradeItem('monthly', '综合测评表：本月综合测评', false)],
    },
    inspection: {
      title: '明察暗访测评表',
      comment: true,
      items: [gradeItem('grade', '明察暗访测评结果', true)],
    },
  },
  groups: [
    { id: 'enforcement', label: '行政执法类' },
    { id: 'management', label: '综合管理类' },
  ],
  lowSampleBelow: 30,
  components: [
    method('monitor_instant', '监测点即时测评满意率', 'monitor', 'instant'),
    method('monitor_monthly', '监测点综合测评满意率', 'monitor', 'monthly'),
    method('inspection', '明察暗访测评满意率', 'inspection', 'grade'),
    method('concentrated', '集中测评满意率', 'directed', 'grade'),
    {
      kind: 'weighted',
      id: 'composite',
      label: '综合满意度',
      parts: [
        { component: 'monitor_instant', weight: 0.2 },
        { component: 'monitor_monthly', weight: 0.2 },
        { component: 'inspection', weight: 0.1 },
        { component: 'concentrated', weight: 0.5 },
      ],
      missing: 'renormalise',
    },
    {
      kind: 'deduction',
      id: 'rectification',
      label: '整改情况',
      base: 20,
      floor: 0,
      per: { late_or_incomplete: 3, after_second_notice: 5, refused: 10 },
      recordLabels: { late_or_incomplete: '未按时间节点整改或整改不到位', after_second_notice: '经二次督办或挂牌督办后仍整改不到位', refused: '拒不整改且无正当理由' },
    },
    {
      kind: 'weighted',
      id: 'total',
      label: '总得分',
      parts: [
        { component: 'composite', weight: 80 },
        { component: 'rectification', weight: 1 },
      ],
      missing: 'null',
    },
  ],
  total: 'total',
  ranking: {
    direction: 'best-first',
    higherIs: 'better',
    // 前6名 满意科室 is a cap (a tie at 6th gets none of it); 后3名 names every section tied for it.
    quota: { ties: { best: 'exclude', worst: 'include' } },
  },
  rules: [
    { id: 'efficiency-satisfied-section', actions: ['praise'], label: '满意科室', text: '评为满意科室，予以通报表扬，科室主要负责人年度考核定为优秀', when: { kind: 'rank', top: 6 } },
    {
      id: 'efficiency-bottom-three', actions: ['written_explanation', 'award_freeze'],
      label: '书面说明、取消评优',
      text: '排名后3名且得分在70分（含）以上，责成其书面说明情况，取消年终评优评先资格',
      when: {
        kind: 'all',
        of: [
          { kind: 'rankFromEnd', within: 3 },
          { kind: 'value', of: 'total', op: 'gte', value: 70 },
          { kind: 'not', of: { kind: 'rank', top: 6 } },
        ],
      },
    },
    { id: 'efficiency-below-70', actions: ['rectification', 'accountability'], label: '限期整改、问责', text: '得分在70分以下，督促限期整改，并对其主要负责人进行问责', when: { kind: 'value', of: 'total', op: 'lt', value: 70 } },
  ],
};
