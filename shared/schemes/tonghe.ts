import type { FormItem } from '../model/form';
import type { SchemeInput } from '../scoring/scheme';

/** 好 20 / 较好 15 / 一般 10 / 差 5; 单项空白按"一般"计算. */
const hearingItem = (id: string, label: string): FormItem => ({
  id,
  label,
  kind: 'single',
  required: false,
  blankAs: 'fair',
  options: [
    { value: 'good', label: '好', points: 20 },
    { value: 'fairly_good', label: '较好', points: 15 },
    { value: 'fair', label: '一般', points: 10 },
    { value: 'poor', label: '差', points: 5 },
  ],
});


/**
 * 通河 2011 群众满意单位评议 (tonghe-2011.txt). The hearing sheet scores the five 评议内容, 20
 * points each, so a representative's sheet is worth 25–100 and the hearing score (Σ sheets ÷
 * representatives) is on the same 100-point scale as the other parts. See docs/scoring.md#tonghe.
 */
export const tonghe: SchemeInput = {
  id: 'tonghe',
  name: '通河县“关注民生、服务发展”群众满意单位评议',
  source: 'tonghe-2011.txt 通河县2011年“关注民生、服务发展”群众满意单位评议活动工作方案',
  channels: ['phone', 'hearing'],
  channelForms: { phone: 'default', hearing: 'hearing' },
  dedupe: { apart: ['hearing'] },
  forms: {
    default: {
      title: '群众满意度电话测评',
      comment: false,
      items: [
        {
          id: 'overall',
          label: '您对该单位的政风行风是否满意',
          kind: 'single',
          required: true,
          options: [
            { value: 'satisfied', label: '满意', points: 1 },
            { value: 'unsatisfied', label: '不满意', points: 0 },
          ],
        },
      ],
    },
    hearing: {
      title: '听证评议计分表',
      intro: '请对参评单位逐项评分：好 20 分，较好 15 分，一般 10 分，差 5 分；单项空白按“一般”计算。',
      comment: true,
      items: [
        hearingItem('openness', '信息公开'),
        hearingItem('lawful', '依法办事'),
        hearingItem('service', '服务质量'),
        hearingItem('integrity', '廉洁自律'),
        hearingItem('institutions', '制度建设'),
      ],
    },
  },
  groups: [
    { id: 'enforcement', label: '执法监督组' },
    { id: 'management', label: '综合管理组' },
    { id: 'service', label: '社会服务组' },
    { id: 'grassroots', label: '基层执法单位' },
  ],
  lowSampleBelow: 30,
  components: [
    { kind: 'proportion', id: 'survey', label: '群众满意度测评分', channels: ['phone'], item: 'overall', success: ['satisfied'], denominator: 'ballots', scale: 100 },
    { kind: 'input', id: 'style_year', label: '“政风建设年”活动评议分', min: 0, max: 100, groups: ['enforcement', 'management', 'grassroots'] },
    {
      kind: 'pointsMean',
      id: 'hearing',
      label: '听证评议分',
      channels: ['hearing'],
      items: ['openness', 'lawful', 'service', 'integrity', 'institutions'],
      per: 'ballot',
      // 听证评议分数=听证评议总分÷参加听证会评议代表人数: divided by those present, not by sheets returned.
      divisor: 'present',
    },
    { kind: 'input', id: 'work', label: '工作考核分', min: 0, max: 100 },
    {
      kind: 'weighted',
      id: 'total',
      label: '评议总成绩',
      parts: [
        { component: 'survey', weight: 0.4 },
        { component: 'style_year', weight: 0.2 },
        { component: 'hearing', weight: 0.2 },
        { component: 'work', weight: 0.2 },
      ],
      byGroup: {
        service: [
          { component: 'survey', weight: 0.6 },
          { component: 'hearing', weight: 0.2 },
          { component: 'work', weight: 0.2 },
        ],
      },
      missing: 'null',
    },
  ],
  total: 'total',
  ranking: {
    direction: 'best-first',
    higherIs: 'better',
    // 获“群众满意单位”的数额按组别以40%比例计评: the 40% is a cap (floor; a tie at the cut gets no
    // title), while the last place names every unit tied for it. docs/scoring.md#ties-at-a-cut.
    quota: { rounding: 'floor', ties: { best: 'exclude', worst: 'include' } },
  },
  rules: [
    {
      id: 'tonghe-satisfied-unit', actions: ['praise'],
      label: '群众满意单位',
      text: '按组别前40%，授予本年度“关注民生、服务发展”群众满意单位称号，召开大会表彰并在媒体上公布',
      when: { kind: 'rankShare', top: 0.4 },
      groups: ['enforcement', 'management', 'service'],
    },
    {
      id: 'tonghe-satisfied-grassroots', actions: ['praise'],
      label: '群众满意基层执法单位',
      text: '按组别前40%，授予本年度“关注民生、服务发展”群众满意基层执法单位称号，召开大会表彰并在媒体上公布',
      when: { kind: 'rankShare', top: 0.4 },
      groups: ['grassroots'],
    },
    {
      id: 'tonghe-promotion-basis', actions: ['praise'],
      label: '评奖晋级依据',
      text: '连续两年以上群众满意度较高、评议名次靠前，建议主管部门作为主要负责人评奖晋级的重要依据',
      when: { kind: 'rankShare', top: 0.4 },
      groups: ['grassroots'],
      // "对连续两年以上群众满意度较高、评议名次靠前的基层执法单位,建议主管部门作为主要负责人评奖晋级的重要依据": years.
      history: { kind: 'consecutive', rounds: 2, mode: 'atLeast', unit: 'year' },
    },
    {
      id: 'tonghe-move-head', actions: ['removal'],
      label: '建议调离主要负责人',
      text: '连续两年排名末位，建议主管部门对主要负责人调离岗位',
      when: { kind: 'rankFromEnd', within: 1 },
      groups: ['grassroots'],
      // "对连续两年排名末位的基层执法单位,建议主管部门对主要负责人调离岗位": years.
      history: { kind: 'consecutive', rounds: 2, mode: 'atLeast', unit: 'year' },
    },
  ],
};
