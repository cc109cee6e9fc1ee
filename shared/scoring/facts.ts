import { z } from 'zod';
import { ChannelKind } from '../model/channel';
import { Answers } from '../model/form';
import { ChannelTally } from '../api/results';

/**
 * Individual sheets instead of a tally (a hearing's paper sheets typed in): each is checked
 * against the channel's form and counted exactly as a stored ballot would be (blank items
 * with `blankAs` count as that option).
 * @example { sheets: [{ openness: 'good', legality: 'fair' }, { openness: 'poor' }] }
 */
export const SheetList = z.object({ sheets: z.array(Answers) });

/** A channel's facts: the API's tally as it is, or the sheets. */
export const ChannelFacts = z.union([ChannelTally, SheetList]);
export type ChannelFacts = z.infer<typeof ChannelFacts>;

/**
 * One target in the round being scored. `group` is the scheme's ranking group (执法监督组 …),
 * `formKey` picks its form; `served` is the number of people served (甘泉 回收率 denominator), `returned` the numbered forms
 * that came back (its numerator, when forms were issued with serials);
 * `inputs` are the scores made elsewhere (工作考核, 政风建设年), keyed by component id;
 * `records` count rectification records by kind (效能办: late_or_incomplete, after_second_notice,
 * refused); `misconduct` counts verified misconduct reports; `evaluatorCounts` who answered, by
 * the scheme's evaluator categories (泸西).
 * @example { targetId: 's01', group: 'all', channels: { window: { ballots: 20, answers: { overall: { satisfied: 17, unsatisfied: 3 } } } }, served: 30 }
 */
export const TargetFacts = z.object({
  targetId: z.string().min(1).max(64),
  name: z.string().max(80).optional(),
  group: z.string().min(1).max(32).default('all'),
  formKey: z.string().max(32).optional(),
  channels: z.partialRecord(ChannelKind, ChannelFacts).default({}),
  served: z.number().int().min(0).optional(),
  /**
   * Numbered forms that came back, when the office issued them (甘泉 测评表 with serials): the
   * return rate's numerator instead of every ballot on its channels (returned.ts).
   */
  returned: z.number().int().min(0).optional(),
  inputs: z.record(z.string(), z.number()).default({}),
  records: z.record(z.string(), z.number().int().min(0)).default({}),
  misconduct: z.number().int().min(0).default(0),
  evaluatorCounts: z.record(z.string(), z.number().int().min(0)).optional(),
  /**
   * Representatives present per channel (a hearing's 到会代表), for schemes whose hearing score
   * divides by those present rather than by sheets returned (通河).
   */
  present: z.partialRecord(ChannelKind, z.number().int().min(0)).optional(),
});
export type TargetFacts = z.infer<typeof TargetFacts>;

/**
 * A target's result in an earlier round: the fields consecutive-round rules read. The engine's
 * own `TargetResult` has this shape (extra fields are ignored), so last round's output can be
 * passed back as history unchanged. Nothing is defaulted: a field a rule reads must be there
 * (`rank: null` says "not ranked", leaving `rank` out says nothing), or the round is refused
 * with HISTORY_INCOMPLETE; contradictory fields are refused with HISTORY_INCONSISTENT. A past
 * `total` and `components.<scheme.total>` are the same number (either may be given).
 * @example { targetId: 'c', rank: 3, rankedCount: 3, tieSize: 1, total: 0.8, grade: { id: 'unsatisfied' }, misconduct: 0 }
 */
export const PastTarget = z.object({
  targetId: z.string().min(1).max(64),
  components: z.record(z.string(), z.object({ value: z.number().nullable() })).optional(),
  total: z.number().nullable().optional(),
  grade: z.object({ id: z.string() }).nullable().optional(),
  rank: z.number().int().min(1).nullable().optional(),
  tieSize: z.number().int().min(1).optional(),
  rankedCount: z.number().int().min(0).optional(),
  misconduct: z.number().int().min(0).optional(),
});
export type PastTarget = z.infer<typeof PastTarget>;

/**
 * The period a round covers. Consecutive rules that count quarters or years read it; rules that
 * count rounds do not need it.
 * @example { kind: 'quarter', start: '2026-07-01', end: '2026-09-30' }
 */
export const RoundPeriod = z.object({
  kind: z.enum(['month', 'quarter', 'half', 'year', 'custom']),
  start: z.iso.date(),
  end: z.iso.date(),
});
export type RoundPeriod = z.infer<typeof RoundPeriod>;

export const PastRound = z.object({ roundId: z.string().min(1).max(64), period: RoundPeriod.optional(), targets: z.array(PastTarget) });
export type PastRound = z.infer<typeof PastRound>;

/**
 * Everything the engine needs about one round besides the scheme. `history` lists earlier
 * published rounds of the same programme, oldest first, ending with the round just before this
 * one; a target missing from a round breaks its streak. Rules counting quarters or years read
 * `period` here and on every history round (docs/scoring.md#periods).
 * @example { roundId: '2026q4', targets: [...], history: [{ roundId: '2026q3', targets: [...] }] }
 */
export const RoundFacts = z.object({
  roundId: z.string().min(1).max(64),
  targets: z.array(TargetFacts),
  history: z.array(PastRound).default([]),
  /** This round's period (needed by rules that count quarters or years). */
  period: RoundPeriod.optional(),
  /** First month of the programme year (1 = calendar year), for rules that count years. */
  yearStartMonth: z.number().int().min(1).max(12).default(1),
  /** Names for groups the scheme does not declare (a county's own categories: 社会服务组 …). */
  groupLabels: z.record(z.string(), z.string().max(80)).optional(),
});
export type RoundFacts = z.infer<typeof RoundFacts>;
export type RoundFactsInput = z.input<typeof RoundFacts>;
