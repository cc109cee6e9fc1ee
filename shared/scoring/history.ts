import { compareValues } from './compare';
import type { TargetView } from './conditions';
import { ScoringInputError, type ScoringIssue } from './errors';
import type { PastTarget, RoundFacts, RoundPeriod } from './facts';
import type { TargetResult } from './result';
import { periodLabel, quarterSlot, yearSlot, type PeriodSlot } from './periods';
import type { HistoryUnit, Scheme } from './scheme';

/**
 * The history a round's consecutive and count rules read, prepared once per round.
 *
 * Strictness: a past entry is read through a view whose fields throw when the entry lacks them,
 * so a rule's condition either reads what it needs or the round is refused (HISTORY_INCOMPLETE)
 * — never a default that fires or silences a consequence. Conditions short-circuit (`any` stops at
 * the first branch that holds), so a field a condition never reaches is never required: a past
 * 满意度 under 75% makes 甘泉's 低于75%或处于末位 hold whatever the rank.
 *
 * Periods: rules count rounds (the list as given), calendar quarters or programme years. For
 * quarters and years each round gets a slot index; "consecutive" means the slot before, so a
 * missing quarter or year breaks a streak. A round whose period is not of the rule's unit does
 * not judge the rule (a quarterly round never fires a year rule; `notes` says so).
 */
export type HistoryNote = { id: string; text: string; ruleIds: string[] };

/** One slot of a series: the round in it, its label, and the targets by id. */
export type Slot = { roundId: string; label?: string; targets: Map<string, PastTarget> };

/** The rounds a rule of one unit reads: this round's index and the earlier slots by index. */
export type Series = { index: number; roundId: string; label?: string; past: Map<number, Slot> };

export type HistoryContext = {
  /** The series of each unit; null: this round does not judge rules of that unit. */
  series: Record<HistoryUnit, Series | null>;
  /** A past target as a condition sees it; its fields throw MissingHistoryField when absent. */
  view: (target: PastTarget) => TargetView;
  /** Missing fields met while reading (deduplicated); the round is refused when any. */
  issues: ScoringIssue[];
  notes: HistoryNote[];
  record: (issue: ScoringIssue) => void;
  /** The Chinese name of a field, for messages. */
  fieldName: (field: string) => string;
};

/**
 * A published round's targets as history: every field a rule can read, copied from the engine's
 * own result, so a round scored on a scheme is always complete history for the next round on it.
 * @example pastTargetsOf(snapshot.results.targets)[0] // { targetId: 'w1', components: { satisfaction: { value: 0.9 } }, total: 0.9, grade: { id: 'satisfied' }, rank: 1, tieSize: 1, rankedCount: 3, misconduct: 0 }
 */
export function pastTargetsOf(targets: ReadonlyArray<Pick<TargetResult, 'targetId' | 'components' | 'total' | 'grade' | 'rank' | 'tieSize' | 'rankedCount' | 'misconduct'>>): PastTarget[] {
  return targets.map((t) => ({
    targetId: t.targetId,
    components: Object.fromEntries(Object.entries(t.components).map(([id, c]) => [id, { value: c.value }])),
    total: t.total,
    grade: t.grade ? { id: t.grade.id } : null,
    rank: t.rank,
    tieSize: t.tieSize,
    rankedCount: t.rankedCount,
    misconduct: t.misconduct,
  }));
}

/** Thrown by a past view when a condition reads a field the entry lacks. */
export class MissingHistoryField extends Error {
  constructor(readonly field: string) {
    super(`missing history field ${field}`);
  }
}

const FIELD_NAMES: Record<string, string> = {
  rank: '名次',
  rankedCount: '参加排名的单位数',
  tieSize: '并列单位数',
  total: '总分',
  grade: '等次',
  misconduct: '查实的违纪违法数',
  period: '评议期',
};

/**
 * The Chinese name of a history field for messages: 「参加排名的单位数（rankedCount）」.
 * @example fieldName(scheme, 'components.satisfaction') // '满意度（components.satisfaction）'
 */
export function fieldName(scheme: Scheme, field: string): string {
  if (field === 'total') return `总分（total，或 components.${scheme.total}）`;
  const id = field.startsWith('components.') ? field.slice('components.'.length) : undefined;
  const name = id ? (scheme.components.find((c) => c.id === id)?.label ?? id) : (FIELD_NAMES[field] ?? field);
  return `${name}（${field}）`;
}

/**
 * Checks the history against itself and the periods the scheme's rules count, and prepares the
 * series the rules read. Throws ScoringInputError (with structured issues) when an entry
 * contradicts itself or a period a rule needs is missing or does not fit.
 * @example prepareHistory(scheme, facts).series.year // null in a quarterly round
 */
