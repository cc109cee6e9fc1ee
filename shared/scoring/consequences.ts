import { conditionHolds, type TargetView } from './conditions';
import type { PastRound, PastTarget } from './facts';
import type { Consequence } from './result';
import type { Rule } from './scheme';

/**
 * A past round's target as a condition sees it. Answer counts are not kept across rounds, so
 * an `answers` test never holds for an earlier round.
 * @example pastView(lastRoundResult.targets[0]).rank // 3
 */
export function pastView(t: PastTarget): TargetView {
  const values: Record<string, number | null> = { total: t.total };
  for (const [id, c] of Object.entries(t.components)) values[id] = c.value;
  return { values, grade: t.grade?.id ?? null, rank: t.rank, tieSize: t.tieSize, rankedCount: t.rankedCount, misconduct: t.misconduct };
}

/**
 * The rules that fire for one target this round, in scheme order. History rules look back
 * through `history` (oldest first); a round where the target is absent breaks a streak.
 * @example consequencesFor(rules, { roundId: 'q3', targetId: 's1', group: 'all', view }, history)
 */
export function consequencesFor(
  rules: Rule[],
  current: { roundId: string; targetId: string; group: string; view: TargetView },
  history: PastRound[],
): Consequence[] {
  const out: Consequence[] = [];
  const past = history.map((r) => ({ roundId: r.roundId, target: r.targets.find((t) => t.targetId === current.targetId) }));
  for (const rule of rules) {
    if (rule.groups && !rule.groups.includes(current.group)) continue;
    if (!conditionHolds(rule.when, current.view)) continue;
    const base: Consequence = { ruleId: rule.id, label: rule.label, text: rule.text };
    if (rule.deadlineWorkingDays !== undefined) base.deadlineWorkingDays = rule.deadlineWorkingDays;
    if (rule.actions) base.actions = rule.actions;
    if (rule.history?.kind === 'consecutive') {
      const streak = streakRounds(rule, past, current.roundId);
      const fires = rule.history.mode === 'exactly' ? streak.length === rule.history.rounds : streak.length >= rule.history.rounds;
      if (fires) out.push({ ...base, rounds: streak.slice(-rule.history.rounds), streak: streak.length });
      continue;
    }
    if (rule.history?.kind === 'count') {
      const window = rule.history.window === undefined ? past : past.slice(Math.max(0, past.length - (rule.history.window - 1)));
      const holding = window.filter((r) => r.target && conditionHolds(rule.when, pastView(r.target))).map((r) => r.roundId);
      if (holding.length + 1 >= rule.history.atLeast) out.push({ ...base, rounds: [...holding, current.roundId] });
      continue;
    }
    if (rule.deductionByRank) {
      const points = current.view.rank === null ? undefined : rule.deductionByRank[current.view.rank - 1];
      if (points !== undefined && points > 0) out.push({ ...base, points });
      continue;
    }
    if (rule.cases) {
      const cases = current.view.countAnswers?.(rule.cases.item, rule.cases.values, rule.cases.channels) ?? 0;
      if (cases > 0) out.push({ ...base, cases });
      continue;
    }
    out.push(base);
  }
  return out;
}

/** The run of rounds, ending with this one, in which the rule's condition held (oldest first). */
function streakRounds(rule: Rule, past: Array<{ roundId: string; target: PastTarget | undefined }>, currentRoundId: string): string[] {
  const run = [currentRoundId];
  for (let i = past.length - 1; i >= 0; i--) {
    const r = past[i]!;
    if (!r.target || !conditionHolds(rule.when, pastView(r.target))) break;
    run.unshift(r.roundId);
  }
  return run;
}
