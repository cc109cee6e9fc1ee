import type { TargetTally } from '@shared/api/results';
import type { BallotForm } from '@shared/model/form';

export type OptionShare = { value: string; label: string; count: number; share: number };
export type ItemBreakdown = { itemId: string; label: string; kind: 'single' | 'multi'; options: OptionShare[] };

/** Ballots for a target over every channel. */
export function ballotCount(t: TargetTally): number {
  return Object.values(t.channels).reduce((n, c) => n + (c?.ballots ?? 0), 0);
}

/**
 * Per item, how many ballots chose each option, over all channels, labelled from the form.
 * Shares are of ballots (a multi item's shares can sum past 100%). Options the form no longer
 * lists still show, under their stored value, so nothing counted is hidden.
 * @example breakdown(tally, form)[0] // { itemId: 'overall', options: [{ label: '满意', count: 3, share: 0.75 }, …] }
 */
export function breakdown(t: TargetTally, form: BallotForm | undefined): ItemBreakdown[] {
  const total = ballotCount(t);
  const sums = new Map<string, Map<string, number>>();
  for (const c of Object.values(t.channels)) {
    for (const [item, options] of Object.entries(c?.answers ?? {})) {
      const m = sums.get(item) ?? new Map<string, number>();
      for (const [v, n] of Object.entries(options)) m.set(v, (m.get(v) ?? 0) + n);
      sums.set(item, m);
    }
  }
  const items = form?.items ?? [];
  const known = items.map((i) => i.id);
  const ids = [...known, ...[...sums.keys()].filter((k) => !known.includes(k))];
  return ids.map((id) => {
    const item = items.find((i) => i.id === id);
    const counts = sums.get(id) ?? new Map<string, number>();
    const values = [...(item?.options.map((o) => o.value) ?? []), ...[...counts.keys()].filter((v) => !item?.options.some((o) => o.value === v))];
    return {
      itemId: id,
      label: item?.label ?? id,
      kind: item?.kind ?? 'single',
      options: values.map((v) => {
        const count = counts.get(v) ?? 0;
        return { value: v, label: item?.options.find((o) => o.value === v)?.label ?? v, count, share: total ? count / total : 0 };
      }),
    };
  });
}
