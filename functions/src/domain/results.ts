import { AppError } from '@shared/errors';
import { ScoringInputError, scoreRound, type IncompleteInputs, type RoundResult } from '@shared/scoring';
import type { TargetInputsRequest } from '@shared/api/results';
import type { TargetInputRow } from '@shared/api/target-inputs';
import type { FieldValue } from '@shared/target-inputs/fields';
import type { Deps } from './deps';
import { roundFacts } from './round-facts';

/**
 * The older whole-record body (`{ targets: [{ targetId, served, inputs … }] }`), read as field
 * changes: the fields it names are set, every other field stays (it used to replace the record).
 */
export function rowsOfLegacyBody(req: TargetInputsRequest): TargetInputRow[] {
  return req.targets.map((t) => {
    const set: Record<string, FieldValue> = {};
    if (t.served !== undefined) set.served = t.served;
    if (t.misconduct !== undefined) set.misconduct = t.misconduct;
    for (const [k, v] of Object.entries(t.inputs ?? {})) set[`inputs.${k}`] = v;
    for (const [k, v] of Object.entries(t.records ?? {})) set[`records.${k}`] = v;
    for (const [k, v] of Object.entries(t.channels ?? {})) if (v) set[`channels.${k}`] = v;
    return { targetId: t.targetId, set };
  });
}

/**
 * A round's scores as they stand: the round's facts (round-facts.ts: tallies less voids, entered
 * facts, misconduct records, ledger deductions, published history) run through the same pure
 * engine `npm run score` uses, so anyone can reproduce the numbers offline.
 */
export async function roundResults(deps: Deps, roundId: string): Promise<RoundResult> {
  const { scheme, facts } = await roundFacts(deps, roundId);
  return score(scheme, facts, 'list');
}

/**
 * `list` (live results): a target's pending inputs are listed on it (待录入) and everything else
 * is scored; `refuse`: any problem answers SCORING_INPUT_INVALID.
 */
export function score(scheme: Parameters<typeof scoreRound>[0], facts: Parameters<typeof scoreRound>[1], incomplete: IncompleteInputs = 'refuse'): RoundResult {
  try {
    return scoreRound(scheme, facts, { incomplete });
  } catch (e) {
    if (e instanceof ScoringInputError) throw new AppError('SCORING_INPUT_INVALID', { problems: e.problems.slice(0, 50) });
    throw e;
  }
}
