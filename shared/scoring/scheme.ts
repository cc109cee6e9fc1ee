import { z } from 'zod';
import { ActionKind } from './action-kinds';
import { ChannelKind } from '../model/channel';
import { SchemeForms } from '../model/scheme-forms';
import { Component } from './components';
import { Condition, Rounding, TiePolicy } from './conditions';
import { schemeProblems } from './scheme-checks';

/** A flag the engine attaches to a target: a stable id and the Chinese text shown to staff. */
export const Flag = z.object({ id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), label: z.string().min(1).max(80) });
export type Flag = z.infer<typeof Flag>;

/**
 * Grade bands on one component (or `total`), best band first; a band without `min` catches
 * everything below. Overrides run after the bands, in order, and the first that holds wins
 * (甘泉: 回收率不足60% → 不满意 whatever the satisfaction).
 * @example { basis: 'satisfaction', bands: [{ id: 'satisfied', label: '满意', min: 0.85 }, { id: 'unsatisfied', label: '不满意' }] }
 */
export const Grades = z.object({
  basis: z.string(),
  bands: z.array(z.object({ id: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/), label: z.string().min(1).max(20), min: z.number().optional() })).min(1),
  overrides: z.array(z.object({ when: Condition, grade: z.string(), flag: Flag })).default([]),
});
export type Grades = z.infer<typeof Grades>;

/**
 * How a rank condition without its own `rounding` / `ties` cuts (docs/scoring.md#ties-at-a-cut).
 * `rounding` turns a share into places (default `floor`: a quota is a cap). `ties.best` is the
 * policy at a cut that honours the best (default `exclude`, 并列不超额: a tie block straddling the
 * cut gets no title, so titles never exceed the quota); `ties.worst` at a cut that names the worst
 * (default `include`, 并列均计入: a unit as bad as a named one is named too, so a tie never shields).
 * @example { rounding: 'floor', ties: { best: 'exclude', worst: 'include' } }
 */
export const RankingQuota = z.object({
  rounding: Rounding.optional(),
  ties: z.object({ best: TiePolicy.optional(), worst: TiePolicy.optional() }).optional(),
});
export type RankingQuota = z.infer<typeof RankingQuota>;

/**
 * How targets are ranked within their group. `direction` says what rank 1 means,
 * `higherIs` what a higher basis value means; together they fix the sort order.
 * `minBallots`: a target with fewer ballots on those channels is not ranked (a named
 * worst-10 must rest on enough opinions). `forceFirst` puts targets at the head of the
 * ranking whatever their score (南川: verified misconduct → #1), and they need no minimum.
 * `quota`: how rank conditions cut by default (see RankingQuota). `silent`: what happens to a
 * target that cannot be ranked because its forms did not come back although people were served
 * (`unranked`, the default; `worst`: placed at the worst place, tied with the other silent ones,
 * so rules on the last place fire — 甘泉). docs/scoring.md#silent-targets defines it exactly.
 * @example { direction: 'worst-first', higherIs: 'worse', minBallots: { count: 30, channels: ['directed', 'sampling'] } }
 */
export const Ranking = z.object({
  basis: z.string().optional(),
  direction: z.enum(['best-first', 'worst-first']),
  higherIs: z.enum(['better', 'worse']),
  minBallots: z.object({ count: z.number().int().min(1), channels: z.array(ChannelKind).min(1) }).optional(),
  forceFirst: z.object({ when: Condition, flag: Flag }).optional(),
  quota: RankingQuota.optional(),
  silent: z.enum(['unranked', 'worst']).optional(),
});
export type Ranking = z.infer<typeof Ranking>;

/**
 * Over earlier rounds: `consecutive` needs this round and the `rounds − 1` rounds before it
 * (`atLeast`: a longer streak fires again; `exactly`: only a streak of that length fires);
 * `count` needs `atLeast` holding rounds among this one and the `window − 1` before it (all
 * supplied rounds when no window). Both need the condition to hold in this round.
 */
/**
 * What a history rule counts: published rounds of the programme (`round`), calendar quarters
 * (`quarter`: quarterly rounds, a gap breaks the streak) or years (`year`: yearly results,
 * calendar or programme year). `rounds`/`atLeast`/`window` are in that unit.
 */
export const HistoryUnit = z.enum(['round', 'quarter', 'year']);
export type HistoryUnit = z.infer<typeof HistoryUnit>;

