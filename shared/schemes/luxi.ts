import type { BallotForm, FormItem } from '../model/form';
import type { SchemeInput } from '../scoring/scheme';

const scale: FormItem['options'] = [
  { value: 'satisfied', label: '满意', points: 1, icon: 'face-5' },
  { value: 'basically_satisfied', label: '基本满意', points: 1, icon: 'face-3' },
  { value: 'unsatisfied', label: '不满意', points: 0, icon: 'face-1' },
];

/** Every 泸西 form asks the overall question the satisfaction rate counts, plus its own focus. */
const form = (title: string, focusLabel: string): BallotForm => ({
  title,
  comment: true,
  items: [
    { id: 'focus', label: focusLabel, kind: 'single', required: true, options: scale },
    { id: 'overall', label: '总体评价', kind: 'single', required: true, options: scale },
  ],
});

/**
 * 泸西 2012 群众评议 (luxi-2012.txt): content by organisation type; 满意率 = 满意人数 ÷ 评议人数;
 * evaluator mix for agencies 55 : 35 : 10 and villages 2 : 7 : 1. See docs/scoring.md#luxi.
 */
export const luxi: SchemeInput = {
  id: 'luxi',
  name: '泸西县群众评议党组织和党员',
  source: 'luxi-2012.txt 泸西县“三个三”健全完善群众评议长效机制（2012-11-03）',
  channels: ['directed', 'sampling', 'window'],
  forms: {
    default: form('群众满意度测评表', '工作成效'),
    rural: form('农村党组织群众满意度测评表', '富民强村'),
    agency: form('机关党组织群众满意度测评表', '效能提升'),
    school: form('学校党组织群众满意度测评表', '办学育人与服务群众'),
    community: form('社区党组织群众满意度测评表', '共建和谐'),
    pioneer_rural: form('党员评议表（农村“富民先锋”）', '富民先锋'),
    pioneer_agency: form('党员评议表（机关“勤廉先锋”）', '勤廉先锋'),
    pioneer_enterprise: form('党员评议表（企业“发展先锋”）', '发展先锋'),
    pioneer_service: form('党员评议表（学校医院“服务先锋”）', '服务先锋'),
    pioneer_community: form('党员评议表（社区“和谐先锋”）', '和谐先锋'),
    pioneer_social: form('党员评议表（社会组织“诚信先锋”）', '诚信先锋'),
  },
  lowSampleBelow: 30,
  components: [
    {
      kind: 'proportion',
      id: 'satisfaction',
      label: '评议满意率',
      channels: ['directed', 'sampling', 'window'],
      item: 'overall',
      success: ['satisfied', 'basically_satisfied'],
      denominator: 'ballots',
    },
  ],
  total: 'satisfaction',
  ranking: { direction: 'best-first', higherIs: 'better' },
  rules: [
    {
      id: 'luxi-once-below-60', actions: ['talk'],
      label: '诫勉谈话（1次低于60%）',
      text: '评议满意率低于60%，对参评部门负责人或党员干部进行诫勉谈话',
      when: { kind: 'value', of: 'satisfaction', op: 'lt', value: 0.6 },
    },
    {
      id: 'luxi-twice-below-70', actions: ['talk'],
      label: '诫勉谈话（2次低于70%）',
      text: '评议满意率2次低于70%，对参评部门负责人或党员干部进行诫勉谈话',
      when: { kind: 'value', of: 'satisfaction', op: 'lt', value: 0.7 },
      // "对评议满意率发生1次低于60%或2次低于70%的": the document counts evaluations (次), not years.
      history: { kind: 'count', atLeast: 2, unit: 'round' },
    },
  ],
  evaluatorMix: {
    agency: {
      categories: [
        { id: 'public', label: '服务对象和群众代表', share: 0.55 },
        { id: 'deputies', label: '“两代表一委员”', share: 0.35 },
        { id: 'retired', label: '离退休老干部', share: 0.1 },
      ],
      tolerance: 0.05,
    },
    rural: {
      categories: [
        { id: 'cadres', label: '村组干部', share: 0.2 },
        { id: 'public', label: '普通群众', share: 0.7 },
        { id: 'pioneers', label: '先锋户', share: 0.1 },
      ],
      tolerance: 0.05,
    },
  },
};
