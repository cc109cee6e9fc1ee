import type { LinkTargetsRequest } from '@shared/api/programmes';
import type { TargetLinkKind } from '@shared/model/programme';
import { ApiError } from '../../api/errors';

/**
 * The office's target link form, in pure pieces: ids typed as a list, the same checks the API
 * makes (functions/src/domain/programmes/programmes.ts linkProblem) but in Chinese before sending,
 * what a link means for history in one sentence, and the API's refusals made specific.
 */

/** 「s11、s12」「s11, s12」「s11 s12」 → ['s11', 's12']. */
export function parseIds(text: string): string[] {
  return text.split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean);
}

/** Why the link does not fit its kind, in Chinese; undefined when it does. Mirrors the API. */
export function linkProblemZh(req: LinkTargetsRequest): string | undefined {
  const carries = req.carries ?? [];
  if (req.from.length === 0) return '请填写原评议对象编号';
  if (req.to.length === 0) return '请填写现评议对象编号';
  if (new Set(req.from).size !== req.from.length || new Set(req.to).size !== req.to.length) return '同一编号填写了两次';
  if (req.kind === 'rename') {
    if (req.from.length !== 1 || req.to.length !== 1) return '更名只能是一个对象改为一个对象';
    if (req.from[0] === req.to[0]) return '更名后的编号须与原编号不同';
  }
  if (req.kind === 'merge') {
    if (req.from.length < 2 || req.to.length !== 1) return '合并须是两个及以上对象合为一个';
    if (req.from.includes(req.to[0]!)) return '合并后的对象须为新编号';
    if (carries.length > 1 || carries.some((id) => !req.from.includes(id))) return '合并后最多延续其中一个原对象的评议记录';
  }
  if (req.kind === 'split') {
    if (req.from.length !== 1 || req.to.length < 2) return '拆分须是一个对象分为两个及以上';
    if (carries.some((id) => !req.to.includes(id))) return '拆分只能由拆分后的对象延续评议记录';
  }
  return undefined;
}

/**
 * What recording the link does to consecutive-round rules, for the confirmation.
 * @example linkMeaning({ kind: 'rename', from: ['s11'], to: ['s11b'] }) // '更名：s11 → s11b。s11b 延续 s11 已公布轮次的评议记录，连续评议照常计算。'
 */
export function linkMeaning(req: LinkTargetsRequest): string {
  const from = req.from.join('、');
  const to = req.to.join('、');
  if (req.kind === 'rename') return `更名：${from} → ${to}。${to} 延续 ${from} 已公布轮次的评议记录，连续评议照常计算。`;
  if (req.kind === 'merge')
    return req.carries?.length
      ? `合并：${from} → ${to}。${to} 只延续 ${req.carries[0]} 的评议记录，其余原对象的记录不再计入。`
      : `合并：${from} → ${to}。${to} 不延续任何原对象的评议记录，连续评议从头计算。`;
  const carriers = req.carries?.length ? req.carries.join('、') : to;
  return `拆分：${from} → ${to}。${carriers} 延续 ${from} 的评议记录。`;
}

const PROBLEMS_ZH: Record<string, string> = {
  'an id is listed twice': '同一编号填写了两次',
  'a rename links one target to one target': '更名只能是一个对象改为一个对象',
  'a rename needs a new id': '更名后的编号须与原编号不同',
  'a rename carries its history; carries is not used': '更名自动延续评议记录，无需选择延续对象',
  'a merge links two or more targets to one': '合并须是两个及以上对象合为一个',
  'the merged target must be new': '合并后的对象须为新编号',
  'a merge carries the history of at most one of the merged targets': '合并后最多延续其中一个原对象的评议记录',
  'a split links one target to two or more': '拆分须是一个对象分为两个及以上',
  'a split carries history only to its successors': '拆分只能由拆分后的对象延续评议记录',
};

/**
 * The API's refusal with what it names: the unknown ids of TARGET_NOT_FOUND, the reason of
 * TARGET_LINK_INVALID in Chinese. Anything else is passed on as it came.
 */
export function linkError(e: unknown): unknown {
  if (!(e instanceof ApiError)) return e;
  const d = (e.details ?? {}) as { targetIds?: unknown; problem?: unknown };
  if (e.code === 'TARGET_NOT_FOUND' && Array.isArray(d.targetIds)) return new ApiError(e.code, e.status, `${e.message}：${d.targetIds.join('、')}（现评议对象须为本项目同一层级的已登记单位）`, e.details);
  if (e.code === 'TARGET_LINK_INVALID' && typeof d.problem === 'string') return new ApiError(e.code, e.status, `${e.message}：${PROBLEMS_ZH[d.problem] ?? d.problem}`, e.details);
  return e;
}

export const LINK_KIND_HINTS: Record<TargetLinkKind, string> = {
  rename: '一个对象改名或换编号，新编号延续原记录',
  merge: '几个对象合为一个，最多延续其中一个的记录',
  split: '一个对象分为几个，各自延续原记录（可指定）',
};
