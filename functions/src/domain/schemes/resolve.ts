import type { SchemeForms } from '@shared/model/scheme-forms';
import type { StoredScheme } from '@shared/api/schemes';
import type { Scheme } from '@shared/scoring/scheme';
import { canonicalJson, sha256Hex } from '../crypto';
import type { SchemeStore } from './port';

/** Which scheme, at which version; a round or programme is one (no version: 1, a preset as it was). */
export interface SchemeRef {
  schemeId: string;
  schemeVersion?: number;
}

/** Reads a scheme version's body: presets from code, stored versions from the store (cached). */
export type SchemeResolver = (ref: SchemeRef) => Promise<SchemeForms | undefined>;

/** Preset lookup: id → body (tests add their own pipeline scheme). */
export type PresetLookup = (id: string) => SchemeForms | undefined;

/** When presets were seeded: their version 1 has no real creation time. */
export const PRESET_CREATED_AT = '2026-01-01T00:00:00.000Z';
export const PRESET_AUTHOR = '系统预置';

/**
 * The resolver every use case reads schemes through. A stored version never changes, so its body
 * is kept in memory under `id@version` for the life of the container: the ballot path reads a
 * round's scheme without a store round trip after the first ballot. Presets resolve as version 1
 * of their id (a preset id has no other version; a stored id never shadows a preset).
 * @example await resolver({ schemeId: 'tonghe' }) // the preset; { schemeId: 'th-2026', schemeVersion: 2 } → the stored v2
 */
export function cachedResolver(presets: PresetLookup, store: () => SchemeStore): SchemeResolver {
  const cache = new Map<string, SchemeForms>();
  return async ({ schemeId, schemeVersion }) => {
    const version = schemeVersion ?? 1;
    const preset = presets(schemeId);
    if (preset) return version === 1 ? preset : undefined;
    const key = `${schemeId}@${version}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const stored = await store().getVersion(schemeId, version);
    if (stored) cache.set(key, stored.body);
    return stored?.body;
  };
}

/** sha256 of the body's canonical JSON: what programmes and snapshots pin. */
export const bodyDigest = (body: SchemeForms): string => sha256Hex(canonicalJson(body));

/** A preset read as a stored scheme: version 1 of its id, read-only. */
export function presetStored(body: SchemeForms): StoredScheme {
  return { schemeId: body.id, name: body.name, version: 1, author: PRESET_AUTHOR, createdAt: PRESET_CREATED_AT, preset: true, body: body as Scheme, digest: bodyDigest(body) };
}
