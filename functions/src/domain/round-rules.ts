import { AppError } from '@shared/errors';
import type { Round } from '@shared/model/round';
import type { OrgNode } from '@shared/model/org';
import type { ChannelKind } from '@shared/model/channel';

/** Throws ROUND_CANCELLED / ROUND_NOT_OPEN / ROUND_CLOSED unless the round accepts ballots at `now`. */
export function assertAccepting(round: Round, now: Date): void {
  const t = now.getTime();
  if (round.status === 'cancelled') throw new AppError('ROUND_CANCELLED', { roundId: round.id });
  if (round.status === 'closed' || round.status === 'published' || t >= Date.parse(round.closesAt)) throw new AppError('ROUND_CLOSED', { roundId: round.id });
  if (round.status === 'draft' || t < Date.parse(round.opensAt)) throw new AppError('ROUND_NOT_OPEN', { roundId: round.id, opensAt: round.opensAt });
}

export function isAccepting(round: Round, now: Date): boolean {
  try {
    assertAccepting(round, now);
    return true;
  } catch {
    return false;
  }
}

export function assertChannel(round: Round, channel: ChannelKind): void {
  if (!round.channels.includes(channel)) throw new AppError('CHANNEL_NOT_ALLOWED', { roundId: round.id, channel });
}

/** Whether `node` is one of the round's targets. */
export function isRoundTarget(round: Round, node: OrgNode): boolean {
  if (node.kind !== round.targetKind) return false;
  return round.targetIds === undefined || round.targetIds.includes(node.id);
}
