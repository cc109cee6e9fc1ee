import { z } from 'zod';
import { BallotForm } from './form';
import { ChannelKind } from './channel';

/**
 * How often one evaluator may rate one target in a round (the ballot's dedupe marker). Unless a
 * channel is named here, once per round across every channel and window: a citizen who rates a
 * section through window 1, window 2 and the sampling link is counted once.
 * - `perVisit`: channels whose ballot rates one visit (政务服务“好差评” 一次一评). Only `window`
 *   has visits: in a round that rates the windows themselves, one rating per evaluator per window
 *   per `windowDedupeHours` period (China-time days); in a round rating sections or units through
 *   their windows, window ballots still count once per target per round.
 * - `apart`: channels counted apart from the others (still once per target per round among
 *   themselves): a hearing sheet is the member's opinion given at the session, separate from
 *   their directed ballot.
 */
export const BallotDedupe = z.object({
  perVisit: z.array(z.literal('window')).optional(),
  apart: z.array(ChannelKind).optional(),
});
export type BallotDedupe = z.infer<typeof BallotDedupe>;

/**
 * The part of a scheme the ballot pipeline needs: which channels it accepts and its forms.
 * The full `Scheme` (shared/scoring) extends this with components, weights, grades, ranking
 * and consequence rules. `forms.default` is required; other keys match an org node's `formKey`
 * (泸西: rural / agency / school / community), and `channelForms` can give a channel its own
 * form key (a hearing sheet differs from the window form).
 * @example formFor(scheme, { formKey: 'school' }, 'window')
 */
export const SchemeForms = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,32}$/),
  name: z.string().min(1).max(80),
  channels: z.array(ChannelKind).min(1),
  forms: z.record(z.string(), BallotForm).refine((f) => 'default' in f, { message: '须有默认评议表（default）' }),
  channelForms: z.partialRecord(ChannelKind, z.string()).optional(),
  dedupe: BallotDedupe.optional(),
});
export type SchemeForms = z.infer<typeof SchemeForms>;

/**
 * What one dedupe marker stands for, for one ballot (functions/src/domain/ballots/keys.ts `dedupeKeyOf` turns it into the key):
 * `visit` — one per evaluator per window per `windowDedupeHours` period; `round` — one per
 * evaluator per target per round, across every channel and window; `apart` — once per target
 * per round on that channel, separately from the rest.
 */
export type RatingUnit = 'visit' | 'round' | 'apart';

/**
 * The scheme's rule for a ballot on `channel`; `targetIsWindow` says whether the round rates the
 * window itself (a window ballot in a section round rates the section: once per round).
 * @example ratingUnit({ dedupe: { perVisit: ['window'] } }, 'window', true) === 'visit'
 * @example ratingUnit({}, 'window', true) === 'round'
 */
export function ratingUnit(scheme: Pick<SchemeForms, 'dedupe'>, channel: ChannelKind, targetIsWindow: boolean): RatingUnit {
  if (scheme.dedupe?.apart?.includes(channel)) return 'apart';
  if (targetIsWindow && channel === 'window' && scheme.dedupe?.perVisit?.includes('window')) return 'visit';
  return 'round';
}

/** The form shown for a target on a channel: channel override, then the target's formKey, then default. */
export function formFor(scheme: SchemeForms, target: { formKey?: string }, channel: ChannelKind): BallotForm {
  const byChannel = scheme.channelForms?.[channel];
  if (byChannel && scheme.forms[byChannel]) return scheme.forms[byChannel];
  if (target.formKey && scheme.forms[target.formKey]) return scheme.forms[target.formKey]!;
  return scheme.forms.default!;
}
