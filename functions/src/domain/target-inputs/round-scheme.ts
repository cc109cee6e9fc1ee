import { AppError } from '@shared/errors';
import { Scheme } from '@shared/scoring';
import type { Round } from '@shared/model/round';
import type { Deps } from '../deps';

/**
 * The scheme a round is scored by, validated. The one place the workbook use cases resolve it:
 * today the preset registry (`deps.schemes`); when schemes are stored and versioned this becomes
 * the round's pinned version, and the workbook code, which takes a `Scheme` value, is unchanged.
 * Async so a store read can take its place.
 */
export async function roundScheme(deps: Deps, round: Round): Promise<Scheme> {
  const parsed = Scheme.safeParse(deps.schemes(round.schemeId));
  if (!parsed.success) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
  return parsed.data;
}
