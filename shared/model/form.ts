import { z } from 'zod';

/**
 * The ballot form a scheme asks: items, each with a scale of options. Answers are option
 * values; tallies count (item, value) pairs. Points per option are read by the scoring
 * engine; the form validator only checks membership.
 *
 * - `single`: exactly one option (满意/不满意, five faces, 好/较好/一般/差).
 * - `multi`: any subset of the options (the 冷 懒 推 乱 贪 problem boxes), an empty list allowed.
 * A `required: false` single item may be left blank; `blankAs` names the option a blank counts
 * as (Tonghe: 单项空白按"一般"计算) — the tally then counts that option, and the ballot stores
 * the blank so a recount can show it.
 * @example { id: 'overall', label: '总体评价', kind: 'single', required: true, options: [{ value: 'satisfied', label: '满意', points: 1 }, { value: 'unsatisfied', label: '不满意', points: 0 }] }
 */
export const FormOption = z.object({
  value: z.string().regex(/^[a-z0-9_]{1,24}$/),
  label: z.string().min(1).max(40),
  points: z.number().optional(),
  /** Face/star icon hint for the client (e.g. 'face-5'); purely presentational. */
  icon: z.string().max(24).optional(),
});
export type FormOption = z.infer<typeof FormOption>;

export const FormItem = z.object({
  id: z.string().regex(/^[a-z0-9_]{1,24}$/),
  label: z.string().min(1).max(80),
  hint: z.string().max(200).optional(),
  kind: z.enum(['single', 'multi']),
  required: z.boolean(),
  blankAs: z.string().optional(),
  options: z.array(FormOption).min(1).max(10),
});
export type FormItem = z.infer<typeof FormItem>;

export const BallotForm = z.object({
  title: z.string().min(1).max(80),
  intro: z.string().max(400).optional(),
  items: z.array(FormItem).min(1).max(30),
  /** Whether the free-text comment box is shown (always optional, ≤ 500 chars). */
  comment: z.boolean().default(true),
});
export type BallotForm = z.infer<typeof BallotForm>;

/** Answers keyed by item id: one value for `single`, a list for `multi`. */
export const Answers = z.record(z.string().max(24), z.union([z.string().max(24), z.array(z.string().max(24)).max(10)]));
export type Answers = z.infer<typeof Answers>;

export type FormProblem = { item: string; problem: 'missing' | 'unknown_item' | 'unknown_option' | 'wrong_shape' | 'repeated_option' };

/**
 * Checks answers against a form; returns the list of problems (empty when valid).
 * @example checkAnswers(form, { overall: 'satisfied' }) // []
 */
export function checkAnswers(form: BallotForm, answers: Answers): FormProblem[] {
  const problems: FormProblem[] = [];
  const items = new Map(form.items.map((i) => [i.id, i]));
  for (const key of Object.keys(answers)) if (!items.has(key)) problems.push({ item: key, problem: 'unknown_item' });
  for (const item of form.items) {
    const answer = answers[item.id];
    const allowed = new Set(item.options.map((o) => o.value));
    if (answer === undefined || answer === '') {
      if (item.required && item.kind === 'single') problems.push({ item: item.id, problem: 'missing' });
      continue;
    }
    if (item.kind === 'single') {
      if (typeof answer !== 'string') problems.push({ item: item.id, problem: 'wrong_shape' });
      else if (!allowed.has(answer)) problems.push({ item: item.id, problem: 'unknown_option' });
    } else {
      if (!Array.isArray(answer)) problems.push({ item: item.id, problem: 'wrong_shape' });
      else if (new Set(answer).size !== answer.length) problems.push({ item: item.id, problem: 'repeated_option' });
      else if (answer.some((v) => !allowed.has(v))) problems.push({ item: item.id, problem: 'unknown_option' });
    }
  }
  return problems;
}

/**
 * The (item, option) pairs a valid ballot adds to the tallies. A blank single item with
 * `blankAs` counts as that option; a blank without it counts nothing.
 * @example tallyKeys(form, { overall: 'satisfied', problems: ['cold'] }) // [['overall','satisfied'],['problems','cold']]
 */
export function tallyKeys(form: BallotForm, answers: Answers): Array<[string, string]> {
  const keys: Array<[string, string]> = [];
  for (const item of form.items) {
    const answer = answers[item.id];
    if (answer === undefined || answer === '' || (Array.isArray(answer) && answer.length === 0)) {
      if (item.kind === 'single' && item.blankAs) keys.push([item.id, item.blankAs]);
      continue;
    }
    for (const v of Array.isArray(answer) ? answer : [answer]) keys.push([item.id, v]);
  }
  return keys;
}
