import { z } from 'zod';
import type { RoundResult } from '../scoring/result';
import { ACTION_KINDS, ActionKind } from '../scoring/action-kinds';

/** One action the supervising office must take, with the rule and the rounds behind it. */
export const ConsequenceAction = z.object({
  targetId: z.string(),
  name: z.string().optional(),
  group: z.string(),
  rank: z.number().int().nullable(),
  ruleId: z.string(),
  label: z.string(),
  text: z.string(),
  rounds: z.array(z.string()),
  streak: z.number().int().optional(),
  /** What the rule counted (rounds, quarters, years) and the periods of `rounds` in words. */
  unit: z.enum(['round', 'quarter', 'year']).optional(),
  periods: z.array(z.string()).optional(),
  points: z.number().optional(),
  cases: z.number().int().optional(),
  deadlineWorkingDays: z.number().int().optional(),
  actions: z.array(ActionKind).optional(),
  /** For rules that read a rank: the place holds with 95% simultaneous confidence, or only possibly (docs/scoring.md). */
  certainty: z.enum(['confident', 'possible']).optional(),
});
export type ConsequenceAction = z.infer<typeof ConsequenceAction>;

/**
 * Every consequence of a round as a flat list, grouped by rule in the scheme's rule order, then
 * by rank; a single-round rule lists just this round.
 * @example consequenceActions(result, ['nanchuan-interview']) // [{ targetId: 's12', ruleId: 'nanchuan-interview', rounds: ['q3'], … }]
 */
export function consequenceActions(result: RoundResult, ruleOrder: string[]): ConsequenceAction[] {
  const out: ConsequenceAction[] = [];
  for (const t of result.targets)
    for (const c of t.consequences)
      out.push({
        targetId: t.targetId,
        ...(t.name ? { name: t.name } : {}),
        group: t.group,
        rank: t.rank,
        ruleId: c.ruleId,
        label: c.label,
        text: c.text,
        rounds: c.rounds ?? [result.roundId],
        ...(c.streak !== undefined ? { streak: c.streak } : {}),
        ...(c.unit !== undefined ? { unit: c.unit } : {}),
        ...(c.periods !== undefined ? { periods: c.periods } : {}),
        ...(c.points !== undefined ? { points: c.points } : {}),
        ...(c.cases !== undefined ? { cases: c.cases } : {}),
        ...(c.deadlineWorkingDays !== undefined ? { deadlineWorkingDays: c.deadlineWorkingDays } : {}),
        ...(c.actions ? { actions: c.actions } : {}),
        ...(c.certainty ? { certainty: c.certainty } : {}),
      });
  const ruleIndex = (id: string) => (ruleOrder.indexOf(id) === -1 ? ruleOrder.length : ruleOrder.indexOf(id));
  return out.sort((a, b) => ruleIndex(a.ruleId) - ruleIndex(b.ruleId) || (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.targetId.localeCompare(b.targetId));
}

/** The kinds of an action in words, for tables and print: 「谈话提醒、诫勉谈话；取消评先评优、暂缓提拔」. */
export function actionKindLabels(kinds: readonly ActionKind[] | undefined): string {
  return (kinds ?? []).map((k) => ACTION_KINDS[k]).join('；');
}
