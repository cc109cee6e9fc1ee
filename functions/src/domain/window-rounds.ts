import { AppError } from '@shared/errors';
import { ancestorAt, type OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { Deps } from './deps';
import { assertAccepting, isAccepting } from './round-rules';
import { freshStanding, type StandingReader } from './ballots/standing';

/**
 * The target a window's ballots rate in `round`: the window's ancestor at the round's level.
 * A window created after the round opened rates nothing in it unless the round says new windows
 * join (`newWindowsJoin`): importing windows mid-round must not enrol them in every open round.
 */
export function windowTargetId(round: Round, window: OrgNode): string | undefined {
  if (!windowJoins(round, window)) return undefined;
  const id = ancestorAt(window, round.targetKind);
  if (id === undefined) return undefined;
  return round.targetIds === undefined || round.targetIds.includes(id) ? id : undefined;
}

/** Whether `window` takes part in `round`: it existed when the round opened, or the round lets new windows join. */
export function windowJoins(round: Pick<Round, 'openedAt' | 'newWindowsJoin'>, window: Pick<OrgNode, 'createdAt'>): boolean {
  return round.newWindowsJoin === true || round.openedAt === undefined || window.createdAt <= round.openedAt;
}

/** Rounds that take window ballots for this window (any status). */
export async function roundsCoveringWindow(deps: Pick<Deps, 'store'>, window: OrgNode, read: StandingReader = freshStanding(deps.store)): Promise<Round[]> {
  const rounds = await read.rounds();
  return rounds.filter((r) => r.channels.includes('window') && windowTargetId(r, window) !== undefined);
}

/**
 * The one round a window ballot goes to: the named one, or the only accepting round covering
 * the window. With none accepting, the error says whether the last one closed or none opened.
 */
export async function pickWindowRound(deps: Pick<Deps, 'store' | 'clock'>, window: OrgNode, roundId: string | undefined, read: StandingReader = freshStanding(deps.store)): Promise<Round> {
  const now = deps.clock.now();
  const covering = await roundsCoveringWindow(deps, window, read);
  if (roundId !== undefined) {
    const round = covering.find((r) => r.id === roundId);
    if (!round) {
      const exists = await read.round(roundId);
      if (!exists) throw new AppError('ROUND_NOT_FOUND', { roundId });
      if (!exists.channels.includes('window')) throw new AppError('CHANNEL_NOT_ALLOWED', { roundId, channel: 'window' });
      throw new AppError('TARGET_NOT_IN_ROUND', { roundId });
    }
    assertAccepting(round, now);
    return round;
  }
  const accepting = covering.filter((r) => isAccepting(r, now));
  if (accepting.length === 1) return accepting[0]!;
  if (accepting.length > 1) throw new AppError('ROUND_AMBIGUOUS', { roundIds: accepting.map((r) => r.id) });
  // A cancelled round is no one's "last round": the scan is told none is open, not that one was cancelled.
  const latest = covering.filter((r) => r.status !== 'cancelled').sort((a, b) => b.opensAt.localeCompare(a.opensAt))[0];
  if (!latest) throw new AppError('ROUND_NOT_OPEN');
  assertAccepting(latest, now);
  throw new AppError('ROUND_NOT_OPEN');
}
