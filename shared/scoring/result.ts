import { z } from 'zod';
import { ActionKind } from './action-kinds';

/**
 * How sure a score is. `wilson`: the 95% Wilson interval of a share; `wilson-bounded-mean`: the
 * conservative Wilson interval of a bounded mean (hearing sheets, graded sheets, problem
 * ticks); `envelope`: a weighted sum of its parts' bounds — wider than a true 95% interval,
 * never narrower; `exact`: a number given as a fact. `lowSample`: fewer than the scheme's
 * `lowSampleBelow` opinions behind it.
 */
export const ScoreInterval = z.object({
  lower: z.number(),
  upper: z.number(),
  method: z.enum(['wilson', 'wilson-bounded-mean', 'envelope', 'exact']),
  n: z.number().int().nullable(),
  lowSample: z.boolean(),
});
export type ScoreInterval = z.infer<typeof ScoreInterval>;

/** One option's share of the ballots (南川: how many ballots ticked 冷). */
export const OptionShare = z.object({
  item: z.string(),
  value: z.string(),
  label: z.string(),
  count: z.number().int(),
  share: z.number().nullable(),
  interval: ScoreInterval,
});
export type OptionShare = z.infer<typeof OptionShare>;

export const ComponentScore = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.string(),
  value: z.number().nullable(),
  interval: ScoreInterval.nullable(),
  /** The counts behind the value, so a published number can be checked by hand. */
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  breakdown: z.array(OptionShare).optional(),
  missingParts: z.array(z.string()).optional(),
});
export type ComponentScore = z.infer<typeof ComponentScore>;

export const ResultFlag = z.object({ id: z.string(), label: z.string(), detail: z.string().optional() });
export type ResultFlag = z.infer<typeof ResultFlag>;

/**
 * A rule that fired. `rounds`: for rules over several rounds, the rounds (oldest first, this
 * one last) that made it fire; `streak`: the full length of the run of consecutive rounds.
 */
export const Consequence = z.object({
  ruleId: z.string(),
  label: z.string(),
  text: z.string(),
  rounds: z.array(z.string()).optional(),
  streak: z.number().int().optional(),
  points: z.number().optional(),
  cases: z.number().int().optional(),
  deadlineWorkingDays: z.number().int().optional(),
  actions: z.array(ActionKind).optional(),
});
export type Consequence = z.infer<typeof Consequence>;

export const MixShare = z.object({ id: z.string(), label: z.string(), expected: z.number(), actual: z.number().nullable(), count: z.number().int() });

/**
 * One target's result. `rank` is within `group` in the scheme's direction (null: not ranked,
 * see flags); tied targets share the rank and `tieSize` says how many share it;
 * `overlapsPrevious/Next`: whether the ranking score's interval overlaps the neighbour's
 * (null when there is no neighbour or no interval). Feed it back as history next round.
 */
export const TargetResult = z.object({
  targetId: z.string(),
  name: z.string().optional(),
  group: z.string(),
  components: z.record(z.string(), ComponentScore),
  total: z.number().nullable(),
  totalInterval: ScoreInterval.nullable(),
  grade: z.object({ id: z.string(), label: z.string() }).nullable(),
  rank: z.number().int().nullable(),
  tieSize: z.number().int(),
  tied: z.boolean(),
  rankedCount: z.number().int(),
  overlapsPrevious: z.boolean().nullable(),
  overlapsNext: z.boolean().nullable(),
  misconduct: z.number().int(),
  mix: z.object({ formKey: z.string(), withinTolerance: z.boolean(), shares: z.array(MixShare) }).optional(),
  flags: z.array(ResultFlag),
  consequences: z.array(Consequence),
  /** Inputs still pending (待录入 / 待更正), when scored with `incomplete: 'list'`; the round cannot be published until none are. */
  missing: z.array(z.object({ field: z.string(), label: z.string(), reason: z.enum(['missing', 'invalid', 'served_below_returned']) })).optional(),
});
export type TargetResult = z.infer<typeof TargetResult>;

/** The ranked order of one group, rank 1 first; `notRanked` lists the rest in id order. */
export const GroupRanking = z.object({ group: z.string(), label: z.string(), order: z.array(z.string()), notRanked: z.array(z.string()) });
export type GroupRanking = z.infer<typeof GroupRanking>;

export const RoundResult = z.object({
  schemeId: z.string(),
  roundId: z.string(),
  direction: z.enum(['best-first', 'worst-first']).nullable(),
  groups: z.array(GroupRanking),
  targets: z.array(TargetResult),
});
export type RoundResult = z.infer<typeof RoundResult>;
