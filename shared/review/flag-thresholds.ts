import { z } from 'zod';
import { ChannelKind } from '../model/channel';

/**
 * When the stuffing detectors flag ballots for review (docs/anti-stuffing.md). A flag is a
 * question for the supervisor, never a verdict: flagged ballots stay stored and counted until
 * a supervisor's recorded decision excludes them.
 *
 * - `burst`: more than `ballots` ballots at one place (the window for window ballots, else the
 *   target) within `minutes`;
 * - `spread`: one evaluator rating more than `places` different places within `minutes`;
 * - `sameComment`: `copies` or more ballots whose comments are equal once normalised (case,
 *   width, spaces and punctuation ignored), counting only comments of at least `minChars`
 *   characters — short stock praise (「很好」「满意」) is common and proves nothing.
 */
export const BurstRule = z.strictObject({ ballots: z.number().int().min(1).max(1_000_000), minutes: z.number().int().min(1).max(10_080), channels: z.array(ChannelKind).max(7) });
export const SpreadRule = z.strictObject({ places: z.number().int().min(1).max(10_000), minutes: z.number().int().min(1).max(10_080), channels: z.array(ChannelKind).max(7) });
export const SameCommentRule = z.strictObject({ copies: z.number().int().min(2).max(1_000_000), minChars: z.number().int().min(1).max(500), channels: z.array(ChannelKind).max(7) });

export const FlagThresholds = z.strictObject({ burst: BurstRule, spread: SpreadRule, sameComment: SameCommentRule });
export type FlagThresholds = z.infer<typeof FlagThresholds>;

/** What a round may override (each field optional); the rest comes from the defaults. */
export const FlagThresholdsOverride = z.strictObject({ burst: BurstRule.partial().optional(), spread: SpreadRule.partial().optional(), sameComment: SameCommentRule.partial().optional() });
export type FlagThresholdsOverride = z.infer<typeof FlagThresholdsOverride>;

/**
 * Defaults, and why:
 * - burst 10 in 10 minutes: a counter serves one person every few minutes; ten ratings of one
 *   window in ten minutes is a crowd with phones, not a queue. Sampling targets are examined too.
 *   Directed and hearing ballots are not: a drawn panel sitting together rates at once by design.
 * - spread over 4 windows in 60 minutes: one errand may take a citizen to two or three windows
 *   (登记 → 税务 → 缴费); five in an hour is someone walking the hall rating. Window ballots only:
 *   sampling and panel ballots rate many targets by design.
 * - same comment 3 times, 8 characters or more: pasted text; panels are included because a unit
 *   handing representatives a prepared comment is exactly what this should surface.
 */
export const DEFAULT_FLAG_THRESHOLDS: FlagThresholds = {
  burst: { ballots: 10, minutes: 10, channels: ['window', 'sampling'] },
  spread: { places: 4, minutes: 60, channels: ['window'] },
  sameComment: { copies: 3, minChars: 8, channels: ['window', 'sampling', 'directed', 'hearing'] },
};

/**
 * The thresholds a round uses: its overrides over the defaults.
 * @example thresholdsFor({ burst: { ballots: 30 } }).burst // { ballots: 30, minutes: 10, channels: ['window', 'sampling'] }
 */
export function thresholdsFor(override: FlagThresholdsOverride | undefined): FlagThresholds {
  const d = DEFAULT_FLAG_THRESHOLDS;
  return {
    burst: { ...d.burst, ...override?.burst },
    spread: { ...d.spread, ...override?.spread },
    sameComment: { ...d.sameComment, ...override?.sameComment },
  };
}