export const RuleHistory = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('consecutive'), rounds: z.number().int().min(2), mode: z.enum(['atLeast', 'exactly']).default('atLeast'), unit: HistoryUnit.default('round') }),
  z.object({ kind: z.literal('count'), atLeast: z.number().int().min(2), window: z.number().int().min(1).optional(), unit: HistoryUnit.default('round') }),
]);
export type RuleHistory = z.infer<typeof RuleHistory>;

/**
 * A consequence rule. `text` is what the published result says; `deductionByRank[i]` is the
 * annual-assessment deduction for rank i + 1; `cases` opens one rectification case per
 * matching answer (好差评: every 差评 ballot) with a deadline in working days.
 * @example { id: 'ganquan-praise', label: '通报表扬', text: '满意度高于85%，予以通报表扬', when: { kind: 'value', of: 'satisfaction', op: 'gt', value: 0.85 } }
 */
export const Rule = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,48}$/),
  label: z.string().min(1).max(40),
  text: z.string().min(1).max(200),
  when: Condition,
  groups: z.array(z.string()).min(1).optional(),
  history: RuleHistory.optional(),
  deductionByRank: z.array(z.number().min(0)).min(1).optional(),
  cases: z.object({ item: z.string(), values: z.array(z.string()).min(1), channels: z.array(ChannelKind).optional() }).optional(),
  deadlineWorkingDays: z.number().int().min(1).optional(),
  /**
   * For rules on ranks: `reported` (default) fires on the ranking and says whether the place is
   * statistically certain; `required` fires only when the rank part holds with 95% simultaneous
   * confidence (rank-confidence.ts). The consequence carries `certainty` either way.
   */
  confidence: z.enum(['reported', 'required']).optional(),
  /** The kinds of action the rule orders (action-kinds.ts), each once. */
  actions: z
    .array(ActionKind)
    .min(1)
    .refine((a) => new Set(a).size === a.length, { message: 'each action kind once' })
    .optional(),
});
export type Rule = z.infer<typeof Rule>;

/**
 * Who should answer, as shares of the evaluators (泸西 机关: 服务对象和群众代表 55%, 两代表一委员
 * 35%, 离退休老干部 10%). Used for the draw quota and to check who actually answered: counts
 * come from the facts or, when `item` is set, from that form item's tallies.
 * @example { categories: [{ id: 'public', label: '服务对象和群众代表', share: 0.55 }], tolerance: 0.05 }
 */
export const EvaluatorMix = z.object({
  categories: z.array(z.object({ id: z.string().regex(/^[a-z][a-z0-9_]{0,23}$/), label: z.string().min(1).max(40), share: z.number().gt(0).lte(1) })).min(1),
  tolerance: z.number().min(0).max(1).default(0.05),
  item: z.string().optional(),
});
export type EvaluatorMix = z.infer<typeof EvaluatorMix>;

/**
 * The whole scheme: the forms part the ballot pipeline reads, plus everything scoring needs.
 * Cross-references (components used before they exist, unknown items, options without points,
 * unknown groups …) are rejected when the scheme is parsed, not when a round is scored.
 * @example Scheme.parse(ganquanPreset).total // 'satisfaction'
 */
const SchemeObject = SchemeForms.extend({
  source: z.string().max(200).optional(),
  description: z.string().max(400).optional(),
  lowSampleBelow: z.number().int().min(1).default(30),
  groups: z.array(z.object({ id: z.string().min(1).max(32), label: z.string().min(1).max(40) })).min(1).optional(),
  components: z.array(Component).min(1),
  total: z.string(),
  grades: Grades.optional(),
  ranking: Ranking.optional(),
  rules: z.array(Rule).default([]),
  evaluatorMix: z.record(z.string(), EvaluatorMix).optional(),
});
export type Scheme = z.infer<typeof SchemeObject>;
/** The scheme's fields without the cross-reference checks (the editor's save path runs them itself, in Chinese). */
export const SchemeShape = SchemeObject;
/** What a preset file writes: defaults may be left out. */
export type SchemeInput = z.input<typeof SchemeObject>;

/**
 * The validated scheme (see above); parse presets and uploaded schemes with it.
 * @example Scheme.safeParse(json).success
 */
export const Scheme = SchemeObject.superRefine((scheme, ctx) => {
  for (const message of schemeProblems(scheme)) ctx.addIssue({ code: 'custom', message });
});
