import type { ChannelKind } from '../model/channel';
import { GRID } from './compare';
import { scoreComponents } from './component-scores';
import { isSilent, rankingChannels } from './basis';
import { conditionHolds, readsRank, resolveRankDefaults, type RankBounds, type TargetView } from './conditions';
import { groupCuts } from './cuts';
import { groupConfidence } from './group-confidence';
import { consequencesFor } from './consequences';
import { ScoringInputError } from './errors';
import { RoundFacts, type RoundFactsInput, type TargetFacts } from './facts';
import { checkRoundFacts, withoutPending, type IncompleteInputs, type PendingInput } from './facts-checks';
import { gradeFor } from './grading';
import { prepareHistory, historyError, type HistoryContext } from './history';
import { checkMix } from './mix';
import { rankGroup, type Placement, type RankEntry } from './ranking';
import type { ComponentScore, Consequence, GroupCut, GroupRanking, ResultFlag, RoundResult, ScoreInterval, TargetResult } from './result';
import type { Rule, Scheme } from './scheme';
import { answersOn, ballotsOn, type TargetTallies } from './tallies';

/** Chinese texts of the flags the engine itself raises (schemes add their own). */
export const ENGINE_FLAGS = {
  tied: '与其他单位名次并列',
  no_score: '没有可计分的评价，不参与排名',
  insufficient_ballots: '有效评价份数不足，不参与排名',
  interval_overlap: '与相邻名次的95%置信区间重叠，名次差异可能只是抽样误差',
  low_sample: '样本量偏小，结果仅供参考',
  weights_renormalised: '部分测评方式没有数据，其余权重按比例折算',
  mix_off_quota: '实际参评人员构成与规定比例不符',
  tied_at_cut: '名次并列且跨越名额线，按方案规定的并列规则处理',
  silent_worst: '测评表未收回或回收不足，按末位处理',
  missing_present: '到会代表人数待录入，该项暂不计分',
  inputs_pending: '有数据待录入或待更正，相关分项暂不计分',
  served_below_returned: '回收的评价表多于服务人次，回收率暂不计算',
} as const;

/** Options of scoreRound. `incomplete`: see IncompleteInputs (default `refuse`). */
export interface ScoreOptions {
  incomplete?: IncompleteInputs;
}

/**
 * Scores one round: scheme + facts → per target component scores, total, grade, rank in
 * group, flags and consequences. Pure and deterministic: the same inputs give the same JSON,
 * whatever the order of the targets. Throws ScoringInputError listing every problem when the
 * facts do not fit the scheme.
 * @example scoreRound(getSchemePreset('ganquan')!, { roundId: '2014', targets: [{ targetId: 'w1', served: 30, channels: { window: { ballots: 20, answers: { overall: { satisfied: 17, unsatisfied: 3 } } } } }] }).targets[0]?.grade // { id: 'satisfied', label: '满意' }
 */
