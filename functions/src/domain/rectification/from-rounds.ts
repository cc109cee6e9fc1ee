import { AppError } from '@shared/errors';
import type { RectificationTask, TaskView } from '@shared/rectification/task';
import type { Deps } from '../deps';
import { getRoundOrThrow } from '../rounds-admin';
import { readPublication } from '../publication';
import { sha256Hex } from '../crypto';
import { newTask, viewTask } from './tasks';
import { ballotTaskProblem, staffPhase } from '@shared/privacy/disclosure';
import type { Round } from '@shared/model/round';
import type { StoredVoid } from '../../ports';
import { roundTallies } from '../tallies';
import { disclosedBatches } from '../disclosure/batches';

/** Creates the tasks that do not exist yet (ids are derived from their source, so a re-run adds nothing). */
async function createAll(deps: Deps, tasks: RectificationTask[]) {
  const out: TaskView[] = [];
  let created = 0;
  for (const t of tasks) {
    if (await deps.store.tasks.createTask(t)) created++;
    out.push(viewTask(deps, (await deps.store.tasks.getTask(t.taskId))!));
  }
  return { created, existing: tasks.length - created, tasks: out };
}

/**
 * One task per negative ballot (national 好差评: every 差评 is followed up): ballots that answered
 * `item` with one of `values`, voided ballots excluded. The comment, scrubbed, is the problem text.
 * A task is something the unit reads, so the disclosure policy applies: while the round is open
 * only ballots inside their target's last disclosed batch become tasks (none when the round shows
 * staff nothing until it closes), so a new task never points at the ballot that just came in.
 */
export async function tasksFromBallots(deps: Deps, actor: string, roundId: string, req: { item: string; values: string[]; deadlineWorkingDays: number }) {
  const round = await getRoundOrThrow(deps, roundId);
  const voids = await deps.store.review.listVoids(roundId);
  const voided = new Set(voids.map((v) => v.ballotId));
  const shown = await disclosedSince(deps, round, voids);
  const nodes = new Map((await deps.store.org.listNodes()).map((n) => [n.id, n]));
  const tasks: RectificationTask[] = [];
  for await (const b of deps.store.ballots.listBallots(roundId, round.tallyShards)) {
    if (voided.has(b.ballotId) || !shown(b)) continue;
    const answer = b.answers[req.item];
    const chosen = Array.isArray(answer) ? answer : answer === undefined ? [] : [answer];
    if (!chosen.some((v) => req.values.includes(String(v)))) continue;
    const node = nodes.get(b.targetId);
    if (!node) continue;
    tasks.push(
      newTask(deps, actor, {
        taskId: `TB${sha256Hex(`${roundId}|${b.ballotId}`).slice(0, 14)}`,
        node,
        roundId,
        source: 'ballot',
        sourceRef: b.receiptId,
        // What the unit's staff read (shared/privacy/disclosure.ts): the scrubbed comment, no receipt id.
        problem: ballotTaskProblem(chosen, b.comment),
        deadlineWorkingDays: req.deadlineWorkingDays,
      }),
    );
  }
  return createAll(deps, tasks);
}

/** Which ballots the unit may see by now: all once the round is closed, else those before their target's batch. */
async function disclosedSince(deps: Deps, round: Round, voids: StoredVoid[]): Promise<(b: { targetId: string; receivedAt: string }) => boolean> {
  const phase = staffPhase(round);
  if (phase.phase === 'final') return () => true;
  if (phase.phase === 'withheld') return () => false;
  const live = await roundTallies(deps, round.id);
  const batches = await disclosedBatches(deps, round, phase.k, live, live.targets.map((t) => t.targetId), voids);
  return (b) => {
    const before = batches.get(b.targetId)?.before;
    return before !== undefined && b.receivedAt < before;
  };
}

/** One task per target on which one of `ruleIds` fired in the latest published version (排名靠后、被点名). */
export async function tasksFromResults(deps: Deps, actor: string, roundId: string, req: { ruleIds: string[]; deadlineWorkingDays: number }) {
  const { snapshot } = await readPublication(deps, roundId);
  const nodes = await deps.store.org.getNodes(snapshot.results.targets.map((t) => t.targetId));
  const tasks: RectificationTask[] = [];
  for (const t of snapshot.results.targets) {
    for (const c of t.consequences.filter((c) => req.ruleIds.includes(c.ruleId))) {
      const node = nodes.get(t.targetId);
      if (!node) throw new AppError('TARGET_NOT_FOUND', { targetIds: [t.targetId] });
      const problems = (snapshot.mainProblems[t.targetId] ?? []).map((p) => `${p.label}（${p.count}）`).join('；');
      tasks.push(
        newTask(deps, actor, {
          taskId: `TR${sha256Hex(`${roundId}|${t.targetId}|${c.ruleId}`).slice(0, 14)}`,
          node,
          roundId,
          source: 'ranking',
          sourceRef: c.ruleId,
          problem: `${snapshot.round.name}：${c.label}${t.rank ? `（第${t.rank}名）` : ''}${problems ? `。主要问题：${problems}` : ''}`,
          deadlineWorkingDays: c.deadlineWorkingDays ?? req.deadlineWorkingDays,
        }),
      );
    }
  }
  return createAll(deps, tasks);
}
