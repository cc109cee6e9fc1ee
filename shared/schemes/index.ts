import { Scheme, type SchemeInput } from '../scoring/scheme';
import { efficiencyOffice } from './efficiency-office';
import { ganquan } from './ganquan';
import { haochaping } from './haochaping';
import { luxi } from './luxi';
import { nanchuan } from './nanchuan';
import { tonghe } from './tonghe';

/**
 * The preset schemes, parsed (defaults filled, cross-references checked) once at load: a
 * preset that does not validate fails every test and every cold start, never silently.
 */
const SOURCES: SchemeInput[] = [ganquan, luxi, tonghe, nanchuan, efficiencyOffice, haochaping];

export const SCHEME_PRESETS: Record<string, Scheme> = Object.fromEntries(SOURCES.map((s) => [s.id, Scheme.parse(s)]));

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
