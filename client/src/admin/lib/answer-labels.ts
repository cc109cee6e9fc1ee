import type { BallotForm } from '@shared/model/form';

/**
 * Turns stored answers (item ids and option values) back into the words on the form, for a
 * reviewer reading ballots. Forms of one round share item ids for the same question, so the
 * labels of all its forms are merged.
 */
export function answerLabeller(forms: Record<string, BallotForm>): (answers: Record<string, unknown>) => string {
  const items = new Map<string, { label: string; options: Map<string, string> }>();
  for (const form of Object.values(forms)) {
    for (const item of form.items) {
      const known = items.get(item.id) ?? { label: item.label, options: new Map<string, string>() };
      for (const o of item.options) known.options.set(o.value, o.label);
      items.set(item.id, known);
    }
  }
  return (answers) => Object.entries(answers).map(([id, v]) => {
    const item = items.get(id);
    const values = (Array.isArray(v) ? v : [v]).map((x) => item?.options.get(String(x)) ?? String(x));
    return `${item?.label ?? id}：${values.length ? values.join('、') : '（未选）'}`;
  }).join('；');
}
