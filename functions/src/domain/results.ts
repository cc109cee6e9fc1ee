import { AppError } from '@shared/errors';
import { ScoringInputError, scoreRound, type IncompleteInputs, type RoundResult } from '@shared/scoring';
import type { TargetInputsRequest } from '@shared/api/results';
import type { TargetInputRow } from '@shared/api/target-inputs';
import type { FieldValue } from '@shared/target-inputs/fields';
import { CHANNEL_LABELS, type ChannelKind } from '@shared/model/channel';
import type { Deps } from './deps';
import { composeFacts, roundSources, type RoundSources } from './round-facts';
import { recallResult, rememberable, rememberResult, sourcesDigest } from './results-cache/cache';

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
 * engine `npm run score` uses, so anyone can reproduce the numbers offline. Shared and frozen
 * when remembered: copy before changing.
 */
export async function roundResults(deps: Deps, roundId: string): Promise<RoundResult> {
  const sources = await roundSources(deps, roundId);
  if (!rememberable(sources)) return scoreSources(sources);
  // While nothing the engine is given has changed, the result is the one scored before
  // (results-cache/cache.ts): a ballot, an input, a void or a new published round is a new result.
  const digest = sourcesDigest(sources);
  return recallResult(deps.store, sources, digest) ?? rememberResult(deps.store, sources, digest, scoreSources(sources));
}

function scoreSources(sources: RoundSources): RoundResult {
  const { scheme, facts, clashes } = composeFacts(sources);
  return withImportClashes(score(scheme, facts, 'list'), clashes);
}

/**
 * Lists on each target an imported tally left out because ballots arrived on the same channel
 * (the ballots count; the office clears the tally or voids the ballots), so the round stays
 * readable and publication waits for it.
 */
export function withImportClashes(result: RoundResult, clashes: Map<string, ChannelKind[]>): RoundResult {
  if (clashes.size === 0) return result;
  return {
    ...result,
    targets: result.targets.map((t) => {
      const chs = clashes.get(t.targetId);
      if (!chs) return t;
      const pending = chs.map((ch) => ({ field: `channels.${ch}`, label: `导入的${CHANNEL_LABELS[ch]}计数（该渠道已有评价表入账，未计入）`, reason: 'invalid' as const }));
      return { ...t, missing: [...(t.missing ?? []), ...pending], flags: [...t.flags, { id: 'imported_tally_clash', label: '导入的计数与已入账的评价表重复，导入计数未计入' }] };
    }),
  };
}

/**
 * `list` (live results): a target's pending inputs are listed on it (待录入) and everything else
 * is scored; `refuse`: any problem answers SCORING_INPUT_INVALID.
 */
export function score(scheme: Parameters<typeof scoreRound>[0], facts: Parameters<typeof scoreRound>[1], incomplete: IncompleteInputs = 'refuse'): RoundResult {
  try {
    return scoreRound(scheme, facts, { incomplete });
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
