import { z } from 'zod';

/**
 * What a consequence makes the supervising office do, from praise to referral: the kinds the
 * programmes' documents name. A rule lists every kind it combines (甘泉's 「不得评优、诫勉谈话」 is
 * an award freeze and a talk), so the office can see at a glance who gets praised, talked to,
 * interviewed, held accountable, frozen from awards or recommended for removal. Ordered from the
 * mildest to the gravest; the office's list follows this order.
 */
export const ACTION_KINDS = {
  praise: '表彰表扬',
  publicity: '公示曝光',
  written_explanation: '书面说明',
  talk: '谈话提醒、诫勉谈话',
  interview: '约谈',
  rectification: '限期整改',
  assessment: '考核扣分、不得评优秀',
  award_freeze: '取消评先评优、暂缓提拔',
  accountability: '问责追责',
  removal: '免职、调离岗位建议',
  referral: '移交纪检监察或司法机关',
} as const;

export type ActionKind = keyof typeof ACTION_KINDS;
export const ActionKind = z.enum(Object.keys(ACTION_KINDS) as [ActionKind, ...ActionKind[]]);
export const ACTION_ORDER = Object.keys(ACTION_KINDS) as ActionKind[];
