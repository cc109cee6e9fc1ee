import { z } from 'zod';
import { ActionKind } from './action-kinds';
import { RoundPeriod } from './facts';

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
  /** Facts still to enter before this can be scored (`present.hearing`: 到会代表人数). */
  missingInputs: z.array(z.string()).optional(),
});
export type ComponentScore = z.infer<typeof ComponentScore>;

export const ResultFlag = z.object({ id: z.string(), label: z.string(), detail: z.string().optional() });
export type ResultFlag = z.infer<typeof ResultFlag>;

/**
 * A rule that fired. `rounds`: for rules over several rounds, the rounds (oldest first, this
 * one last) that made it fire; `streak`: the full length of the run of consecutive rounds (in
 * `unit`s). `unit`: what the rule counted (rounds, calendar quarters or programme years);
 * `periods`: the periods of `rounds` in words (「2025年」「2026年第三季度」), when every one has
 * a period.
 */
export const Consequence = z.object({
  ruleId: z.string(),
  label: z.string(),
  text: z.string(),
  rounds: z.array(z.string()).optional(),
  streak: z.number().int().optional(),
  unit: z.enum(['round', 'quarter', 'year']).optional(),
  periods: z.array(z.string()).optional(),
  points: z.number().optional(),
  cases: z.number().int().optional(),
  deadlineWorkingDays: z.number().int().optional(),
  actions: z.array(ActionKind).optional(),
  /**
   * For rules that read a rank: whether the place holds with 95% simultaneous confidence
   * (`confident`) or only on the published ranking (`possible`). rank-confidence.ts.
   */
  certainty: z.enum(['confident', 'possible']).optional(),
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
  /** The 95% simultaneous rank confidence set [lower, upper] (ranks in the ranking's direction). */
  rankSet: z.object({ lower: z.number().int(), upper: z.number().int() }).nullable().optional(),
  misconduct: z.number().int(),
  mix: z.object({ formKey: z.string(), withinTolerance: z.boolean(), shares: z.array(MixShare) }).optional(),
  flags: z.array(ResultFlag),
  consequences: z.array(Consequence),
  /** Inputs still pending (待录入 / 待更正), when scored with `incomplete: 'list'`; the round cannot be published until none are. */
  missing: z.array(z.object({ field: z.string(), label: z.string(), reason: z.enum(['missing', 'invalid', 'served_below_returned']) })).optional(),
});
export type TargetResult = z.infer<typeof TargetResult>;

/**
 * One cut a group's rules make on its ranking (docs/scoring.md#ties-at-a-cut): `places` after
 * rounding, the tie rule applied (`include` 并列均计入 / `exclude` 并列不超额), the tie block
 * straddling the cut (`tie`, null when none) and whether it got in, `within` the targets inside
 * the places, `confident` / `possible` those confidently / possibly inside them (95%
 * simultaneous, docs/scoring.md#who-is-confidently-worst), and `text` the Chinese sentence shown
 * beside the ranking.
 */
export const GroupCut = z.object({
  ruleIds: z.array(z.string()),
  end: z.enum(['best', 'worst']),
  kind: z.enum(['rank', 'rankShare', 'rankFromEnd']),
  places: z.number().int(),
  share: z.number().optional(),
  rounding: z.enum(['floor', 'round', 'ceil']).optional(),
  ties: z.enum(['include', 'exclude']),
  tie: z.object({ rank: z.number().int(), size: z.number().int(), targetIds: z.array(z.string()), applied: z.boolean() }).nullable(),
  within: z.array(z.string()),
  confident: z.array(z.string()),
  possible: z.array(z.string()),
  text: z.string(),
});
export type GroupCut = z.infer<typeof GroupCut>;

/** How a group's rank confidence was computed (rank-confidence.ts). */
export const GroupConfidenceInfo = z.object({
  method: z.enum(['pairwise', 'intervals', 'exact']),
  level: z.number(),
  comparisons: z.number().int(),
  z: z.number(),
});

/** The ranked order of one group, rank 1 first; `notRanked` lists the rest in id order. */
export const GroupRanking = z.object({
  group: z.string(),
  label: z.string(),
  order: z.array(z.string()),
  notRanked: z.array(z.string()),
  cuts: z.array(GroupCut).optional(),
  confidence: GroupConfidenceInfo.optional(),
});
export type GroupRanking = z.infer<typeof GroupRanking>;

/**
 * Something the office should know about the round as a whole: e.g. that rules counting years
 * are not judged in a quarterly round (`ruleIds`: the rules concerned).
 */
export const RoundNote = z.object({ id: z.string(), text: z.string(), ruleIds: z.array(z.string()).optional() });
export type RoundNote = z.infer<typeof RoundNote>;

/** `period`: the facts' period, echoed so the result can be passed back as history unchanged. */
export const RoundResult = z.object({
  schemeId: z.string(),
  roundId: z.string(),
  period: RoundPeriod.optional(),
  direction: z.enum(['best-first', 'worst-first']).nullable(),
  groups: z.array(GroupRanking),
  targets: z.array(TargetResult),
  notes: z.array(RoundNote).optional(),
});
export type RoundResult = z.infer<typeof RoundResult>;
