import type { Deps } from '../deps';
import { bodyDigest, type SchemeRef } from '../schemes/resolve';

/**
 * The digest of a scheme version as the resolver serves it now: the sha256 of its canonical
 * JSON. A stored version never changes, so its digest never does; a preset (version 1 of its id)
 * is code, so an edit of the preset changes it and a round on it is refused instead of being
 * scored by rules its programme never had.
 * @example await schemeDigest(deps, { schemeId: 'nanchuan' }) // '3f0c…' (64 hex digits), undefined for an unknown id or version
 */
export async function schemeDigest(deps: Deps, ref: SchemeRef): Promise<string | undefined> {
  const scheme = await deps.schemes(ref);
  return scheme ? bodyDigest(scheme) : undefined;
}
