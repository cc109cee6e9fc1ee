import type { ChannelKind } from '../model/channel';
import { checkAnswers, tallyKeys, type BallotForm } from '../model/form';
import { formFor } from '../model/scheme-forms';
import type { Scheme } from './scheme';
import type { ChannelFacts, TargetFacts } from './facts';

/** Counts per item and option for one channel, after validation and blank filling. */
export type Tally = { ballots: number; answers: Record<string, Record<string, number>> };
export type TargetTallies = Partial<Record<ChannelKind, Tally>>;

/**
 * Turns a target's channel facts into checked tallies. Sheets are counted with the model's own
 * `tallyKeys`, so a sheet and a stored ballot count identically. For a tally, a single item with
 * `blankAs` whose counts fall short of the ballots gets the difference as that option
 * (通河: 单项空白按"一般"计算) — the API's tallies already include it, so this only matters
 * for hand-made tallies and changes nothing otherwise.
 * @example resolveTallies(scheme, target).problems // [] when every count fits the form
 */
export function resolveTallies(scheme: Scheme, target: TargetFacts): { tallies: TargetTallies; problems: string[] } {
  const tallies: TargetTallies = {};
  const problems: string[] = [];
  for (const [channel, facts] of Object.entries(target.channels) as Array<[ChannelKind, ChannelFacts | undefined]>) {
    if (!facts) continue;
    const where = `${target.targetId}.channels.${channel}`;
    if (!scheme.channels.includes(channel)) {
      problems.push(`${where}: the scheme does not use this channel`);
      continue;
    }
    const form = formFor(scheme, target, channel);
    const tally = 'sheets' in facts ? countSheets(form, facts.sheets, where, problems) : checkTally(form, facts, where, problems);
    if (tally) tallies[channel] = tally;
  }
  return { tallies, problems };
}

function countSheets(form: BallotForm, sheets: Array<Record<string, string | string[]>>, where: string, problems: string[]): Tally | undefined {
  const tally: Tally = { ballots: 0, answers: {} };
  let ok = true;
  sheets.forEach((answers, i) => {
    const bad = checkAnswers(form, answers);
    if (bad.length > 0) {
      ok = false;
      for (const b of bad) problems.push(`${where}.sheets.${i}: ${b.item} ${b.problem}`);
      return;
    }
    tally.ballots += 1;
    for (const [item, value] of tallyKeys(form, answers)) add(tally, item, value, 1);
  });
  return ok ? tally : undefined;
}

function checkTally(form: BallotForm, facts: Tally, where: string, problems: string[]): Tally | undefined {
  const before = problems.length;
  if (!Number.isInteger(facts.ballots) || facts.ballots < 0) problems.push(`${where}.ballots: must be a whole number ≥ 0`);
  const items = new Map(form.items.map((i) => [i.id, i]));
  const tally: Tally = { ballots: facts.ballots, answers: {} };
  for (const [itemId, counts] of Object.entries(facts.answers)) {
    const item = items.get(itemId);
    if (!item) {
      problems.push(`${where}.answers.${itemId}: not an item of form "${form.title}"`);
      continue;
    }
    let answered = 0;
    for (const [value, count] of Object.entries(counts)) {
      if (!item.options.some((o) => o.value === value)) problems.push(`${where}.answers.${itemId}.${value}: not an option of this item`);
      else if (!Number.isInteger(count) || count < 0) problems.push(`${where}.answers.${itemId}.${value}: must be a whole number ≥ 0`);
      else if (count > facts.ballots) problems.push(`${where}.answers.${itemId}.${value}: ${count} answers but only ${facts.ballots} ballots`);
      else {
        add(tally, itemId, value, count);
        answered += count;
      }
    }
    if (item.kind === 'single' && answered > facts.ballots) problems.push(`${where}.answers.${itemId}: ${answered} answers but only ${facts.ballots} ballots`);
  }
  if (problems.length > before) return undefined;
  for (const item of form.items) {
    if (item.kind !== 'single' || !item.blankAs) continue;
    const answered = Object.values(tally.answers[item.id] ?? {}).reduce((s, n) => s + n, 0);
    if (answered < tally.ballots) add(tally, item.id, item.blankAs, tally.ballots - answered);
  }
  return tally;
}

function add(tally: Tally, item: string, value: string, n: number): void {
  const counts = (tally.answers[item] ??= {});
  counts[value] = (counts[value] ?? 0) + n;
}

/**
 * Ballots over some channels.
 * @example ballotsOn(tallies, ['directed', 'sampling']) // 42
 */
export function ballotsOn(tallies: TargetTallies, channels: readonly ChannelKind[]): number {
  return channels.reduce((s, ch) => s + (tallies[ch]?.ballots ?? 0), 0);
}

/**
 * Answers of `item` that are one of `values` (all options when omitted), over some channels.
 * @example answersOn(tallies, ['window'], 'overall', ['satisfied']) // 17
 */
export function answersOn(tallies: TargetTallies, channels: readonly ChannelKind[], item: string, values?: readonly string[]): number {
  let n = 0;
  for (const ch of channels) {
    const counts = tallies[ch]?.answers[item] ?? {};
    for (const [value, count] of Object.entries(counts)) if (!values || values.includes(value)) n += count;
  }
  return n;
}
