import { AppError } from '@shared/errors';
import { Scheme } from '@shared/scoring';
import type { Round } from '@shared/model/round';
import type { Deps } from '../deps';

/**
 * The scheme a round is scored by, validated: the version the round pins (`deps.schemes` reads
 * presets from code and stored versions from the store). The one place the workbook use cases
 * resolve it; they take a `Scheme` value.
 */
export async function roundScheme(deps: Deps, round: Round): Promise<Scheme> {
  const parsed = Scheme.safeParse(await deps.schemes(round));
  if (!parsed.success) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
  return parsed.data;
}
