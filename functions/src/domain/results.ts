import { AppError } from '@shared/errors';
import { ancestorAt, type OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import { Scheme, ScoringInputError, scoreRound, type RoundResult } from '@shared/scoring';
import type { TargetInputsRequest, TargetTally } from '@shared/api/results';
import { getRoundOrThrow } from './rounds-admin';
import { isRoundTarget } from './round-rules';
import type { Deps } from './deps';
import type { TargetInputs } from '../ports';
import { roundTallies } from './tallies';

/**
 * A round's scores: tallies from the counter shards turned into round facts and run through
 * the same pure engine `npm run score` uses, so anyone can reproduce the numbers offline.
 * Inputs that other parts of the product will supply (work assessment, served counts,
 * rectification records, earlier published rounds) are absent until those parts exist.
 */
/** Stores supervisor-entered facts for targets of the round (each must be a round target). */
export async function putTargetInputs(deps: Deps, roundId: string, req: TargetInputsRequest): Promise<void> {
  const round = await getRoundOrThrow(deps, roundId);
  const nodes = await deps.store.org.getNodes(req.targets.map((t) => t.targetId));
  const bad = req.targets.filter((t) => !nodes.get(t.targetId) || !isRoundTarget(round, nodes.get(t.targetId)!)).map((t) => t.targetId);
  if (bad.length > 0) throw new AppError('TARGET_NOT_IN_ROUND', { targetIds: bad });
  const updatedAt = deps.clock.now().toISOString();
  await deps.store.targetInputs.putTargetInputs(roundId, req.targets.map((t) => ({ ...t, updatedAt })));
}

export async function roundResults(deps: Deps, roundId: string): Promise<RoundResult> {
  const tallies = await roundTallies(deps, roundId);
  const round = (await deps.store.rounds.getRound(roundId))!;
  const scheme = deps.schemes(round.schemeId);
  const parsed = Scheme.safeParse(scheme);
  if (!parsed.success) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId, reason: 'not a scoring scheme' });
  const nodes = new Map((await deps.store.org.listNodesOfKind(round.targetKind)).map((n) => [n.id, n]));
  const entered = new Map((await deps.store.targetInputs.listTargetInputs(roundId)).map((i) => [i.targetId, i]));
  const facts = tallies.targets.map((t) => ({ ...targetFacts(round, parsed.data, t, nodes.get(t.targetId)), ...enteredFacts(entered.get(t.targetId)) }));
  try {
    return scoreRound(parsed.data, { roundId, targets: facts, history: [] });
  } catch (e) {
    if (e instanceof ScoringInputError) throw new AppError('SCORING_INPUT_INVALID', { problems: e.problems.slice(0, 50) });
    throw e;
  }
}

function targetFacts(round: Round, scheme: Scheme, tally: TargetTally, node: OrgNode | undefined) {
  return {
    targetId: tally.targetId,
    name: tally.targetName,
    group: groupOf(round, node) ?? tally.categoryId,
    // Same fallback as the ballot form: a formKey the scheme lacks means its default form.
    ...(node?.formKey && scheme.forms[node.formKey] ? { formKey: node.formKey } : {}),
    channels: tally.channels,
  };
}

function enteredFacts(t: TargetInputs | undefined) {
  if (!t) return {};
  return {
    ...(t.served !== undefined ? { served: t.served } : {}),
    ...(t.inputs ? { inputs: t.inputs } : {}),
    ...(t.records ? { records: t.records } : {}),
    ...(t.misconduct !== undefined ? { misconduct: t.misconduct } : {}),
  };
}

/** The nearest node on the target's path that the round maps to a scheme group. */
export function groupOf(round: Round, node: OrgNode | undefined): string | undefined {
  if (!node || !round.groupMap) return node ? ancestorAt(node, 'category') : undefined;
  for (const id of [...node.path].reverse()) if (round.groupMap[id]) return round.groupMap[id];
  return ancestorAt(node, 'category');
}
