import type { TargetLink } from '@shared/model/programme';
import type { RoundStatus } from '@shared/model/round';
import type { PastRound, PastTarget, RoundPeriod } from '@shared/scoring';

/**
 * Which earlier rounds a round's consecutive rules read, and under which target identity. Pure:
 * round-facts.ts gathers the rounds, their latest published snapshots and the programme's links,
 * and this decides. The rules:
 * - only rounds of the same programme (never another programme on the same scheme: a practice
 *   round is not history);
 * - only *published* rounds, each as its latest published version: a draft, open, closed or
 *   cancelled round is skipped, never passed as an empty round (no one is judged on numbers that
 *   were never published, and an abandoned round must not break a streak either);
 * - only rounds whose period starts before this round's, oldest first (then by id);
 * - each with its `period`, so the engine sees a gap where a period has no published round
 *   (a skipped quarter breaks a quarterly streak there, not here);
 * - each past target under its current identity, following the office's explicit links.
 */
export interface HistoryRound {
  id: string;
  programmeId: string;
  status: RoundStatus;
  period: RoundPeriod;
  /** The latest published version's targets; read only for published rounds. */
  published?: PastTarget[];
}

/** Whether `r` can be history for `current` (the store reads snapshots only for these). */
export function isHistoryCandidate(current: Pick<HistoryRound, 'id' | 'programmeId' | 'period'>, r: Pick<HistoryRound, 'id' | 'programmeId' | 'status' | 'period'>): boolean {
  return r.programmeId === current.programmeId && r.status === 'published' && r.id !== current.id && r.period.start < current.period.start;
}

/**
 * The history given to the engine for `current`.
 * @example programmeHistory(q3, [q1, q2, practice], links) // [q1, q2] with their periods
 */
export function programmeHistory(current: Pick<HistoryRound, 'id' | 'programmeId' | 'period'>, rounds: readonly HistoryRound[], links: readonly TargetLink[]): PastRound[] {
  const identity = identityResolver(links);
  return rounds
    .filter((r) => isHistoryCandidate(current, r) && r.published !== undefined)
    .sort((a, b) => a.period.start.localeCompare(b.period.start) || a.id.localeCompare(b.id))
    .map((r) => ({ roundId: r.id, period: { kind: r.period.kind, start: r.period.start, end: r.period.end }, targets: relabel(r.published!, identity) }));
}

/**
 * Past targets under their current ids. A target's own entry wins over one carried to it by a
 * link; two linked entries landing on one id in the same round (an ambiguity the links allow
 * only through odd chains) give that id no entry for the round rather than a guessed one.
 */
function relabel(targets: readonly PastTarget[], identity: (id: string) => string[]): PastTarget[] {
  const own = new Set(targets.map((t) => t.targetId));
  const carried = new Map<string, PastTarget[]>();
  for (const t of targets)
    for (const id of identity(t.targetId)) {
      if (id === t.targetId) continue;
      if (own.has(id) && identity(id).includes(id)) continue;
      carried.set(id, [...(carried.get(id) ?? []), t]);
    }
  const out: PastTarget[] = [];
  for (const t of targets) if (identity(t.targetId).includes(t.targetId)) out.push(t);
  for (const [id, from] of carried) if (from.length === 1) out.push({ ...from[0]!, targetId: id });
  return out.sort((a, b) => a.targetId.localeCompare(b.targetId));
}

/**
 * A past target id → the current ids that carry its history. Links are followed in the order
 * they were made, each only after the one that led to it, so a unit renamed and later renamed
 * back ends where it started instead of looping.
 * @example identityResolver([{ kind: 'rename', from: ['a'], to: ['b'] }])('a') // ['b']
 */
export function identityResolver(links: readonly Pick<TargetLink, 'kind' | 'from' | 'to' | 'carries'>[]): (id: string) => string[] {
  const memo = new Map<string, string[]>();
  const follow = (id: string, after: number): string[] => {
    const key = `${after}:${id}`;
    const known = memo.get(key);
    if (known) return known;
    const index = links.findIndex((l, i) => i > after && l.from.includes(id));
    const out = index < 0 ? [id] : [...new Set(carriers(links[index]!, id).flatMap((next) => follow(next, index)))].sort();
    memo.set(key, out);
    return out;
  };
  return (id) => follow(id, -1);
}

/** Who carries `from`'s history across one link (see TargetLink). */
function carriers(link: Pick<TargetLink, 'kind' | 'to' | 'carries'>, from: string): string[] {
  if (link.kind === 'rename') return link.to;
  if (link.kind === 'merge') return link.carries?.includes(from) ? link.to : [];
  return link.carries ?? link.to;
}
