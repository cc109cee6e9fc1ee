import type { Round } from '@shared/model/round';
import { ACTION_KINDS, ACTION_ORDER, type ActionKind } from '@shared/scoring/action-kinds';
import type { GroupCut, RoundResult } from '@shared/scoring/result';
import type { ConsequenceAction } from '../../../api/consequences';

/**
 * The consequence sheet as the office reads it, built from what the API returns: actions grouped
 * by rule, each with the rounds that triggered it named and the target's place in each of them.
 * Pure: the page's loader fetches, this only arranges.
 */

/** A target's place in one round, as the rule read it. */
export type Standing = { rank: number | null; grade?: string };
/** roundId → targetId → standing. */
export type Standings = Map<string, Map<string, Standing>>;

/** The part of a result (this round's, or an earlier one from history) a standing comes from. */
type RankedTargets = { roundId: string; targets: Array<{ targetId: string; rank?: number | null; grade?: { id: string; label?: string } | null }> };

export type RuleGroup = { ruleId: string; label: string; text: string; actions: ConsequenceAction[] };

/**
 * Actions grouped by rule in the order the API lists them, which is the scheme's own rule order
 * (the county document's order: 公示/表扬 before 谈话, 约谈, 免职 …); inside a rule, by rank.
 * @example groupByRule(actions).map((g) => g.ruleId) // ['nanchuan-published', 'nanchuan-talk', …]
 */
export function groupByRule(actions: ConsequenceAction[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const a of actions) {
    const g = groups.get(a.ruleId) ?? { ruleId: a.ruleId, label: a.label, text: a.text, actions: [] };
    g.actions.push(a);
    groups.set(a.ruleId, g);
  }
  return [...groups.values()];
}

/**
 * Standings per round: this round's result and the earlier rounds the history rules read.
 * History keeps only a grade's id, so `gradeLabel` names it.
 * @example standingsFrom([result, ...history], (id) => labels[id] ?? id).get('nc1')?.get('s11') // { rank: 1 }
 */
export function standingsFrom(rounds: RankedTargets[], gradeLabel: (id: string) => string): Standings {
  return new Map(
    rounds.map((r) => [
      r.roundId,
      new Map(r.targets.map((t) => [t.targetId, { rank: t.rank ?? null, ...(t.grade ? { grade: t.grade.label ?? gradeLabel(t.grade.id) } : {}) }])),
    ]),
  );
}

export type TriggerRound = { roundId: string; title: string; period?: string; standing?: string; current: boolean };

/**
 * The rounds behind one action, oldest first, each named by period and round name (the id when
 * the round is not in the list) with the target's place in it when known.
 * @example triggerRounds(a, 'nc3', rounds, standings)[0] // { roundId: 'nc1', title: '2026年第1季度 · 测试轮次', standing: '第 1 名', current: false }
 */
export function triggerRounds(action: ConsequenceAction, roundId: string, rounds: Map<string, Round>, standings: Standings): TriggerRound[] {
  return action.rounds.map((id) => {
    const r = rounds.get(id);
    const known = standings.get(id)?.get(action.targetId) ?? (id === roundId ? { rank: action.rank } : undefined);
    const standing = known && standingText(known);
    return { roundId: id, title: r ? `${r.period.label} · ${r.name}` : id, ...(r ? { period: r.period.label } : {}), ...(standing ? { standing } : {}), current: id === roundId };
  });
}

/**
 * The span of periods an action rests on, for the line above its rounds (the rounds' own period
 * labels: the engine's consequences carry round ids, not periods).
 * @example periodSpan([{ period: '2026年第1季度' }, { period: '2026年第3季度' }]) // '2026年第1季度至2026年第3季度'
 */
export function periodSpan(triggers: readonly Pick<TriggerRound, 'period'>[]): string | undefined {
  const first = triggers[0]?.period;
  const last = triggers[triggers.length - 1]?.period;
  if (!first || !last) return undefined;
  return first === last ? first : `${first}至${last}`;
}

/** 「第 2 名 · 不满意」; undefined when the target was neither ranked nor graded. */
export function standingText(s: Standing): string | undefined {
  const parts = [s.rank !== null ? `第 ${s.rank} 名` : undefined, s.grade].filter((x): x is string => !!x);
  return parts.length ? parts.join(' · ') : undefined;
}

const UNIT_WORDS = { round: '轮', quarter: '个季度', year: '年' } as const;
const COUNT_WORDS = { round: '次评议', quarter: '个季度', year: '年' } as const;

/**
 * What a rule over several rounds counted, in the engine's own periods: 「连续2年：2025年、2026年」,
 * 「连续3个季度：…」, or for a count rule 「2次评议：…」. Falls back to the round count when the
 * engine gave no periods (a scheme without periods on its rounds).
 * @example historyTerm({ streak: 2, unit: 'year', periods: ['2025年', '2026年'], rounds: ['a', 'b'] }) // '连续2年：2025年、2026年'
 */
