import type { Round } from '@shared/model/round';
import type { OrgNode } from '@shared/model/org';
import type { TargetTally } from '@shared/api/results';
import type { BallotForm } from '@shared/model/form';
import { getNodes, getResults, getRound, getTallies, listRounds } from '../../api/staff';
import type { TargetResult } from '../../api/staff';
import { ballotCount } from './tally-view';
import { axisLabels } from './trend-labels';
import type { TrendPoint } from '../components/trend-chart';

export type UnitTarget = { tally: TargetTally; node?: OrgNode; form?: BallotForm; result?: TargetResult };

export type UnitData = {
  rounds: Round[];
  round?: Round;
  targets: UnitTarget[];
  /** Score per round when the scheme engine answers, else ballots per round. */
  trend: { points: TrendPoint[]; label: string };
  hasResults: boolean;
};

const TREND_ROUNDS = 8;

/** Targets that belong to the unit (the unit itself and everything under it); all when no unit. */
function mine(unitId: string | undefined, nodes: Map<string, OrgNode>) {
  return (t: { targetId: string }) => !unitId || t.targetId === unitId || (nodes.get(t.targetId)?.path.includes(unitId) ?? false);
}

/** Rounds that have ballots to show, newest first. */
function readable(rounds: Round[]): Round[] {
  return rounds.filter((r) => r.status !== 'draft' && r.status !== 'cancelled').sort((a, b) => b.opensAt.localeCompare(a.opensAt));
}

/**
 * Everything the "my unit" page shows for one round, plus the trend over recent rounds.
 * Results come from the scheme engine when the server has it; until then the page shows the
 * raw tallies (ballots and answer shares) and says that scores are not published yet.
 */
export async function loadUnit(unitId: string | undefined, roundId?: string): Promise<UnitData> {
  const { rounds: all } = await listRounds();
  const rounds = readable(all);
  const round = rounds.find((r) => r.id === roundId) ?? rounds[0];
  if (!round) return { rounds, targets: [], trend: { points: [], label: '' }, hasResults: false };

  const [tallies, results, view] = await Promise.all([getTallies(round.id), getResults(round.id), getRound(round.id)]);
  const history = rounds.slice(0, TREND_ROUNDS).reverse();
  const past = await Promise.all(history.map((r) => Promise.all([getTallies(r.id), results ? getResults(r.id) : Promise.resolve(null)])));
  // Only the nodes these tallies name (for their paths and forms), never the whole tree.
  const named = [tallies, ...past.map(([t]) => t)].flatMap((t) => t.targets.map((x) => x.targetId));
  const byId = new Map((await getNodes(unitId ? named : tallies.targets.map((x) => x.targetId))).map((n) => [n.id, n]));
  const isMine = mine(unitId, byId);
  const resultOf = new Map((results?.targets ?? []).map((r) => [r.targetId, r]));
  const targets = tallies.targets.filter(isMine).map((tally) => {
    const node = byId.get(tally.targetId);
    return { tally, node, form: view.forms[node?.formKey ?? 'default'] ?? view.forms.default, result: resultOf.get(tally.targetId) };
  });

  const perRound = await Promise.all(
    history.map(async (r, i) => {
      const [t, res] = past[i]!;
      const scores = (res?.targets ?? []).filter(isMine).map((x) => x.total).filter((s): s is number => typeof s === 'number');
      const ballots = t.targets.filter(isMine).reduce((n, x) => n + ballotCount(x), 0);
      // Two rounds of one period would fall on one point of the axis: name the round then.
      const label = history.filter((h) => h.period.label === r.period.label).length > 1 ? r.name : r.period.label;
      return { round: label, score: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : undefined, ballots };
    }),
  );
  const useScores = results !== null && perRound.some((p) => p.score !== undefined);
  const shown = perRound.filter((p) => !useScores || p.score !== undefined);
  const axis = axisLabels(shown.map((p) => p.round));
  const points = shown.map((p, i) => ({ round: axis.labels[i]!, value: useScores ? Math.round(p.score! * 100) / 100 : p.ballots }));
  const label = `${axis.year ?? ''}${useScores ? '各轮得分' : '各轮评价数（份）'}`;
  return { rounds, round, targets, trend: { points, label }, hasResults: results !== null };
}
