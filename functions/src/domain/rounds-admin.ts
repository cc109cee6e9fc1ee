import { AppError } from '@shared/errors';
import { ROUND_TRANSITIONS, type Round, type RoundStatus } from '@shared/model/round';
import type { CreateRoundRequest } from '@shared/api/rounds';
import type { Deps } from './deps';

/** Creates a draft round after checking the scheme, the channels and every named target. */
export async function createRound(deps: Deps, req: CreateRoundRequest): Promise<Round> {
  const scheme = deps.schemes(req.schemeId);
  if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: req.schemeId });
  const foreign = req.channels.filter((c) => !scheme.channels.includes(c));
  if (foreign.length > 0) throw new AppError('CHANNEL_NOT_ALLOWED', { channels: foreign, schemeChannels: scheme.channels });
  if (Date.parse(req.opensAt) >= Date.parse(req.closesAt)) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'closesAt', message: 'closesAt must be after opensAt' }] });
  if (req.period.start > req.period.end) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'period.end', message: 'period.end must not be before period.start' }] });
  if (req.targetIds) {
    const found = await deps.store.org.getNodes(req.targetIds);
    const bad = req.targetIds.filter((id) => found.get(id)?.kind !== req.targetKind);
    if (bad.length > 0) throw new AppError('TARGET_NOT_FOUND', { targetIds: bad, expectedKind: req.targetKind });
  }
  const round: Round = {
    ...req,
    channels: [...new Set(req.channels)],
    ...(req.targetIds ? { targetIds: [...new Set(req.targetIds)] } : {}),
    status: 'draft',
    samplingVersion: 0,
    samplingRevoked: false,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.store.rounds.createRound(round);
  return round;
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
