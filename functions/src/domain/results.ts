import { AppError } from '@shared/errors';
import { ScoringInputError, scoreRound, type RoundResult } from '@shared/scoring';
import type { TargetInputsRequest } from '@shared/api/results';
import { getRoundOrThrow } from './rounds-admin';
import { isRoundTarget } from './round-rules';
import type { Deps } from './deps';
import { roundFacts } from './round-facts';

/** Stores supervisor-entered facts for targets of the round (each must be a round target). */
export async function putTargetInputs(deps: Deps, roundId: string, req: TargetInputsRequest): Promise<void> {
  const round = await getRoundOrThrow(deps, roundId);
  const nodes = await deps.store.org.getNodes(req.targets.map((t) => t.targetId));
  const bad = req.targets.filter((t) => !nodes.get(t.targetId) || !isRoundTarget(round, nodes.get(t.targetId)!)).map((t) => t.targetId);
  if (bad.length > 0) throw new AppError('TARGET_NOT_IN_ROUND', { targetIds: bad });
  const updatedAt = deps.clock.now().toISOString();
  await deps.store.targetInputs.putTargetInputs(roundId, req.targets.map((t) => ({ ...t, updatedAt })));
}

/**
 * A round's scores as they stand: the round's facts (round-facts.ts: tallies less voids, entered
 * facts, misconduct records, ledger deductions, published history) run through the same pure
 * engine `npm run score` uses, so anyone can reproduce the numbers offline.
 */
export async function roundResults(deps: Deps, roundId: string): Promise<RoundResult> {
  const { scheme, facts } = await roundFacts(deps, roundId);
  return score(scheme, facts);
}

export function score(scheme: Parameters<typeof scoreRound>[0], facts: Parameters<typeof scoreRound>[1]): RoundResult {
  try {
    return scoreRound(scheme, facts);
  } catch (e) {
    if (e instanceof ScoringInputError && e.issues.length > 0) {
      // History problems name round, target and field (Chinese `message`) for the office.
      const code = e.issues.some((i) => i.code === 'HISTORY_INCONSISTENT') ? 'HISTORY_INCONSISTENT' : 'HISTORY_INCOMPLETE';
      throw new AppError(code, { issues: e.issues.slice(0, 50), problems: e.problems.slice(0, 50) });
    }
    if (e instanceof ScoringInputError) throw new AppError('SCORING_INPUT_INVALID', { problems: e.problems.slice(0, 50) });
    throw e;
  }
}