export function scoreRound(schemeIn: Scheme, factsInput: RoundFactsInput, options: ScoreOptions = {}): RoundResult {
  const scheme = withRankDefaults(schemeIn);
  const parsed = RoundFacts.safeParse(factsInput);
  if (!parsed.success) throw new ScoringInputError(parsed.error.issues.map((i) => `${i.path.join('.') || '(facts)'}: ${i.message}`));
  const { tallies, problems, pending } = checkRoundFacts(scheme, parsed.data, options.incomplete);
  if (problems.length > 0) throw new ScoringInputError(problems);
  const facts = pending.size === 0 ? parsed.data : { ...parsed.data, targets: parsed.data.targets.map((t) => withoutPending(t, pending.get(t.targetId) ?? [])) };
  const history = prepareHistory(scheme, facts);

  const scored = facts.targets.map((t) => {
    const tt = tallies.get(t.targetId) ?? {};
    return { facts: t, tallies: tt, components: scoreComponents(scheme, t, tt) };
  });

  const placements = new Map<string, Placement>();
  const bounds = new Map<string, RankBounds>();
  const cutsOf = new Map<string, GroupCut[]>();
  const groups: GroupRanking[] = [];
  for (const group of groupIds(scheme, facts.targets)) {
    const members = scored.filter((s) => s.facts.group === group);
    const label = scheme.groups?.find((g) => g.id === group)?.label ?? facts.groupLabels?.[group] ?? group;
    if (!scheme.ranking) {
      groups.push({ group, label, order: [], notRanked: members.map((m) => m.facts.targetId).sort() });
      continue;
    }
    const ranking = scheme.ranking;
    const entries: RankEntry[] = members.map((m) => {
      const basis = m.components.get(ranking.basis ?? scheme.total);
      const view = viewOf(scheme, m.facts, m.components, m.tallies, null);
      return {
        targetId: m.facts.targetId,
        value: basis?.value ?? null,
        interval: basis?.interval ?? null,
        ballots: ranking.minBallots ? ballotsOn(m.tallies, ranking.minBallots.channels) : 0,
        forced: ranking.forceFirst ? conditionHolds(ranking.forceFirst.when, view) : false,
        silent: ranking.silent === 'worst' && isSilent(scheme, ranking, m.facts, m.tallies),
      };
    });
    const { placements: p, order } = rankGroup(entries, ranking);
    for (const [id, pl] of p) placements.set(id, pl);
    const confidence = groupConfidence(scheme, ranking, members, p);
    for (const [id, b] of confidence?.bounds ?? []) bounds.set(id, b);
    const views = members.map((m) => ({ targetId: m.facts.targetId, view: viewOf(scheme, m.facts, m.components, m.tallies, p.get(m.facts.targetId) ?? null, bounds.get(m.facts.targetId)) }));
    const cuts = groupCuts(
      scheme.rules.filter((r) => !r.groups || r.groups.includes(group)),
      ranking.direction,
      views,
    );
    cutsOf.set(group, cuts);
    groups.push({
      group,
      label,
      order,
      notRanked: members.map((m) => m.facts.targetId).filter((id) => !order.includes(id)).sort(),
      cuts,
      ...(confidence ? { confidence: confidence.info } : {}),
    });
  }

  const targets = scored.map((s) =>
    withPending(
      targetResult(scheme, facts, s.facts, s.tallies, s.components, placements.get(s.facts.targetId), history, bounds.get(s.facts.targetId), cutsOf.get(s.facts.group) ?? []),
      pending.get(s.facts.targetId) ?? [],
      options.incomplete === 'list',
    ),
  );
  // A history entry lacking a field a rule read: refused, never scored on a presumed value.
  if (history.issues.length > 0) throw historyError(history.issues);
  targets.sort((a, b) => (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0));
  return {
    schemeId: scheme.id,
    roundId: facts.roundId,
    ...(facts.period ? { period: facts.period } : {}),
    direction: scheme.ranking?.direction ?? null,
    groups,
    targets,
    ...(history.notes.length > 0 ? { notes: history.notes } : {}),
  };
}

/**
 * Lists a target's pending inputs (待录入) and flags it. A flag the scoring itself raised for a
 * missing attendance (`missing_present`: a hearing divided by representatives present) is listed too.
 */
function withPending(r: TargetResult, pending: PendingInput[], listing: boolean): TargetResult {
  if (!listing) return r;
  const missing = [...pending];
  if (r.flags.some((f) => f.id === 'missing_present') && !missing.some((p) => p.field.startsWith('present.'))) missing.push({ field: 'present.hearing', label: '到会人数（听证评议）', reason: 'missing' });
  if (missing.length === 0) return r;
  const flags = [...r.flags];
  if (missing.some((p) => p.reason === 'served_below_returned')) flags.push({ id: 'served_below_returned', label: ENGINE_FLAGS.served_below_returned });
  flags.push({ id: 'inputs_pending', label: ENGINE_FLAGS.inputs_pending, detail: missing.map((p) => p.label).join('；') });
  return { ...r, flags, missing };
}

