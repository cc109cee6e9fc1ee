import { formFor } from '../model/scheme-forms';
import type { RoundFactsInput, TargetFacts } from '../scoring/facts';
import type { Scheme } from '../scoring/scheme';

type Rng = () => number;

/** mulberry32: a small seeded generator (the probe must be reproducible, not unpredictable). */
function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A facts set that fits the scheme, drawn from `seed`: two to four targets per group and form,
 * some channels without ballots, each ballot-fed channel a tally on its form, every input
 * component that applies a number in its range (sometimes left out: 待录入), served and present
 * at least the ballots returned. The save path scores a few of these before it stores a version,
 * and the property test scores many: a scheme that takes these is one a round can score.
 * `complete`: nothing left out (every input that applies, served on every target), the facts a
 * round has at publication.
 * @example probeFacts(scheme, 1).targets.length // ≥ 2
 */
export function probeFacts(scheme: Scheme, seed: number, options: { complete?: boolean } = {}): RoundFactsInput {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const groups = scheme.groups?.map((g) => g.id) ?? ['all'];
  const formKeys = Object.keys(scheme.forms);
  const targets: TargetFacts[] = [];
  for (const group of groups) {
    for (const formKey of formKeys) {
      const n = int(2, 4);
      for (let i = 0; i < n; i++) targets.push(probeTarget(scheme, `t${targets.length + 1}`, group, formKey, r, int, options.complete ?? false));
    }
  }
  return { roundId: `probe-${seed}`, targets };
}

function probeTarget(scheme: Scheme, targetId: string, group: string, formKey: string, r: Rng, int: (lo: number, hi: number) => number, complete: boolean): TargetFacts {
  const channels: TargetFacts['channels'] = {};
  const ballotsBy: Record<string, number> = {};
  for (const ch of scheme.channels) {
    if (r() < 0.15) continue;
    const ballots = int(0, 60);
    ballotsBy[ch] = ballots;
    const form = formFor(scheme, formKey === 'default' ? {} : { formKey }, ch);
    const answers: Record<string, Record<string, number>> = {};
    for (const item of form.items) {
      const counts: Record<string, number> = {};
      if (item.kind === 'single') {
        let left = ballots;
        item.options.forEach((o, i) => {
          const c = i === item.options.length - 1 ? left : int(0, left);
          left -= c;
          if (c > 0) counts[o.value] = c;
        });
      } else {
        for (const o of item.options) {
          const c = int(0, ballots);
          if (c > 0) counts[o.value] = c;
        }
      }
      answers[item.id] = counts;
    }
    channels[ch] = { ballots, answers };
  }
  const inputs: Record<string, number> = {};
  const records: Record<string, number> = {};
  for (const c of scheme.components) {
    if (c.kind === 'input' && (!c.groups || c.groups.includes(group)) && (complete || r() < 0.9)) inputs[c.id] = Math.min(c.max, Math.max(c.min, Math.round((c.min + r() * (c.max - c.min)) * 10) / 10));
    if (c.kind === 'deduction') for (const k of Object.keys(c.per)) if (r() < 0.5) records[k] = int(0, 5);
  }
  // A return rate counts every channel it names: served covers them all.
  const returned = Object.values(ballotsBy).reduce((a, b) => a + b, 0);
  const present: Record<string, number> = {};
  for (const c of scheme.components) if (c.kind === 'pointsMean' && c.divisor === 'present') for (const ch of c.channels) present[ch] = (ballotsBy[ch] ?? 0) + int(0, 3);
  return {
    targetId,
    group,
    ...(formKey === 'default' ? {} : { formKey }),
    channels,
    inputs,
    records,
    misconduct: r() < 0.1 ? 1 : 0,
    ...(complete || r() < 0.95 ? { served: returned + int(0, 40) } : {}),
    ...(Object.keys(present).length ? { present } : {}),
  };
}
