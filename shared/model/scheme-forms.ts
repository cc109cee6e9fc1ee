import { z } from 'zod';
import { BallotForm } from './form';
import { ChannelKind } from './channel';

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
  forms: z.record(z.string(), BallotForm).refine((f) => 'default' in f, { message: 'forms.default is required' }),
  channelForms: z.partialRecord(ChannelKind, z.string()).optional(),
});
export type SchemeForms = z.infer<typeof SchemeForms>;

/** The form shown for a target on a channel: channel override, then the target's formKey, then default. */
export function formFor(scheme: SchemeForms, target: { formKey?: string }, channel: ChannelKind): BallotForm {
  const byChannel = scheme.channelForms?.[channel];
  if (byChannel && scheme.forms[byChannel]) return scheme.forms[byChannel];
  if (target.formKey && scheme.forms[target.formKey]) return scheme.forms[target.formKey]!;
  return scheme.forms.default!;
}