function targetResult(
  scheme: Scheme,
  facts: RoundFacts,
  t: TargetFacts,
  tallies: TargetTallies,
  components: Map<string, ComponentScore>,
  placement: Placement | undefined,
  history: HistoryContext,
  rankBounds: RankBounds | undefined,
  cuts: GroupCut[],
): TargetResult {
  const view = viewOf(scheme, t, components, tallies, placement ?? null, rankBounds);
  const flags: ResultFlag[] = [];
  const total = components.get(scheme.total);
  let grade: TargetResult['grade'] = null;
  if (scheme.grades) {
    const g = gradeFor(scheme.grades, view);
    grade = g.grade;
    view.grade = g.grade?.id ?? null;
    if (g.flag) flags.push(g.flag);
  }
  if (scheme.ranking?.forceFirst && conditionHolds(scheme.ranking.forceFirst.when, view)) flags.push(scheme.ranking.forceFirst.flag);
  if (placement?.notRanked) flags.push({ id: `not_ranked_${placement.notRanked}`, label: ENGINE_FLAGS[placement.notRanked] });
  if (placement && placement.tieSize > 1) flags.push({ id: 'tied', label: ENGINE_FLAGS.tied, detail: `${placement.tieSize} 个单位并列第 ${placement.rank} 名` });
  for (const cut of cuts) if (cut.tie?.targetIds.includes(t.targetId)) flags.push({ id: 'tied_at_cut', label: ENGINE_FLAGS.tied_at_cut, detail: cut.text });
  if (placement?.silent) flags.push({ id: 'silent_worst', label: ENGINE_FLAGS.silent_worst, detail: silentDetail(scheme, t, tallies) });
  const missingPresent = [...components.values()].filter((c) => c.missingInputs?.some((m) => m.startsWith('present.')));
  if (missingPresent.length > 0) flags.push({ id: 'missing_present', label: ENGINE_FLAGS.missing_present, detail: missingPresent.map((c) => `${c.label}：${(c.missingInputs ?? []).join(', ')}`).join('；') });
  if (placement?.overlapsPrevious || placement?.overlapsNext) flags.push({ id: 'interval_overlap', label: ENGINE_FLAGS.interval_overlap });
  const small = [...components.values()].filter((c) => c.interval?.lowSample && c.interval.method !== 'envelope' && (c.interval.n ?? 0) > 0);
  if (small.length > 0) flags.push({ id: 'low_sample', label: ENGINE_FLAGS.low_sample, detail: small.map((c) => `${c.label} n=${c.interval?.n ?? 0}`).join('；') });
  const renormalised = [...components.values()].filter((c) => c.value !== null && c.missingParts && c.missingParts.length > 0);
  if (renormalised.length > 0) flags.push({ id: 'weights_renormalised', label: ENGINE_FLAGS.weights_renormalised, detail: renormalised.flatMap((c) => c.missingParts ?? []).join(', ') });

  const formKey = t.formKey ?? 'default';
  const mixScheme = scheme.evaluatorMix?.[formKey];
  let mix: TargetResult['mix'];
  if (mixScheme) {
    const counts = t.evaluatorCounts ?? (mixScheme.item ? countsOf(tallies, mixScheme.item) : undefined);
    if (counts) {
      mix = { formKey, ...checkMix(mixScheme, counts) };
      if (!mix.withinTolerance) flags.push({ id: 'mix_off_quota', label: ENGINE_FLAGS.mix_off_quota });
    }
  }

  return {
    targetId: t.targetId,
    ...(t.name === undefined ? {} : { name: t.name }),
    group: t.group,
    components: Object.fromEntries([...components].map(([id, c]) => [id, reported(c)])),
    total: onGrid(total?.value ?? null),
    totalInterval: total?.interval ? reportedInterval(total.interval) : null,
    grade,
    rank: placement?.rank ?? null,
    tieSize: placement?.tieSize ?? 1,
    tied: (placement?.tieSize ?? 1) > 1,
    rankedCount: placement?.rankedCount ?? 0,
    overlapsPrevious: placement?.overlapsPrevious ?? null,
    overlapsNext: placement?.overlapsNext ?? null,
    ...(scheme.ranking ? { rankSet: rankBounds && placement?.rank != null ? { lower: 1 + rankBounds.ahead, upper: placement.rankedCount - rankBounds.behind } : null } : {}),
    misconduct: t.misconduct,
    ...(mix ? { mix } : {}),
    flags,
    consequences: consequencesFor(scheme.rules, { roundId: facts.roundId, targetId: t.targetId, group: t.group, view }, history).flatMap((c) => withCertainty(scheme, c, view)),
  };
}

