import { Scheme, type SchemeInput } from '../scoring/scheme';
import { efficiencyOffice } from './efficiency-office';
import { ganquan } from './ganquan';
import { haochaping } from './haochaping';
import { luxi } from './luxi';
import { nanchuan } from './nanchuan';
import { tonghe } from './tonghe';

/**
 * The preset schemes, each parsed (defaults filled, cross-references checked) on first use and
 * kept. Parsing all six at load cost a Lambda cold start ≈ 20 ms CPU; now the first request
 * that reads a round's scheme pays for that one preset, once per container (≈ 10 ms for the
 * first, the Scheme validator's first run; 1–6 ms for each further one). A preset that does
 * not validate still cannot ship: tests/unit/scoring/engine.test.ts parses every one, and its
 * first use throws, never silently.
 */
const SOURCES: SchemeInput[] = [ganquan, luxi, tonghe, nanchuan, efficiencyOffice, haochaping];

const parsed = new Map<string, Scheme>();
const parse = (source: SchemeInput): Scheme => {
  let scheme = parsed.get(source.id);
  if (!scheme) parsed.set(source.id, (scheme = Scheme.parse(source)));
  return scheme;
};

/** Every preset by id; reading one parses it (once). Enumerable, so Object.keys/entries work. */
export const SCHEME_PRESETS: Record<string, Scheme> = Object.defineProperties(
  {} as Record<string, Scheme>,
  Object.fromEntries(SOURCES.map((s) => [s.id, { enumerable: true, get: () => parse(s) }])),
);

/** Preset ids in a stable order. */
export const SCHEME_PRESET_IDS: string[] = SOURCES.map((s) => s.id);

/**
 * A preset by id, or undefined.
 * @example getSchemePreset('ganquan')?.grades?.bands[0]?.label // '满意'
 */
export function getSchemePreset(id: string): Scheme | undefined {
  // hasOwnProperty rather than Object.hasOwn: older WeChat JS engines lack the ES2022 built-in.
  return Object.prototype.hasOwnProperty.call(SCHEME_PRESETS, id) ? SCHEME_PRESETS[id] : undefined;
}
