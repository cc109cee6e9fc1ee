import { attendanceProblems } from './attendance';
import type { RoundFacts, TargetFacts } from './facts';
import type { Scheme } from './scheme';
import { ballotsOn, resolveTallies, type TargetTallies } from './tallies';

/**
 * Checks the facts against the scheme and returns each target's tallies, or the list of
 * problems. Everything is checked before anything is scored: a results table computed from
 * half-valid facts would be published and then contested.
 * @example checkRoundFacts(scheme, facts).problems // [] when the facts fit the scheme
 */
export function checkRoundFacts(scheme: Scheme, facts: RoundFacts): { tallies: Map<string, TargetTallies>; problems: string[] } {
  const problems: string[] = [];
  const tallies = new Map<string, TargetTallies>();
  const seen = new Set<string>();
  for (const target of facts.targets) {
    if (seen.has(target.targetId)) problems.push(`${target.targetId}: listed twice`);
    seen.add(target.targetId);
    const resolved = resolveTallies(scheme, target);
    problems.push(...resolved.problems, ...targetProblems(scheme, target, resolved.tallies));
    tallies.set(target.targetId, resolved.tallies);
  }
  return { tallies, problems };
}

function targetProblems(scheme: Scheme, t: TargetFacts, tallies: TargetTallies): string[] {
  const problems: string[] = [];
  const id = t.targetId;
  if (scheme.groups && !scheme.groups.some((g) => g.id === t.group)) {
    problems.push(`${id}.group: "${t.group}" is not one of ${scheme.groups.map((g) => g.id).join(', ')}`);
  }
  if (t.formKey !== undefined && !(t.formKey in scheme.forms)) problems.push(`${id}.formKey: no form "${t.formKey}" in the scheme`);
  const inputs = new Map(scheme.components.flatMap((c) => (c.kind === 'input' ? [[c.id, c] as const] : [])));
  for (const [key, v] of Object.entries(t.inputs)) {
    const c = inputs.get(key);
    if (!c) problems.push(`${id}.inputs.${key}: the scheme has no input component "${key}"`);
    else if (!Number.isFinite(v) || v < c.min || v > c.max) problems.push(`${id}.inputs.${key}: ${v} is outside ${c.min}–${c.max}`);
  }
  for (const c of inputs.values()) {
    const applies = !c.groups || c.groups.includes(t.group);
    if (applies && c.required && t.inputs[c.id] === undefined) problems.push(`${id}.inputs.${c.id}: required (${c.label})`);
    if (!applies && t.inputs[c.id] !== undefined) problems.push(`${id}.inputs.${c.id}: does not apply to group "${t.group}"`);
  }
  const recordKinds = new Set(scheme.components.flatMap((c) => (c.kind === 'deduction' ? Object.keys(c.per) : [])));
  for (const key of Object.keys(t.records)) if (!recordKinds.has(key)) problems.push(`${id}.records.${key}: unknown record kind (known: ${[...recordKinds].join(', ') || 'none'})`);
  for (const c of scheme.components) {
    if (c.kind !== 'returnRate') continue;
    if (t.served === undefined) problems.push(`${id}.served: required by ${c.id} (${c.label})`);
    else if (ballotsOn(tallies, c.channels) > t.served) problems.push(`${id}.served: ${t.served} served but ${ballotsOn(tallies, c.channels)} ballots returned`);
  }
  problems.push(...attendanceProblems(t, tallies).map((p) => p.text));
  const mix = scheme.evaluatorMix?.[t.formKey ?? 'default'];
  if (t.evaluatorCounts && mix) {
    for (const key of Object.keys(t.evaluatorCounts)) if (!mix.categories.some((c) => c.id === key)) problems.push(`${id}.evaluatorCounts.${key}: unknown evaluator category`);
  }
  return problems;
}
