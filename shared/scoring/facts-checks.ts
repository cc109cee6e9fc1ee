import { attendanceProblems } from './attendance';
import { z } from 'zod';
import type { RoundFacts, TargetFacts } from './facts';
import type { Scheme } from './scheme';
import { resolveTallies, type TargetTallies } from './tallies';
import { formsReturned } from './returned';

/**
 * Checks the facts against the scheme and returns each target's tallies, or the list of
 * problems. Everything is checked before anything is scored: a results table computed from
 * half-valid facts would be published and then contested.
 * @example checkRoundFacts(scheme, facts).problems // [] when the facts fit the scheme
 */
export function checkRoundFacts(scheme: Scheme, facts: RoundFacts, mode: IncompleteInputs = 'refuse'): { tallies: Map<string, TargetTallies>; problems: string[]; pending: Map<string, PendingInput[]> } {
  const problems: string[] = [];
  const pending = new Map<string, PendingInput[]>();
  const tallies = new Map<string, TargetTallies>();
  const seen = new Set<string>();
  for (const target of facts.targets) {
    if (seen.has(target.targetId)) problems.push(`${target.targetId}: listed twice`);
    seen.add(target.targetId);
    const resolved = resolveTallies(scheme, target);
    problems.push(...resolved.problems);
    for (const p of targetProblems(scheme, target, resolved.tallies)) {
      const listed = pending.get(target.targetId) ?? [];
      // Several return-rate components read one `served`: it is listed once.
      if (mode === 'list' && p.pending) pending.set(target.targetId, listed.some((q) => q.field === p.pending!.field) ? listed : [...listed, p.pending]);
      else problems.push(p.text);
    }
    tallies.set(target.targetId, resolved.tallies);
  }
  return { tallies, problems, pending };
}

/**
 * `refuse`: any problem refuses the round (the offline engine, publication's own check).
 * `list`: a target's missing or unusable entered input is listed on that target as pending
 * (待录入 / 待更正) and left out of its scores, so entry under way never makes a round unreadable.
 */
export type IncompleteInputs = 'refuse' | 'list';

/**
 * An entered input a target still needs: `missing` (待录入), `invalid` (stored but unusable, left
 * out of the scores: 待更正) or `served_below_returned` (more forms came back than people served).
 */
export const PendingInput = z.object({ field: z.string(), label: z.string(), reason: z.enum(['missing', 'invalid', 'served_below_returned']) });
export type PendingInput = z.infer<typeof PendingInput>;

/**
 * The facts a target is scored on when its pending inputs are listed rather than refused: the
 * unusable ones are left out (a missing one is absent already).
 */
export function withoutPending(t: TargetFacts, pending: PendingInput[]): TargetFacts {
  const out: TargetFacts = { ...t, inputs: { ...t.inputs }, records: { ...t.records } };
  for (const p of pending) {
    if (p.reason === 'missing') continue;
    const [kind, key] = p.field.split('.');
    if (kind === 'served') delete out.served;
    else if (kind === 'inputs' && key) delete out.inputs[key];
    else if (kind === 'records' && key) delete out.records[key];
    else if (kind === 'present' && key && out.present) {
      const { [key as keyof NonNullable<TargetFacts['present']>]: _dropped, ...rest } = out.present;
      out.present = rest;
    }
  }
  return out;
}

type TargetProblem = { text: string; pending?: PendingInput };

function targetProblems(scheme: Scheme, t: TargetFacts, tallies: TargetTallies): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const id = t.targetId;
  const at = (text: string, field: string, label: string, reason: PendingInput['reason']): TargetProblem => ({ text, pending: { field, label, reason } });
  if (scheme.groups && !scheme.groups.some((g) => g.id === t.group)) {
    problems.push({ text: `${id}.group: "${t.group}" is not one of ${scheme.groups.map((g) => g.id).join(', ')}` });
  }
  if (t.formKey !== undefined && !(t.formKey in scheme.forms)) problems.push({ text: `${id}.formKey: no form "${t.formKey}" in the scheme` });
  const inputs = new Map(scheme.components.flatMap((c) => (c.kind === 'input' ? [[c.id, c] as const] : [])));
  for (const [key, v] of Object.entries(t.inputs)) {
    const c = inputs.get(key);
    if (!c) problems.push(at(`${id}.inputs.${key}: the scheme has no input component "${key}"`, `inputs.${key}`, key, 'invalid'));
    else if (!Number.isFinite(v) || v < c.min || v > c.max) problems.push(at(`${id}.inputs.${key}: ${v} is outside ${c.min}–${c.max}`, `inputs.${key}`, c.label, 'invalid'));
  }
  for (const c of inputs.values()) {
    const applies = !c.groups || c.groups.includes(t.group);
    if (applies && c.required && t.inputs[c.id] === undefined) problems.push(at(`${id}.inputs.${c.id}: required (${c.label})`, `inputs.${c.id}`, c.label, 'missing'));
    if (!applies && t.inputs[c.id] !== undefined) problems.push(at(`${id}.inputs.${c.id}: does not apply to group "${t.group}"`, `inputs.${c.id}`, c.label, 'invalid'));
  }
  const recordKinds = new Set(scheme.components.flatMap((c) => (c.kind === 'deduction' ? Object.keys(c.per) : [])));
  for (const key of Object.keys(t.records)) if (!recordKinds.has(key)) problems.push(at(`${id}.records.${key}: unknown record kind (known: ${[...recordKinds].join(', ') || 'none'})`, `records.${key}`, key, 'invalid'));
  for (const c of scheme.components) {
    if (c.kind !== 'returnRate') continue;
    if (t.served === undefined) problems.push(at(`${id}.served: required by ${c.id} (${c.label})`, 'served', '服务人次', 'missing'));
    else if (formsReturned(t, tallies, c.channels) > t.served) {
      const back = formsReturned(t, tallies, c.channels);
      problems.push(at(`${id}.served: ${t.served} served but ${back} forms returned`, 'served', `服务人次（${t.served}）少于已回收的 ${back} 份`, 'served_below_returned'));
    }
  }
  problems.push(...attendanceProblems(t, tallies).map((p) => at(p.text, p.field, p.label, 'invalid')));
  const mix = scheme.evaluatorMix?.[t.formKey ?? 'default'];
  if (t.evaluatorCounts && mix) {
    for (const key of Object.keys(t.evaluatorCounts)) if (!mix.categories.some((c) => c.id === key)) problems.push({ text: `${id}.evaluatorCounts.${key}: unknown evaluator category` });
  }
  return problems;
}
