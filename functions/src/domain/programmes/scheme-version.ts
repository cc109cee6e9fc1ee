import { canonicalJson, sha256Hex } from '../crypto';
import type { Deps } from '../deps';

/**
 * The scheme version a programme pins, until schemes are stored and versioned: the sha256 of
 * the canonical JSON of the scheme as `deps.schemes` serves it now. Any edit of the preset
 * (a weight, a band, a rule text) changes it, so a round on an edited preset is refused
 * instead of being scored by rules its programme never had.
 * @example schemeDigest(deps, 'nanchuan') // '3f0c…' (64 hex digits), undefined for an unknown id
 */
export function schemeDigest(deps: Deps, schemeId: string): string | undefined {
  const scheme = deps.schemes(schemeId);
  return scheme ? sha256Hex(canonicalJson(scheme)) : undefined;
}
