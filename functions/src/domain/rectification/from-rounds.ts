import { AppError } from '@shared/errors';
import type { RectificationTask, TaskView } from '@shared/rectification/task';
import type { Deps } from '../deps';
import { getRoundOrThrow } from '../rounds-admin';
import { readPublication } from '../publication';
import { sha256Hex } from '../crypto';
import { newTask, viewTask } from './tasks';

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
 * `item` with one of `values`, voided ballots excluded. The comment, if any, is the problem text.
 */
export async function tasksFromBallots(deps: Deps, actor: string, roundId: string, req: { item: string; values: string[]; deadlineWorkingDays: number }) {
  const round = await getRoundOrThrow(deps, roundId);
  const voided = new Set((await deps.store.review.listVoids(roundId)).map((v) => v.ballotId));
  const nodes = new Map((await deps.store.org.listNodes()).map((n) => [n.id, n]));
  const tasks: RectificationTask[] = [];
  for await (const b of deps.store.ballots.listBallots(roundId, round.tallyShards)) {
    if (voided.has(b.ballotId)) continue;
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
        problem: b.comment?.trim() ? `群众差评（回执 ${b.receiptId}）：${b.comment.trim()}` : `群众差评（回执 ${b.receiptId}）：${chosen.join('、')}`,
        deadlineWorkingDays: req.deadlineWorkingDays,
      }),
    );
  }
  return createAll(deps, tasks);
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
