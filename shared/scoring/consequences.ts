import { conditionHolds, type TargetView } from './conditions';
import { MissingHistoryField, type HistoryContext, type Slot } from './history';
import type { Consequence } from './result';
import type { Rule, RuleHistory } from './scheme';

/**
 * The rules that fire for one target this round, in scheme order. History rules look back
 * through the series of their unit (history.ts): the rounds given, calendar quarters or
 * programme years; a slot where the target is absent, or no slot at all, breaks a streak.
 * @example consequencesFor(rules, { roundId: 'q3', targetId: 's1', group: 'all', view }, prepareHistory(scheme, facts))
 */
export function consequencesFor(
  rules: Rule[],
  current: { roundId: string; targetId: string; group: string; view: TargetView },
  history: HistoryContext,
): Consequence[] {
  const out: Consequence[] = [];
  for (const rule of rules) {
    if (rule.groups && !rule.groups.includes(current.group)) continue;
    if (!conditionHolds(rule.when, current.view)) continue;
    const base: Consequence = { ruleId: rule.id, label: rule.label, text: rule.text };
    if (rule.deadlineWorkingDays !== undefined) base.deadlineWorkingDays = rule.deadlineWorkingDays;
    if (rule.actions) base.actions = rule.actions;
    if (rule.history) {
      const over = overHistory(rule, rule.history, current.targetId, history);
      if (over) out.push({ ...base, ...over });
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

type Counted = { roundId: string; label?: string };

/**
 * What a history rule adds to its consequence when it fires (the rounds and periods it counted),
 * or null. A past entry lacking a field the condition reads is recorded as an issue (the round is
 * then refused) and the rule does not fire.
 */
function overHistory(rule: Rule, h: RuleHistory, targetId: string, ctx: HistoryContext): Partial<Consequence> | null {
  const series = ctx.series[h.unit];
  if (!series) return null;
  let incomplete = false;
  const holdsIn = (slot: Slot): boolean => {
    const t = slot.targets.get(targetId);
    if (!t) return false;
    try {
      return conditionHolds(rule.when, ctx.view(t));
    } catch (e) {
      if (!(e instanceof MissingHistoryField)) throw e;
      incomplete = true;
      ctx.record({
        code: 'HISTORY_INCOMPLETE',
        roundId: slot.roundId,
        targetId,
        field: e.field,
        ruleId: rule.id,
        message: `往期评议“${slot.roundId}”中“${targetId}”缺少${ctx.fieldName(e.field)}，规则“${rule.label}”（${rule.id}）需要读取；往期结果须完整，不作推定`,
      });
      return false;
    }
  };
  const here: Counted = { roundId: series.roundId, ...(series.label ? { label: series.label } : {}) };
  const counted = (slot: Slot): Counted => ({ roundId: slot.roundId, ...(slot.label ? { label: slot.label } : {}) });

  if (h.kind === 'consecutive') {
    const run: Counted[] = [here];
    for (let i = series.index - 1; series.past.has(i); i--) {
      const slot = series.past.get(i)!;
      if (!holdsIn(slot)) break;
      run.unshift(counted(slot));
    }
    if (incomplete) return null;
    const fires = h.mode === 'exactly' ? run.length === h.rounds : run.length >= h.rounds;
    return fires ? described(h, run.slice(-h.rounds), { streak: run.length }) : null;
  }

  const from = h.window === undefined ? -Infinity : series.index - (h.window - 1);
  const holding = [...series.past.entries()]
    .filter(([i]) => i >= from && i < series.index)
    .sort((a, b) => a[0] - b[0])
    .filter(([, slot]) => holdsIn(slot))
    .map(([, slot]) => counted(slot));
  if (incomplete) return null;
  return holding.length + 1 >= h.atLeast ? described(h, [...holding, here], {}) : null;
}

/** The counted rounds, their periods in words (when every one has a period) and the unit. */
function described(h: RuleHistory, rounds: Counted[], extra: Partial<Consequence>): Partial<Consequence> {
  const labels = rounds.map((r) => r.label);
  return {
    rounds: rounds.map((r) => r.roundId),
    ...extra,
    unit: h.unit,
    ...(labels.every((l): l is string => l !== undefined) ? { periods: labels } : {}),
  };
}