export function historyTerm(a: Pick<ConsequenceAction, 'streak' | 'unit' | 'periods' | 'rounds'>): string | undefined {
  const unit = a.unit ?? 'round';
  const periods = a.periods && a.periods.length > 0 ? `：${a.periods.join('、')}` : '';
  if (a.streak !== undefined) {
    const n = a.periods?.length ?? a.streak;
    const longer = a.streak > n ? `（已连续${a.streak}${UNIT_WORDS[unit]}）` : '';
    return `连续${n}${UNIT_WORDS[unit]}${periods}${longer}`;
  }
  if (a.rounds.length > 1 || a.unit !== undefined) return `${a.periods?.length ?? a.rounds.length}${COUNT_WORDS[unit]}${periods}`;
  return undefined;
}

/**
 * The numbers an action carries, as the office would write them.
 * @example actionTerms({ streak: 2, unit: 'year', periods: ['2025年', '2026年'], rounds: ['a', 'b'], points: 10 }) // ['连续2年：2025年、2026年', '扣 10 分']
 */
export function actionTerms(a: Pick<ConsequenceAction, 'streak' | 'unit' | 'periods' | 'rounds' | 'points' | 'cases' | 'deadlineWorkingDays'>): string[] {
  const out: string[] = [];
  const history = historyTerm(a);
  if (history) out.push(history);
  if (a.points !== undefined) out.push(`扣 ${a.points} 分`);
  if (a.cases !== undefined) out.push(`涉及 ${a.cases} 件`);
  if (a.deadlineWorkingDays !== undefined) out.push(`限 ${a.deadlineWorkingDays} 个工作日内`);
  return out;
}

/** The cut a rule makes in a group, as far as certainty needs it. */
export type CutPlaces = Pick<GroupCut, 'end' | 'places'>;

/**
 * How sure the place behind an action is (docs/scoring.md "Who is confidently worst"): a title
 * 「确定属于最差3名」 / 「可能属于最差3名」 and one line on why, from the target's rank set.
 * Undefined for an action whose rule reads no rank.
 * @example certaintyText('possible', { end: 'worst', places: 3 }, { lower: 2, upper: 5 }).title // '可能属于最差3名'
 */
export function certaintyText(certainty: ConsequenceAction['certainty'], cut: CutPlaces | undefined, rankSet: { lower: number; upper: number } | null | undefined): { title: string; why: string } | undefined {
  if (!certainty) return undefined;
  const where = cut ? (cut.end === 'worst' ? `最差${cut.places}名` : `前${cut.places}名`) : '所依据的名次';
  const range = rankSet ? (rankSet.lower === rankSet.upper ? `名次区间 ${rankSet.lower}` : `名次区间 ${rankSet.lower}–${rankSet.upper}`) : undefined;
  if (certainty === 'confident')
    return { title: `确定属于${where}`, why: `按95%同时置信度，抽样误差不改变这一结论${range ? `（${range}）` : ''}` };
  return { title: `可能属于${where}`, why: `按公布排名属于，但95%同时置信下${range ? `${range}跨过名额线` : '名次不能确定'}，也可能不属于` };
}

export type KindSummary = { kind: ActionKind; label: string; targets: string[] };

/**
 * Who gets what, by kind of action (表彰 … 免职, mildest first): each kind with the targets one
 * of whose actions orders it, by name, each once. Actions of rules that declare no kind are left
 * out here (they still show under their rule).
 * @example actionsByKind(actions)[0] // { kind: 'publicity', label: '公示曝光', targets: ['户政科', '出入境管理科'] }
 */
export function actionsByKind(actions: ConsequenceAction[]): KindSummary[] {
  const names = new Map<ActionKind, Set<string>>();
  for (const a of actions)
    for (const k of a.actions ?? []) {
      const set = names.get(k) ?? new Set<string>();
      set.add(a.name ?? a.targetId);
      names.set(k, set);
    }
  return ACTION_ORDER.filter((k) => names.has(k)).map((k) => ({ kind: k, label: ACTION_KINDS[k], targets: [...names.get(k)!] }));
}

/**
 * The certainty of every action of a round, keyed `<ruleId>/<targetId>`: the rule's cut in the
 * target's group (the first cut naming the rule) and the target's rank set.
 */
export function certainties(actions: ConsequenceAction[], result: RoundResult | null): Map<string, { title: string; why: string }> {
  const out = new Map<string, { title: string; why: string }>();
  const groups = new Map((result?.groups ?? []).map((g) => [g.group, g]));
  const targets = new Map((result?.targets ?? []).map((t) => [t.targetId, t]));
  for (const a of actions) {
    const cut = groups.get(a.group)?.cuts?.find((c) => c.ruleIds.includes(a.ruleId));
    const c = certaintyText(a.certainty, cut, targets.get(a.targetId)?.rankSet);
    if (c) out.set(`${a.ruleId}/${a.targetId}`, c);
  }
  return out;
}
