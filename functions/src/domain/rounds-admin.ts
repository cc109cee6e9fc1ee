import { AppError } from '@shared/errors';
import { ROUND_TRANSITIONS, type Round, type RoundStatus } from '@shared/model/round';
import { soloProgrammeId, type Programme } from '@shared/model/programme';
import type { CreateRoundRequest } from '@shared/api/rounds';
import type { Deps } from './deps';
import { getProgrammeOrThrow, soloProgramme } from './programmes/programmes';
import { schemeDigest } from './programmes/scheme-version';
import { schemeVersion } from './schemes/schemes';
import { bodyDigest } from './schemes/resolve';
import { overlappingRounds } from './programmes/period-overlap';

/**
 * Creates a draft round after checking the scheme, the channels, every named target and its
 * programme: the round's scheme must be the programme's, at the version the programme pinned,
 * and its targets within the programme's. Without `programmeId` the round gets a programme of
 * its own (`round-<id>`), stored in the same write, so older callers keep working and two
 * rounds never share history unless the office put them in one programme.
 */
export async function createRound(deps: Deps, req: CreateRoundRequest, actor = 'system'): Promise<Round> {
  const programme = req.programmeId === undefined ? undefined : await programmeFor(deps, req);
  // The version the round is scored by for good: its programme's, or the scheme's latest now.
  const version = programme ? (programme.schemeVersion ?? 1) : (await schemeVersion(deps, req.schemeId, req.schemeVersion))?.version;
  const scheme = version === undefined ? undefined : await deps.schemes({ schemeId: req.schemeId, schemeVersion: version });
  if (!scheme || version === undefined) throw new AppError('SCHEME_UNKNOWN', { schemeId: req.schemeId, ...(req.schemeVersion ? { schemeVersion: req.schemeVersion } : {}) });
  const foreign = req.channels.filter((c) => !scheme.channels.includes(c));
  if (foreign.length > 0) throw new AppError('CHANNEL_NOT_ALLOWED', { channels: foreign, schemeChannels: scheme.channels });
  if (Date.parse(req.opensAt) >= Date.parse(req.closesAt)) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'closesAt', message: 'closesAt must be after opensAt' }] });
  if (req.period.start > req.period.end) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'period.end', message: 'period.end must not be before period.start' }] });
  if (req.targetIds) {
    const found = await deps.store.org.getNodes(req.targetIds);
    const bad = req.targetIds.filter((id) => found.get(id)?.kind !== req.targetKind);
    if (bad.length > 0) throw new AppError('TARGET_NOT_FOUND', { targetIds: bad, expectedKind: req.targetKind });
  }
  const { programmeId: _p, schemeVersion: _v, ...fields } = req;
  const targetIds = req.targetIds ?? programme?.targetIds;
  const groupMap = req.groupMap ?? programme?.groupMap;
  const draft = {
    ...fields,
    schemeVersion: version,
    channels: [...new Set(req.channels)],
    ...(targetIds ? { targetIds: [...new Set(targetIds)] } : {}),
    ...(groupMap ? { groupMap } : {}),
    status: 'draft' as const,
    samplingVersion: 0,
    samplingRevoked: false,
    createdAt: deps.clock.now().toISOString(),
  };
  if (programme) {
    const round: Round = { ...draft, programmeId: programme.id };
    // Checked, not fenced: two creations racing into one slot are still refused at results time
    // (HISTORY_INCONSISTENT), so no consequence can fire from the ambiguity.
    const siblings = (await deps.store.rounds.listRounds()).filter((r) => r.programmeId === programme.id);
    const clashes = overlappingRounds(siblings, round);
    if (clashes.length > 0) throw new AppError('ROUND_PERIOD_OVERLAP', { programmeId: programme.id, roundIds: clashes, period: round.period });
    await deps.store.rounds.createRound(round);
    return round;
  }
  const round: Round = { ...draft, programmeId: soloProgrammeId(req.id) };
  await deps.store.programmes.createProgramme(soloProgramme(deps, actor, draft, bodyDigest(scheme)), round);
  return round;
}

/** The named programme, refused when the round would not fit it. */
async function programmeFor(deps: Deps, req: CreateRoundRequest): Promise<Programme> {
  const programme = await getProgrammeOrThrow(deps, req.programmeId!);
  if (programme.schemeId !== req.schemeId) throw new AppError('PROGRAMME_SCHEME_MISMATCH', { programmeId: programme.id, programmeSchemeId: programme.schemeId, schemeId: req.schemeId });
  const pinned = programme.schemeVersion ?? 1;
  if (req.schemeVersion !== undefined && req.schemeVersion !== pinned) throw new AppError('PROGRAMME_SCHEME_MISMATCH', { programmeId: programme.id, programmeSchemeVersion: pinned, schemeVersion: req.schemeVersion });
  if ((await schemeDigest(deps, { schemeId: req.schemeId, schemeVersion: pinned })) !== programme.schemeDigest) throw new AppError('SCHEME_VERSION_CHANGED', { programmeId: programme.id, schemeId: req.schemeId, pinned: programme.schemeDigest });
  if (programme.targetKind !== req.targetKind) throw new AppError('PROGRAMME_TARGETS_MISMATCH', { programmeId: programme.id, programmeTargetKind: programme.targetKind, targetKind: req.targetKind });
  const outside = programme.targetIds && req.targetIds ? req.targetIds.filter((id) => !programme.targetIds!.includes(id)) : [];
  if (outside.length > 0) throw new AppError('PROGRAMME_TARGETS_MISMATCH', { programmeId: programme.id, targetIds: outside });
  return programme;
}

/** draft → open → closed → published; the store write is conditional on the status we read. */
export async function transitionRound(deps: Deps, id: string, to: RoundStatus): Promise<Round> {
  const round = await deps.store.rounds.getRound(id);
  if (!round) throw new AppError('ROUND_NOT_FOUND', { roundId: id });
  if (!ROUND_TRANSITIONS[round.status].includes(to)) throw new AppError('ROUND_STATE_CONFLICT', { roundId: id, from: round.status, to });
  const now = deps.clock.now().toISOString();
  const stamp = to === 'open' ? { openedAt: now } : to === 'closed' ? { closedAt: now } : {};
  return deps.store.rounds.transitionRound(id, round.status, { status: to, ...stamp });
}

export async function getRoundOrThrow(deps: Deps, id: string): Promise<Round> {
  const round = await deps.store.rounds.getRound(id);
  if (!round) throw new AppError('ROUND_NOT_FOUND', { roundId: id });
  return round;
}
