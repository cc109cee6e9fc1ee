import type { LandingResponse } from '@shared/api/tokens';
import type { ChannelKind } from '@shared/model/channel';
import type { ReceiptEntry } from './receipts';

/**
 * "Already rated", known before a form opens. Two sources: the server's own list for an
 * invitation (`answeredTargetIds`, per panel member, whatever the device), and this device's
 * receipts for everything else — following the round's rating rule from the landing: once per
 * round (any channel), once apart on the channel, or per visit (a visit cannot be told from a
 * receipt, so the form stays open and the server decides).
 */

export type RatingUnit = 'round' | 'visit' | 'apart';

/**
 * The counted receipt on this device that already answers `targetId` in `roundId`, if any.
 * @example ratedOnDevice(receipts, { roundId: 'r1', targetId: 's11', channel: 'window' })
 */
export function ratedOnDevice(
  receipts: ReceiptEntry[],
  q: { roundId: string; targetId: string; channel: ChannelKind; rating?: RatingUnit },
): Extract<ReceiptEntry, { state: 'counted' }> | undefined {
  if (q.rating === 'visit') return undefined;
  for (const r of receipts) {
    if (r.state !== 'counted' || r.receipt.roundId !== q.roundId || r.receipt.targetId !== q.targetId) continue;
    if (q.rating === 'apart' && r.receipt.channel !== q.channel) continue;
    return r;
  }
  return undefined;
}

/** Targets of a multi-target link already answered: the invitation's list joined with this device's receipts. */
export function answeredTargets(landing: LandingResponse, receipts: ReceiptEntry[]): Set<string> {
  const answered = new Set(landing.invitation?.answeredTargetIds ?? []);
  for (const round of landing.rounds) {
    for (const t of round.targets) {
      if (ratedOnDevice(receipts, { roundId: round.roundId, targetId: t.id, channel: landing.channel, ...(round.rating ? { rating: round.rating } : {}) })) answered.add(t.id);
    }
  }
  return answered;
}

/**
 * How far a member is: answered of all targets the link covers (`total` when the server knows
 * it, else those listed so far).
 * @example progressOf(landing, new Set(['s11'])) // { done: 1, total: 4 }
 */
export function progressOf(landing: LandingResponse, answered: Set<string>): { done: number; total: number } {
  const total = landing.rounds.reduce((n, r) => n + (r.total ?? r.targets.length), 0);
  const serverDone = landing.invitation?.answeredTargetIds.length;
  const listed = landing.rounds.flatMap((r) => r.targets).filter((t) => answered.has(t.id)).length;
  // The server's count covers every page; the listed count adds what this device just sent.
  return { done: Math.min(total, Math.max(serverDone ?? 0, listed, answered.size)), total };
}

/**
 * The next target to rate after `currentId`, in list order, wrapping to the start; undefined
 * when every listed target is answered.
 * @example nextUnrated(landing, new Set(['s11']), 's11') // { roundId: 'r1', targetId: 's12' }
 */
export function nextUnrated(landing: LandingResponse, answered: Set<string>, currentId?: string): { roundId: string; targetId: string; name: string } | undefined {
  const all = landing.rounds.flatMap((r) => r.targets.map((t) => ({ roundId: r.roundId, targetId: t.id, name: t.name })));
  const at = currentId === undefined ? -1 : all.findIndex((t) => t.targetId === currentId);
  const ordered = [...all.slice(at + 1), ...all.slice(0, at + 1)];
  return ordered.find((t) => t.targetId !== currentId && !answered.has(t.targetId));
}
