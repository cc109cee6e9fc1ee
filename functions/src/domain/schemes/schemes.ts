import { AppError } from '@shared/errors';
import type { CloneSchemeRequest, NewSchemeVersionRequest, SchemeDetailResponse, SchemeDiffResponse, SchemeListResponse, SchemeProblem, StoredScheme } from '@shared/api/schemes';
import { SCHEME_PRESET_IDS } from '@shared/schemes';
import { checkSchemeBody } from '@shared/schemes/validate';
import { diffSchemes } from '@shared/schemes/diff';
import type { Scheme } from '@shared/scoring/scheme';
import type { Deps } from '../deps';
import { bodyDigest, presetStored } from './resolve';

/**
 * One version of a scheme (presets: version 1), or undefined. Without `version`, the latest.
 * @example await schemeVersion(deps, 'tonghe') // the preset as a StoredScheme
 */
export async function schemeVersion(deps: Deps, schemeId: string, version?: number): Promise<StoredScheme | undefined> {
  const preset = deps.presets(schemeId);
  if (preset) return version === undefined || version === 1 ? presetStored(preset) : undefined;
  const latest = version ?? (await deps.store.schemes.getHead(schemeId))?.latestVersion;
  return latest === undefined ? undefined : deps.store.schemes.getVersion(schemeId, latest);
}

export async function schemeVersionOrThrow(deps: Deps, schemeId: string, version?: number): Promise<StoredScheme> {
  const found = await schemeVersion(deps, schemeId, version);
  if (!found) throw new AppError('SCHEME_NOT_FOUND', { schemeId, ...(version === undefined ? {} : { version }) });
  return found;
}

/** `id@version` of every version some round or programme is pinned to. */
async function pinnedVersions(deps: Deps): Promise<Set<string>> {
  const [rounds, programmes] = await Promise.all([deps.store.rounds.listRounds(), deps.store.programmes.listProgrammes()]);
  return new Set([...rounds, ...programmes].map((x) => `${x.schemeId}@${x.schemeVersion ?? 1}`));
}

/** Presets first (in their order), then the county's own schemes by id. */
export async function listSchemes(deps: Deps): Promise<SchemeListResponse> {
  const [heads, pinned] = await Promise.all([deps.store.schemes.listHeads(), pinnedVersions(deps)]);
  const inUse = (id: string) => [...pinned].some((p) => p.startsWith(`${id}@`));
  const presets = SCHEME_PRESET_IDS.flatMap((id) => {
    const body = deps.presets(id);
    return body ? [{ schemeId: id, name: body.name, latestVersion: 1, preset: true, updatedAt: presetStored(body).createdAt, inUse: inUse(id) }] : [];
  });
  const own = heads
    .sort((a, b) => a.schemeId.localeCompare(b.schemeId))
    .map((h) => ({ schemeId: h.schemeId, name: h.name, latestVersion: h.latestVersion, preset: false, ...(h.basedOn ? { basedOn: h.basedOn } : {}), updatedAt: h.updatedAt, inUse: inUse(h.schemeId) }));
  return { schemes: [...presets, ...own] };
}

/** A version (default latest) and the list of every version with whether a round or programme pins it. */
export async function getScheme(deps: Deps, schemeId: string, version?: number): Promise<SchemeDetailResponse> {
  const scheme = await schemeVersionOrThrow(deps, schemeId, version);
  const pinned = await pinnedVersions(deps);
  const all = scheme.preset ? [scheme] : await deps.store.schemes.listVersions(schemeId);
  return {
    scheme,
    versions: all.map((v) => ({ version: v.version, author: v.author, createdAt: v.createdAt, ...(v.note ? { note: v.note } : {}), inUse: pinned.has(`${schemeId}@${v.version}`) })),
  };
}

/**
 * Checks a body for saving under `schemeId` / `name`; SCHEME_INVALID (422) names every problem,
 * the first one in the message. The body's own id and name are those of the scheme it is saved as.
 */
export function validBody(body: unknown, schemeId: string, name?: string): Scheme {
  const named = { ...(body as Record<string, unknown>), id: schemeId, ...(name ? { name } : {}) };
  const { scheme, problems } = checkSchemeBody(named);
  if (!scheme) throw invalid(problems);
  return scheme;
}