export function prepareHistory(scheme: Scheme, facts: RoundFacts): HistoryContext {
  const issues: ScoringIssue[] = [...consistencyIssues(scheme, facts)];
  const units = new Set(scheme.rules.flatMap((r) => (r.history ? [r.history.unit] : [])));
  const calendarUnits = (['quarter', 'year'] as const).filter((u) => units.has(u));
  if (calendarUnits.length > 0 && facts.history.length > 0) issues.push(...periodIssues(scheme, facts, calendarUnits));
  if (issues.length > 0) throw historyError(issues);

  const slotOf = (r: { roundId: string; period?: RoundPeriod; targets: PastTarget[] }): Slot => ({
    roundId: r.roundId,
    ...(r.period ? { label: periodLabel(r.period, facts.yearStartMonth) } : {}),
    targets: new Map(r.targets.map((t) => [t.targetId, t])),
  });
  const byRound: Series = {
    index: facts.history.length,
    roundId: facts.roundId,
    ...(facts.period ? { label: periodLabel(facts.period, facts.yearStartMonth) } : {}),
    past: new Map(facts.history.map((r, i) => [i, slotOf(r)])),
  };
  const calendar = (unit: 'quarter' | 'year'): Series | null => {
    const slot = (p: RoundPeriod | undefined): PeriodSlot | null => {
      if (!p || p.kind !== unit) return null;
      const s = unit === 'quarter' ? quarterSlot(p) : yearSlot(p, facts.yearStartMonth);
      return 'problem' in s ? null : s;
    };
    const current = slot(facts.period);
    if (!current) return null;
    const past = new Map<number, Slot>();
    for (const r of facts.history) {
      const s = slot(r.period);
      if (s) past.set(s.index, { ...slotOf(r), label: s.label });
    }
    return { index: current.index, roundId: facts.roundId, label: current.label, past };
  };

  const notes: HistoryNote[] = [];
  const series = { round: byRound, quarter: units.has('quarter') ? calendar('quarter') : null, year: units.has('year') ? calendar('year') : null };
  const here = facts.period ? periodLabel(facts.period, facts.yearStartMonth) : undefined;
  for (const unit of calendarUnits) {
    if (series[unit] || !facts.period || facts.period.kind === unit) continue;
    const rules = scheme.rules.filter((r) => r.history?.unit === unit);
    const names = rules.map((r) => `“${r.label}”`).join('、');
    notes.push(
      unit === 'year'
        ? { id: 'year_rules_annual_round', text: `按年计的规则（${names}）只在年度评议中判定，本轮（${here}）不判定；季度、月度评议的结果不计为年度结果。`, ruleIds: rules.map((r) => r.id) }
        : { id: 'quarter_rules_quarterly_round', text: `按季度计的规则（${names}）只在季度评议中判定，本轮（${here}）不判定。`, ruleIds: rules.map((r) => r.id) },
    );
  }

  const seen = new Set<string>();
  const ctx: HistoryContext = {
    series,
    view: (target) => strictView(scheme, target),
    issues: [],
    notes,
    fieldName: (field) => fieldName(scheme, field),
    record: (issue) => {
      const key = `${issue.roundId}\u0000${issue.targetId ?? ''}\u0000${issue.field ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      ctx.issues.push(issue);
    },
  };
  return ctx;
}

/** The error for history issues: one readable problem line per issue. */
export function historyError(issues: ScoringIssue[]): ScoringInputError {
  return new ScoringInputError(
    issues.map((i) => `history.${i.roundId}${i.targetId ? `.${i.targetId}` : ''}${i.field ? `.${i.field}` : ''}: ${i.code} ${i.message}`),
    issues,
  );
}

/**
 * The past entry as a condition sees it. Each field is a getter that throws MissingHistoryField
 * when the entry lacks it. A past `total` and the scheme's total component are one number: a
 * rule on 甘泉's `satisfaction` reads a past `total`, a rule on `total` reads
 * `components.<scheme.total>`.
 */
function strictView(scheme: Scheme, t: PastTarget): TargetView {
  const need = <T>(field: string, v: T | undefined): T => {
    if (v === undefined) throw new MissingHistoryField(field);
    return v;
  };
  const totalValue = (): number | null => {
    if (t.total !== undefined) return t.total;
    const c = t.components?.[scheme.total];
    if (c !== undefined) return c.value;
    throw new MissingHistoryField('total');
  };
  const values: Record<string, number | null> = {};
  for (const id of new Set([...scheme.components.map((c) => c.id), 'total'])) {
    Object.defineProperty(values, id, {
      enumerable: true,
      get: () => {
        if (id === 'total') return totalValue();
        const c = t.components?.[id];
        if (c !== undefined) return c.value;
        if (id === scheme.total) return totalValue();
        throw new MissingHistoryField(`components.${id}`);
      },
    });
  }
  // Written as getters so a condition reads a field only when it needs it; typed as TargetView
  // so a field added to the view must be given here too (a past view never guesses one).
  const view: TargetView = {
    values,
    get grade() {
      return need('grade', t.grade)?.id ?? null;
    },
    get rank() {
      return need('rank', t.rank);
    },
    get tieSize() {
      return need('tieSize', t.tieSize);
    },
    get rankedCount() {
      return need('rankedCount', t.rankedCount);
    },
    get misconduct() {
      return need('misconduct', t.misconduct);
    },
  };
  return view;
}

/** Entries that contradict themselves: refused whether or not a rule reads them. */
function consistencyIssues(scheme: Scheme, facts: RoundFacts): ScoringIssue[] {
  const out: ScoringIssue[] = [];
  const bad = (roundId: string, targetId: string, field: string, message: string) =>
    out.push({ code: 'HISTORY_INCONSISTENT', roundId, targetId, field, message: `往期评议“${roundId}”中“${targetId}”的${fieldName(scheme, field)}${message}` });
  for (const r of facts.history) {
    const seen = new Set<string>();
    for (const t of r.targets) {
      if (seen.has(t.targetId)) bad(r.roundId, t.targetId, 'targetId', '重复列出');
      seen.add(t.targetId);
      if (t.rank !== undefined && t.rank !== null && t.rankedCount !== undefined) {
        if (t.rank > t.rankedCount) bad(r.roundId, t.targetId, 'rank', `为第${t.rank}名，超过参加排名的单位数${t.rankedCount}`);
        else if (t.tieSize !== undefined && t.rank + t.tieSize - 1 > t.rankedCount) {
          bad(r.roundId, t.targetId, 'tieSize', `为${t.tieSize}（并列第${t.rank}名），超出参加排名的单位数${t.rankedCount}`);
        }
      }
      const component = t.components?.[scheme.total];
      if (t.total !== undefined && component !== undefined) {
        const a = t.total;
        const b = component.value;
        if ((a === null) !== (b === null) || (a !== null && b !== null && compareValues(a, b) !== 0)) {
          bad(r.roundId, t.targetId, 'total', `为${a ?? '空'}，与${fieldName(scheme, `components.${scheme.total}`)}的${b ?? '空'}不一致`);
        }
      }
    }
  }
  return out;
}

/** Periods the quarter and year rules need: present, whole, before this round, one round per slot. */
function periodIssues(scheme: Scheme, facts: RoundFacts, units: Array<'quarter' | 'year'>): ScoringIssue[] {
  const out: ScoringIssue[] = [];
  const ruleNames = scheme.rules
    .filter((r) => r.history && r.history.unit !== 'round')
    .map((r) => `“${r.id}”`)
    .join('、');
  if (!facts.period) {
    out.push({ code: 'HISTORY_INCOMPLETE', roundId: facts.roundId, field: 'period', message: `本轮评议“${facts.roundId}”缺少评议期（period），规则${ruleNames}按季度或年度计数，需要评议期` });
  }
  for (const r of facts.history) {
    if (!r.period) out.push({ code: 'HISTORY_INCOMPLETE', roundId: r.roundId, field: 'period', message: `往期评议“${r.roundId}”缺少评议期（period），规则${ruleNames}按季度或年度计数，需要评议期` });
  }
  if (!facts.period) return out;
  for (const unit of units) {
    if (facts.period.kind !== unit) continue;
    const slotOf = (p: RoundPeriod) => (unit === 'quarter' ? quarterSlot(p) : yearSlot(p, facts.yearStartMonth));
    const current = slotOf(facts.period);
    if ('problem' in current) {
      out.push({ code: 'HISTORY_INCONSISTENT', roundId: facts.roundId, field: 'period', message: `本轮评议“${facts.roundId}”的${current.problem}` });
      continue;
    }
    const taken = new Map<number, string>();
    for (const r of facts.history) {
      if (!r.period || r.period.kind !== unit) continue;
      const s = slotOf(r.period);
      if ('problem' in s) {
        out.push({ code: 'HISTORY_INCONSISTENT', roundId: r.roundId, field: 'period', message: `往期评议“${r.roundId}”的${s.problem}` });
      } else if (s.index >= current.index) {
        out.push({ code: 'HISTORY_INCONSISTENT', roundId: r.roundId, field: 'period', message: `往期评议“${r.roundId}”（${s.label}）不在本轮（${current.label}）之前` });
      } else if (taken.has(s.index)) {
        out.push({ code: 'HISTORY_INCONSISTENT', roundId: r.roundId, field: 'period', message: `往期评议“${r.roundId}”与“${taken.get(s.index)}”同为${s.label}，每个${unit === 'quarter' ? '季度' : '年度'}只能有一轮结果` });
      } else taken.set(s.index, r.roundId);
    }
  }
  return out;
}
