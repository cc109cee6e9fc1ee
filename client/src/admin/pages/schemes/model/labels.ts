import { ACTION_KINDS, type ActionKind } from '@shared/scoring/action-kinds';
import { CHANNEL_LABELS, type ChannelKind } from '@shared/model/channel';
import type { HistoryUnit } from '@shared/scoring/scheme';

/**
 * The Chinese words the scheme editor uses for the engine's ids, so a clerk never reads
 * `rankShare` or `pointsMean`. One place, so the list, the editor and the diff say the same.
 */

/** What feeds a component, in the clerk's words. */
export const COMPONENT_KIND_LABELS = {
  proportion: '票数统计（选某项的比例）',
  returnRate: '测评表回收率',
  pointsMean: '票数统计（平均得分）',
  input: '录入分数（如工作考核、政风建设年、统计局测评分）',
  deduction: '扣分项',
  weighted: '加权合计',
} as const;
export type ComponentKind = keyof typeof COMPONENT_KIND_LABELS;

/** Whether a component's value comes from ballots, from a number an office enters, or from other components. */
export type ComponentSource = 'ballots' | 'entered' | 'derived';
export const COMPONENT_SOURCE: Record<ComponentKind, ComponentSource> = {
  proportion: 'ballots',
  returnRate: 'ballots',
  pointsMean: 'ballots',
  input: 'entered',
  deduction: 'entered',
  weighted: 'derived',
};
export const COMPONENT_SOURCE_LABELS: Record<ComponentSource, string> = { ballots: '来自评议票', entered: '录入数值', derived: '由其他项合计' };

/**
 * Form keys of the seed programmes: `default` and the 泸西 organisation types. Any other key is
 * shown as written (a county's own key), so nothing is hidden.
 */
export const FORM_KEY_LABELS: Record<string, string> = {
  default: '通用评价表',
  rural: '农村',
  agency: '机关',
  school: '学校',
  community: '社区',
  hearing: '听证（评议会）评分表',
  monitor: '监测点测评表',
  inspection: '明察暗访测评表',
  pioneer_rural: '党员（农村）',
  pioneer_agency: '党员（机关）',
  pioneer_enterprise: '党员（企业）',
  pioneer_service: '党员（学校医院）',
  pioneer_community: '党员（社区）',
  pioneer_social: '党员（社会组织）',
};
/** The organisation types a county can add a form for (泸西: 农村 / 机关 / 学校 / 社区). */
export const ORG_FORM_KEYS = ['rural', 'agency', 'school', 'community'] as const;

/** @example formKeyLabel('rural') // '农村' */
export function formKeyLabel(key: string): string {
  return FORM_KEY_LABELS[key] ?? key;
}

/** @example channelLabel('phone') // '电话测评' */
export function channelLabel(c: ChannelKind): string {
  return CHANNEL_LABELS[c];
}

export const HISTORY_UNIT_LABELS: Record<HistoryUnit, string> = { round: '轮', quarter: '季度', year: '年' };

export const DIRECTION_LABELS = { 'best-first': '第1名为最好', 'worst-first': '第1名为最差' } as const;
export const HIGHER_IS_LABELS = { better: '分数越高越好', worse: '分数越高越差' } as const;
export const TIE_LABELS = { include: '并列者一并计入', exclude: '并列者都不计入（不超额）' } as const;
export const ROUNDING_LABELS = { floor: '向下取整', round: '四舍五入', ceil: '向上取整' } as const;
export const MISSING_LABELS = { null: '缺一项则无总分', zero: '缺项按0分计', renormalise: '缺项时其余权重按比例放大' } as const;
export const OP_LABELS = { lt: '低于', lte: '不高于', gt: '高于', gte: '不低于', eq: '等于' } as const;

/** @example actionLabel('talk') // '谈话提醒、诫勉谈话' */
export function actionLabel(a: ActionKind): string {
  return ACTION_KINDS[a];
}