/**
 * A rank rule's consequence says whether this round's place is certain (rank-confidence.ts);
 * a rule with `confidence: 'required'` is dropped when it is not. Past rounds are read as
 * published: the certainty is about this round.
 */
function withCertainty(scheme: Scheme, c: Consequence, view: TargetView): Consequence[] {
  const rule = scheme.rules.find((r) => r.id === c.ruleId);
  if (!rule || !view.rankBounds || !readsRank(rule.when)) return [c];
  const confident = conditionHolds(rule.when, view, 'confident');
  if (rule.confidence === 'required' && !confident) return [];
  return [{ ...c, certainty: confident ? 'confident' : 'possible' }];
}

/** The scheme with every rank condition's cut rule written out (conditions.ts resolveRankDefaults). */
function withRankDefaults(scheme: Scheme): Scheme {
  const ranking = scheme.ranking;
  if (!ranking) return scheme;
  const resolve = (c: Rule['when']) => resolveRankDefaults(c, ranking.direction, ranking.quota);
  return {
    ...scheme,
    rules: scheme.rules.map((r) => ({ ...r, when: resolve(r.when) })),
    ...(scheme.grades ? { grades: { ...scheme.grades, overrides: scheme.grades.overrides.map((o) => ({ ...o, when: resolve(o.when) })) } } : {}),
  };
}

function silentDetail(scheme: Scheme, t: TargetFacts, tallies: TargetTallies): string {
  const channels = scheme.ranking ? rankingChannels(scheme, scheme.ranking, t.group) : [];
  const back = `收回 ${ballotsOn(tallies, channels)} 份`;
  return t.served === undefined ? back : `${back}，服务 ${t.served} 人`;
}

/**
 * Reported numbers sit on the comparison grid (1e-9), the same grid every threshold and tie was
 * decided on, so a published 82.8 reads 82.8 and not 82.80000000000001.
 */
function onGrid(x: number | null): number | null {
  return x === null ? null : Math.round(x * GRID) / GRID;
}

function reportedInterval(i: ScoreInterval): ScoreInterval {
  return { ...i, lower: onGrid(i.lower) ?? 0, upper: onGrid(i.upper) ?? 0 };
}

function reported(c: ComponentScore): ComponentScore {
  return {
    ...c,
    value: onGrid(c.value),
    interval: c.interval ? reportedInterval(c.interval) : null,
    ...(c.breakdown ? { breakdown: c.breakdown.map((b) => ({ ...b, share: onGrid(b.share), interval: reportedInterval(b.interval) })) } : {}),
  };
}

function viewOf(scheme: Scheme, t: TargetFacts, components: Map<string, ComponentScore>, tallies: TargetTallies, placement: Placement | null, rankBounds?: RankBounds): TargetView {
  const values: Record<string, number | null> = {};
  for (const [id, c] of components) values[id] = c.value;
  values.total = components.get(scheme.total)?.value ?? null;
  return {
    values,
    grade: null,
    rank: placement?.rank ?? null,
    tieSize: placement?.tieSize ?? 1,
    rankedCount: placement?.rankedCount ?? 0,
    misconduct: t.misconduct,
    countAnswers: (item: string, values: string[], channels?: ChannelKind[]) => answersOn(tallies, channels ?? (Object.keys(tallies) as ChannelKind[]), item, values),
    ...(rankBounds ? { rankBounds } : {}),
  };
}

function countsOf(tallies: TargetTallies, item: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const tally of Object.values(tallies)) for (const [v, n] of Object.entries(tally?.answers[item] ?? {})) out[v] = (out[v] ?? 0) + n;
  return out;
}

/** Groups in the scheme's order first, then any others by id (never by input order). */
function groupIds(scheme: Scheme, targets: TargetFacts[]): string[] {
  const present = new Set(targets.map((t) => t.group));
  const declared = (scheme.groups ?? []).map((g) => g.id).filter((g) => present.has(g));
  return [...declared, ...[...present].filter((g) => !declared.includes(g)).sort()];
}
