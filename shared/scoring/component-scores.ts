import type { ChannelKind } from '../model/channel';
import type { FormItem } from '../model/form';
import { formFor } from '../model/scheme-forms';
import type { Component, WeightedComponent } from './components';
import type { TargetFacts } from './facts';
import type { ComponentScore, OptionShare, ScoreInterval } from './result';
import type { Scheme } from './scheme';
import { answersOn, ballotsOn, type TargetTallies } from './tallies';
import { formsReturned } from './returned';
import { boundedMeanInterval, wilsonCounts, Z95 } from './wilson';

type Context = { scheme: Scheme; target: TargetFacts; tallies: TargetTallies; done: Map<string, ComponentScore>; z: number };

/**
 * Every component of the scheme for one target, in scheme order (a weighted component reads
 * the ones before it). Inputs are assumed checked (see checkTargetFacts). `z` sets the
 * intervals' width (default 95%; the rank confidence sets ask for wider, simultaneous ones).
 * @example scoreComponents(scheme, target, tallies).get('satisfaction')?.value // 0.85
 */
export function scoreComponents(scheme: Scheme, target: TargetFacts, tallies: TargetTallies, z: number = Z95): Map<string, ComponentScore> {
  const ctx: Context = { scheme, target, tallies, done: new Map(), z };
  for (const c of scheme.components) ctx.done.set(c.id, scoreOne(c, ctx));
  return ctx.done;
}

function scoreOne(c: Component, ctx: Context): ComponentScore {
  const base = { id: c.id, label: c.label, kind: c.kind };
  const low = (n: number): boolean => n < ctx.scheme.lowSampleBelow;
  switch (c.kind) {
    case 'proportion': {
      const successes = answersOn(ctx.tallies, c.channels, c.item, c.success);
      const n = c.denominator === 'ballots' ? ballotsOn(ctx.tallies, c.channels) : answersOn(ctx.tallies, c.channels, c.item);
      return { ...base, value: n > 0 ? (successes / n) * c.scale : null, interval: wilson(successes, n, c.scale, low(n), ctx.z), numerator: successes, denominator: n };
    }
    case 'returnRate': {
      const returned = formsReturned(ctx.target, ctx.tallies, c.channels);
      const served = ctx.target.served ?? 0;
      return { ...base, value: served > 0 ? (returned / served) * c.scale : null, interval: wilson(returned, served, c.scale, low(served), ctx.z), numerator: returned, denominator: served };
    }
    case 'pointsMean':
      return pointsMean(c, ctx);
    case 'input': {
      const v = ctx.target.inputs[c.id];
      return { ...base, value: v ?? null, interval: v === undefined ? null : exact(v) };
    }
    case 'deduction': {
      let deducted = 0;
      for (const [kind, points] of Object.entries(c.per)) deducted += points * (ctx.target.records[kind] ?? 0);
      const v = Math.max(c.floor, c.base - deducted);
      return { ...base, value: v, interval: exact(v), numerator: deducted };
    }
    case 'weighted':
      return weighted(c, ctx);
  }
}

function pointsMean(c: Extract<Component, { kind: 'pointsMean' }>, ctx: Context): ComponentScore {
  let points = 0;
  let n = 0;
  let lo = Infinity;
  let hi = -Infinity;
  const breakdown: OptionShare[] = [];
  for (const ch of c.channels) {
    const tally = ctx.tallies[ch];
    if (!tally) continue;
    const form = formFor(ctx.scheme, ctx.target, ch);
    let unitLo = 0;
    let unitHi = 0;
    for (const itemId of c.items) {
      const item = form.items.find((i) => i.id === itemId);
      if (!item) continue;
      const counts = tally.answers[itemId] ?? {};
      for (const o of item.options) points += (counts[o.value] ?? 0) * (o.points ?? 0);
      const [a, b] = c.per === 'ballot' ? ballotRange(item) : answerRange(item);
      if (c.per === 'ballot') {
        unitLo += a;
        unitHi += b;
      } else {
        lo = Math.min(lo, a);
        hi = Math.max(hi, b);
        n += Object.values(counts).reduce((s, x) => s + x, 0);
      }
    }
    if (c.per === 'ballot') {
      n += tally.ballots;
      lo = Math.min(lo, unitLo);
      hi = Math.max(hi, unitHi);
    }
  }
  for (const itemId of c.items) breakdown.push(...optionShares(ctx, c.channels, itemId));
  const scale = c.scale / c.normaliser;
  const base = { id: c.id, label: c.label, kind: c.kind, ...(breakdown.length > 0 ? { breakdown } : {}) };
  if (c.per === 'ballot' && c.divisor === 'present') {
    // Attendance is owed only where sheets came in: a unit no hearing sat on has no hearing score
    // (null below), not an input the office must type before the round can be published.
    const missing = c.channels.filter((ch) => ctx.target.present?.[ch] === undefined && (ctx.tallies[ch]?.ballots ?? 0) > 0);
    if (missing.length > 0) return { ...base, value: null, interval: null, numerator: points, missingInputs: missing.map((ch) => `present.${ch}`) };
    const present = c.channels.reduce((s, ch) => s + (ctx.target.present?.[ch] ?? 0), 0);
    // No sheet at all is no hearing score yet (not 0). Otherwise a representative present whose
    // sheet never came back adds 0 points, so the range of one representative reaches 0.
    if (n > 0 && present > n) lo = Math.min(lo, 0);
    if (n > 0) n = present;
  }
  const mean = n > 0 ? points / n : null;
  let interval: ScoreInterval | null = null;
  if (mean !== null) {
    const b = boundedMeanInterval(mean, n, lo, hi, ctx.z);
    interval = { lower: b.lower * scale, upper: b.upper * scale, method: 'wilson-bounded-mean', n, lowSample: n < ctx.scheme.lowSampleBelow };
  }
  return { ...base, value: mean === null ? null : mean * scale, interval, numerator: points, denominator: n };
}