function invalid(problems: SchemeProblem[]): AppError {
  const more = problems.length > 1 ? `（另有 ${problems.length - 1} 处问题）` : '';
  return new AppError('SCHEME_INVALID', { problems: problems.slice(0, 50) }, `${problems[0]?.message ?? '评议方案有误'}${more}`);
}

/** The editor's live check: every problem of a body, none when it would save. */
export function validateScheme(body: unknown): { problems: SchemeProblem[] } {
  return { problems: checkSchemeBody(body).problems };
}

/** Copies a preset or a stored version into a new scheme of the county's own (its version 1). */
export async function cloneScheme(deps: Deps, actor: string, req: CloneSchemeRequest): Promise<StoredScheme> {
  const source = await schemeVersionOrThrow(deps, req.from.schemeId, req.from.version);
  if (deps.presets(req.schemeId)) throw new AppError('ALREADY_EXISTS', { schemeId: req.schemeId, preset: true });
  const body = validBody(source.body, req.schemeId, req.name);
  const scheme: StoredScheme = {
    schemeId: req.schemeId,
    name: req.name,
    version: 1,
    basedOn: { schemeId: source.schemeId, version: source.version, ...(source.preset ? { preset: true } : {}) },
    author: actor,
    createdAt: deps.clock.now().toISOString(),
    preset: false,
    body,
    digest: bodyDigest(body),
  };
  await deps.store.schemes.putVersion(scheme);
  return scheme;
}

/**
 * Saves an edited body as the next version. Refused (nothing written) for a preset
 * (SCHEME_READ_ONLY), an unknown scheme, a body that does not validate or score (SCHEME_INVALID),
 * or when `basedOnVersion` is not the latest (SCHEME_VERSION_STALE: someone saved since).
 */
export async function saveSchemeVersion(deps: Deps, actor: string, schemeId: string, req: NewSchemeVersionRequest): Promise<StoredScheme> {
  if (deps.presets(schemeId)) throw new AppError('SCHEME_READ_ONLY', { schemeId });
  const head = await deps.store.schemes.getHead(schemeId);
  if (!head) throw new AppError('SCHEME_NOT_FOUND', { schemeId });
  if (req.basedOnVersion !== head.latestVersion) throw new AppError('SCHEME_VERSION_STALE', { schemeId, basedOnVersion: req.basedOnVersion, latestVersion: head.latestVersion });
  const name = typeof req.body.name === 'string' && req.body.name.trim() ? req.body.name.trim() : head.name;
  const body = validBody(req.body, schemeId, name);
  const scheme: StoredScheme = {
    schemeId,
    name,
    version: head.latestVersion + 1,
    basedOn: { schemeId, version: req.basedOnVersion },
    author: actor,
    createdAt: deps.clock.now().toISOString(),
    ...(req.note ? { note: req.note } : {}),
    preset: false,
    body,
    digest: bodyDigest(body),
  };
  await deps.store.schemes.putVersion(scheme);
  return scheme;
}

/**
 * The fields that differ between two versions of a scheme, or (with `fromScheme`) between
 * another scheme (a preset) and this one. Defaults: from the version before `to`, to the latest.
 */
export async function diffScheme(deps: Deps, schemeId: string, q: { from?: number; to?: number; fromScheme?: string }): Promise<SchemeDiffResponse> {
  const to = await schemeVersionOrThrow(deps, schemeId, q.to);
  const fromId = q.fromScheme ?? schemeId;
  const fromVersion = q.from ?? (q.fromScheme ? undefined : Math.max(1, to.version - 1));
  const from = await schemeVersionOrThrow(deps, fromId, fromVersion);
  // A clone's id and name differ from its source's by design; the diff is about the rules.
  const strip = (b: Scheme) => {
    const { id: _id, name: _name, ...rest } = b;
    return rest;
  };
  const changes = fromId === schemeId ? diffSchemes(from.body, to.body) : diffSchemes(strip(from.body), strip(to.body));
  return { from: { schemeId: from.schemeId, version: from.version }, to: { schemeId: to.schemeId, version: to.version }, changes };
}
