import { formFor, type SchemeForms } from '../model/scheme-forms';
import type { ChannelKind } from '../model/channel';
import type { RoundResult, TargetResult } from '../scoring/result';
import type { RoundFacts, TargetFacts } from '../scoring/facts';
import type { MainProblem } from './snapshot';
import { commentProblems, type CommentTally } from './comment-problems';

/** How many problems the newspaper names per target. */
export const MAIN_PROBLEMS_LISTED = 3;
/** Best-first schemes name problems for their last places, this many per group. */
export const WORST_PLACES_NAMED = 3;

/**
 * The targets the public list calls "worst": in a worst-first scheme every ranked target within
 * the first ten (南川's named list), in a best-first one the last three ranks of each group.
 * @example worstTargets(result) // ['s12', 's21']
 */
export function worstTargets(result: RoundResult): string[] {
  const byId = new Map(result.targets.map((t) => [t.targetId, t]));
  const out: string[] = [];
  for (const g of result.groups) {
    const ranked = g.order.map((id) => byId.get(id)!).filter((t) => t.rank !== null);
    if (result.direction === 'worst-first') out.push(...ranked.filter((t) => t.rank! <= 10).map((t) => t.targetId));
    else {
      const cut = ranked.length - WORST_PLACES_NAMED;
      out.push(...ranked.filter((t, i) => i >= cut && t.rank! > 0).map((t) => t.targetId));
    }
  }
  return out;
}

/**
 * A target's main problems, most frequent first, at most MAIN_PROBLEMS_LISTED:
 * - from the indicators: the problem shares the engine already broke down (南川 冷懒推乱贪), or
 *   else, per item of its form, the options worth the fewest points (不满意, 差) — both from the
 *   same tallies the score came from;
 * - from the comments: each complaint category of the counted ballots' comments (comment-problems.ts).
 * Ties: indicators before comments (the score is made of them), then by value, then by item.
 * @example mainProblems(scheme, target, facts, { ballots: 40, categories: { attitude: 25 } })
 * // [{ item: 'comment', value: 'attitude', label: '群众意见：服务态度', count: 25, share: 0.625, source: 'comment' },
 * //  { item: 'problems', value: 'cold', label: '冷…', count: 20, share: 0.5, source: 'indicator' }]
 */
export function mainProblems(scheme: SchemeForms, target: TargetResult, facts: TargetFacts | undefined, comments?: CommentTally): MainProblem[] {
  const found = [...indicatorProblems(scheme, target, facts), ...commentProblems(comments)];
  const sourceRank = (p: MainProblem) => (p.source === 'comment' ? 1 : 0);
  return found
    .sort((a, b) => b.count - a.count || sourceRank(a) - sourceRank(b) || a.value.localeCompare(b.value) || a.item.localeCompare(b.item))
    .slice(0, MAIN_PROBLEMS_LISTED);
}

function indicatorProblems(scheme: SchemeForms, target: TargetResult, facts: TargetFacts | undefined): MainProblem[] {
  const fromBreakdown = Object.values(target.components).flatMap((c) => c.breakdown ?? []);
  const found: MainProblem[] = fromBreakdown.filter((b) => b.count > 0).map((b) => ({ item: b.item, value: b.value, label: b.label, count: b.count, share: b.share, source: 'indicator' }));
  if (found.length > 0 || !facts) return found;
  for (const [kind, channel] of Object.entries(facts.channels)) {
    if (!channel || !('answers' in channel)) continue;
    const form = formFor(scheme, facts.formKey ? { formKey: facts.formKey } : {}, kind as ChannelKind);
    for (const item of form.items) {
      const pointed = item.options.filter((o) => typeof o.points === 'number');
      if (pointed.length < 2) continue;
      const lowest = Math.min(...pointed.map((o) => o.points!));
      for (const o of pointed.filter((p) => p.points === lowest)) {
        const count = channel.answers[item.id]?.[o.value] ?? 0;
        if (count === 0) continue;
        const prior = found.find((f) => f.item === item.id && f.value === o.value);
        if (prior) prior.count += count;
        else found.push({ item: item.id, value: o.value, label: `${item.label}：${o.label}`, count, share: null, source: 'indicator' });
      }
    }
  }
  return found;
}

/**
 * Every target's main problems, as a snapshot records them. `comments` are the comment tallies
 * (commentTallies), or undefined for a snapshot published before comment categories: those name
 * indicator problems only and carry no `source`, and a recount must give them back that way.
 * @example roundMainProblems(scheme, results, facts, commentTallies(log, voided)) // { s11: [...], s12: [...] }
 */
export function roundMainProblems(scheme: SchemeForms, results: RoundResult, facts: RoundFacts, comments: ReadonlyMap<string, CommentTally> | undefined): Record<string, MainProblem[]> {
  const factsById = new Map(facts.targets.map((t) => [t.targetId, t]));
  return Object.fromEntries(
    results.targets.map((t) => {
      const problems = mainProblems(scheme, t, factsById.get(t.targetId), comments?.get(t.targetId));
      return [t.targetId, comments ? problems : problems.map(({ source: _source, ...p }) => p)];
    }),
  );
}