/** What one ballot can score on an item: a single answer's range, or any subset of a multi item. */
function ballotRange(item: FormItem): [number, number] {
  const pts = item.options.map((o) => o.points ?? 0);
  if (item.kind === 'single') return [Math.min(...pts), Math.max(...pts)];
  return [pts.filter((p) => p < 0).reduce((s, p) => s + p, 0), pts.filter((p) => p > 0).reduce((s, p) => s + p, 0)];
}

function answerRange(item: FormItem): [number, number] {
  const pts = item.options.map((o) => o.points ?? 0);
  return [Math.min(...pts), Math.max(...pts)];
}

/** Shares of a multi item's options over the ballots, each with its Wilson interval (the 主要问题). */
function optionShares(ctx: Context, channels: ChannelKind[], itemId: string): OptionShare[] {
  const form = channels.map((ch) => (ctx.tallies[ch] ? formFor(ctx.scheme, ctx.target, ch) : undefined)).find((f) => f?.items.some((i) => i.id === itemId));
  const item = form?.items.find((i) => i.id === itemId);
  if (!item || item.kind !== 'multi') return [];
  const n = ballotsOn(ctx.tallies, channels);
  return item.options.map((o) => {
    const count = answersOn(ctx.tallies, channels, itemId, [o.value]);
    return { item: itemId, value: o.value, label: o.label, count, share: n > 0 ? count / n : null, interval: wilson(count, n, 1, n < ctx.scheme.lowSampleBelow, ctx.z) };
  });
}

function weighted(c: WeightedComponent, ctx: Context): ComponentScore {
  const parts = c.byGroup?.[ctx.target.group] ?? c.parts;
  const base = { id: c.id, label: c.label, kind: c.kind };
  let value = 0;
  let lower = 0;
  let upper = 0;
  let allWeight = 0;
  let presentWeight = 0;
  let lowSample = false;
  const missing: string[] = [];
  for (const p of parts) {
    allWeight += Math.abs(p.weight);
    const s = ctx.done.get(p.component);
    const v = s?.value ?? null;
    if (v === null) {
      missing.push(p.component);
      if (c.missing === 'zero') presentWeight += Math.abs(p.weight);
      continue;
    }
    presentWeight += Math.abs(p.weight);
    value += p.weight * v;
    const lo = s?.interval?.lower ?? v;
    const hi = s?.interval?.upper ?? v;
    lower += p.weight >= 0 ? p.weight * lo : p.weight * hi;
    upper += p.weight >= 0 ? p.weight * hi : p.weight * lo;
    lowSample ||= s?.interval?.lowSample ?? false;
  }
  const none = { ...base, value: null, interval: null, missingParts: missing };
  if (missing.length > 0 && c.missing === 'null') return none;
  if (presentWeight === 0) return none;
  // Renormalising scales the present parts up to the full weight: Σw·v × (Σ all w ÷ Σ present w).
  const factor = c.missing === 'renormalise' ? allWeight / presentWeight : 1;
  return {
    ...base,
    value: value * factor,
    interval: { lower: lower * factor, upper: upper * factor, method: 'envelope', n: null, lowSample },
    ...(missing.length > 0 ? { missingParts: missing } : {}),
  };
}

function wilson(successes: number, n: number, scale: number, lowSample: boolean, z: number): ScoreInterval {
  const b = wilsonCounts(successes, n, z);
  return { lower: b.lower * scale, upper: b.upper * scale, method: 'wilson', n, lowSample };
}

function exact(v: number): ScoreInterval {
  return { lower: v, upper: v, method: 'exact', n: null, lowSample: false };
}
