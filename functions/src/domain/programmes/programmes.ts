import { AppError } from '@shared/errors';
import { soloProgrammeId, type Cadence, type Programme, type TargetLink } from '@shared/model/programme';
import type { Period, Round } from '@shared/model/round';
import type { CreateProgrammeRequest, LinkTargetsRequest, ProgrammeListResponse, ProgrammeView } from '@shared/api/programmes';
import type { Deps } from '../deps';
import { schemeDigest } from './scheme-version';
import { schemeVersion } from '../schemes/schemes';

/** Creates a programme after checking its scheme and every named target; pins the scheme version. */
export async function createProgramme(deps: Deps, actor: string, req: CreateProgrammeRequest): Promise<Programme> {
  const scheme = await schemeVersion(deps, req.schemeId, req.schemeVersion);
  if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: req.schemeId, ...(req.schemeVersion ? { schemeVersion: req.schemeVersion } : {}) });
  if (req.targetIds) {
    const found = await deps.store.org.getNodes(req.targetIds);
    const bad = req.targetIds.filter((id) => found.get(id)?.kind !== req.targetKind);
    if (bad.length > 0) throw new AppError('TARGET_NOT_FOUND', { targetIds: bad, expectedKind: req.targetKind });
  }
  const programme: Programme = {
    ...req,
    ...(req.targetIds ? { targetIds: [...new Set(req.targetIds)] } : {}),
    schemeVersion: scheme.version,
    schemeDigest: scheme.digest,
    createdAt: deps.clock.now().toISOString(),
    createdBy: actor,
  };
  await deps.store.programmes.createProgramme(programme);
  return programme;
}

/**
 * The programme a round created without one gets: `round-<id>`, the round's scheme, targets
 * and groups, its period kind as cadence (a custom period counts as a year), the calendar year.
 * It holds that round alone, so the round reads no history and is no one's history.
 */
export function soloProgramme(deps: Deps, actor: string, round: Omit<Round, 'programmeId'>, digest: string): Programme {
  return {
    id: soloProgrammeId(round.id),
    name: round.name,
    schemeId: round.schemeId,
    ...(round.schemeVersion ? { schemeVersion: round.schemeVersion } : {}),
    schemeDigest: digest,
    cadence: cadenceOf(round.period),
    yearStartMonth: 1,
    targetKind: round.targetKind,
    ...(round.targetIds ? { targetIds: round.targetIds } : {}),
    ...(round.groupMap ? { groupMap: round.groupMap } : {}),
    soloRound: round.id,
    createdAt: deps.clock.now().toISOString(),
    createdBy: actor,
  };
}

const cadenceOf = (period: Period): Cadence => (period.kind === 'custom' ? 'year' : period.kind);

export async function getProgrammeOrThrow(deps: Deps, id: string): Promise<Programme> {
  const programme = await deps.store.programmes.getProgramme(id);
  if (!programme) throw new AppError('PROGRAMME_NOT_FOUND', { programmeId: id });
  return programme;
}

/** Every programme, newest first, with its scheme's name and how many rounds it holds. */
export async function listProgrammes(deps: Deps): Promise<ProgrammeListResponse> {
  const [programmes, rounds] = await Promise.all([deps.store.programmes.listProgrammes(), deps.store.rounds.listRounds()]);
  const counts = new Map<string, number>();
  for (const r of rounds) counts.set(r.programmeId, (counts.get(r.programmeId) ?? 0) + 1);
  const names = new Map(await Promise.all(programmes.map(async (p) => [p.id, (await deps.schemes(p))?.name] as const)));
  return {
    programmes: programmes
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id))
      .map((p) => ({ ...p, schemeName: names.get(p.id) ?? p.schemeId, roundCount: counts.get(p.id) ?? 0 })),
  };
}

/** A programme with its rounds (oldest period first), its links and whether its scheme version still holds. */
export async function programmeView(deps: Deps, id: string): Promise<ProgrammeView> {
  const programme = await getProgrammeOrThrow(deps, id);
  const [rounds, links] = await Promise.all([deps.store.rounds.listRounds(), deps.store.programmes.listLinks(id)]);
  return {
    programme,
    schemeName: (await deps.schemes(programme))?.name ?? programme.schemeId,
    schemeCurrent: (await schemeDigest(deps, programme)) === programme.schemeDigest,
    rounds: rounds
      .filter((r) => r.programmeId === id)
      .sort((a, b) => a.period.start.localeCompare(b.period.start) || a.id.localeCompare(b.id))
      .map((r) => ({
        id: r.id,
        name: r.name,
        period: r.period,
        status: r.status,
        ...(r.publishedVersion ? { publishedVersion: r.publishedVersion } : {}),
        ...(r.cancelReason ? { cancelReason: r.cancelReason } : {}),
      })),
    links,
  };
}

/**
 * Records that targets were renamed, merged or split, so their history follows them (see
 * TargetLink and history.ts). Every successor must be a node of the programme's level.
 */
export async function linkTargets(deps: Deps, actor: string, programmeId: string, req: LinkTargetsRequest): Promise<TargetLink> {
  const programme = await getProgrammeOrThrow(deps, programmeId);
  const problem = linkProblem(req);
  if (problem) throw new AppError('TARGET_LINK_INVALID', { problem });
  const found = await deps.store.org.getNodes(req.to);
  const bad = req.to.filter((id) => found.get(id)?.kind !== programme.targetKind);
  if (bad.length > 0) throw new AppError('TARGET_NOT_FOUND', { targetIds: bad, expectedKind: programme.targetKind });
  const link: TargetLink = {
    linkId: deps.ids.uuid(),
    kind: req.kind,
    from: [...new Set(req.from)],
    to: [...new Set(req.to)],
    ...(req.carries ? { carries: [...new Set(req.carries)] } : {}),
    ...(req.note ? { note: req.note } : {}),
    at: deps.clock.now().toISOString(),
    by: actor,
  };
  await deps.store.programmes.appendLink(programmeId, link);
  return link;
}

/** Why a link does not fit its kind (English, for details), or undefined when it does. */
export function linkProblem(req: LinkTargetsRequest): string | undefined {
  const from = new Set(req.from);
  const to = new Set(req.to);
  const carries = req.carries ?? [];
  if (from.size !== req.from.length || to.size !== req.to.length) return 'an id is listed twice';
  if (req.kind === 'rename') {
    if (from.size !== 1 || to.size !== 1) return 'a rename links one target to one target';
    if (req.from[0] === req.to[0]) return 'a rename needs a new id';
    if (carries.length > 0) return 'a rename carries its history; carries is not used';
  }
  if (req.kind === 'merge') {
    if (from.size < 2 || to.size !== 1) return 'a merge links two or more targets to one';
    if (req.from.includes(req.to[0]!)) return 'the merged target must be new';
    if (carries.length > 1 || carries.some((id) => !from.has(id))) return 'a merge carries the history of at most one of the merged targets';
  }
  if (req.kind === 'split') {
    if (from.size !== 1 || to.size < 2) return 'a split links one target to two or more';
    if (carries.some((id) => !to.has(id))) return 'a split carries history only to its successors';
  }
  return undefined;
}
