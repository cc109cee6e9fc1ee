import { z } from 'zod';
import { RoundId } from '../model/ids';
import { ChannelKind } from '../model/channel';
import { FlagThresholds } from '../review/flag-thresholds';
import { Reason } from './publication';
import { RoundResult } from '../scoring/result';

export const FlagKind = z.enum(['burst', 'spread', 'same_comment']);
export type FlagKind = z.infer<typeof FlagKind>;

/** 集中刷票 / 一人多评 / 评语雷同: the labels the review page shows. */
export const FLAG_KIND_LABELS: Record<FlagKind, string> = { burst: '短时集中评价', spread: '一人短时多处评价', same_comment: '评价意见雷同' };

/** A supervisor's decision on a flag: exclude its ballots (each voided with the reason) or keep them. */
export const FlagDecisionRequest = z.strictObject({ decision: z.enum(['exclude', 'keep']), reason: Reason });
export type FlagDecisionRequest = z.infer<typeof FlagDecisionRequest>;

export const FlagDecisionView = z.object({ decision: z.enum(['exclude', 'keep']), reason: z.string(), decidedAt: z.string(), decidedBy: z.string() });

/** A flag as the review page shows it: what, where, when, which ballots, and its decision. */
export const FlagView = z.object({
  flagId: z.string(),
  kind: FlagKind,
  label: z.string(),
  detail: z.string(),
  places: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  comment: z.string().optional(),
  /** pending: no decision yet; kept / excluded: the supervisor's decision. */
  status: z.enum(['pending', 'kept', 'excluded']),
  decision: FlagDecisionView.optional(),
  /** False when a decided flag is no longer detected (thresholds changed): its decision and ballots stay. */
  detected: z.boolean(),
  ballots: z.array(z.object({ ballotId: z.string(), receiptId: z.string(), targetId: z.string(), windowId: z.string().optional(), channel: ChannelKind, receivedAt: z.string(), voided: z.boolean() })),
});
export type FlagView = z.infer<typeof FlagView>;

/**
 * Per target: stored ballots, those counted in results (not voided), and the flagged ones by
 * state — flagged ballots stay counted until a decision excludes them.
 */
export const TargetFlagSummary = z.object({
  targetId: z.string(),
  ballots: z.number().int(),
  counted: z.number().int(),
  flagged: z.number().int(),
  pending: z.number().int(),
  kept: z.number().int(),
  excluded: z.number().int(),
});
export type TargetFlagSummary = z.infer<typeof TargetFlagSummary>;

export const RoundFlagsResponse = z.object({ roundId: RoundId, thresholds: FlagThresholds, flags: z.array(FlagView), targets: z.array(TargetFlagSummary) });
export type RoundFlagsResponse = z.infer<typeof RoundFlagsResponse>;

/** `GET /rounds/:id/results?flags=1` (supervising office): the results plus, per target, how many of its ballots are flagged. */
export const RoundResultWithFlags = RoundResult.extend({ flagged: z.array(TargetFlagSummary).optional() });
