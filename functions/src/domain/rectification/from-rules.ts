import type { Deps } from '../deps';
import { getRoundOrThrow } from '../rounds-admin';
import { roundScheme } from '../round-facts';
import { tasksFromBallots, tasksFromResults } from './from-rounds';

/** What publication opened as rectification tasks, by the scheme's own rules. */
export interface RuleTasks {
  created: number;
  existing: number;
  /** Per rule: its label and how many tasks it accounts for (new and earlier). */
  rules: Array<{ ruleId: string; label: string; tasks: number }>;
}

/**
 * Opens the rectification tasks the round's scheme promises (好差评: one case per bad review
 * within 15 working days; rules with a 整改 action: one task per target the rule fired on in the
 * published version). Task ids derive from their source, so running it again — after a failure,
 * a correction, or by hand from the tasks screen — adds only what is missing.
 */
export async function tasksFromRules(deps: Deps, actor: string, roundId: string, defaultDeadlineWorkingDays = 15): Promise<RuleTasks> {
  const round = await getRoundOrThrow(deps, roundId);
  const scheme = await roundScheme(deps, round);
  const out: RuleTasks = { created: 0, existing: 0, rules: [] };
  for (const rule of scheme.rules) {
    if (!rule.actions?.includes('rectification') && !rule.cases) continue;
    const deadlineWorkingDays = rule.deadlineWorkingDays ?? defaultDeadlineWorkingDays;
    const r = rule.cases
      ? await tasksFromBallots(deps, actor, roundId, { item: rule.cases.item, values: rule.cases.values, deadlineWorkingDays })
      : await tasksFromResults(deps, actor, roundId, { ruleIds: [rule.id], deadlineWorkingDays });
    out.created += r.created;
    out.existing += r.existing;
    out.rules.push({ ruleId: rule.id, label: rule.label, tasks: r.tasks.length });
  }
  return out;
}
