import type { Round } from '@shared/model/round';

type PeriodOf = Pick<Round, 'id' | 'status' | 'period'>;

/**
 * The rounds of a programme that a new round's period would collide with: same kind of period
 * (a quarterly round beside the year's annual round is the documented way to form a yearly
 * result, so kinds do not collide) and overlapping dates. A cancelled round never counts, so it
 * never collides. Two published rounds in one slot would make the programme's history ambiguous
 * (HISTORY_INCONSISTENT at results time); refusing at creation says so while it is cheap to fix.
 * @example overlappingRounds([q3], { id: 'q3b', period: { kind: 'quarter', start: '2026-07-01', end: '2026-09-30' } }) // ['q3']
 */
export function overlappingRounds(rounds: readonly PeriodOf[], candidate: Pick<Round, 'id' | 'period'>): string[] {
  const { kind, start, end } = candidate.period;
  return rounds
    .filter((r) => r.id !== candidate.id && r.status !== 'cancelled' && r.period.kind === kind)
    .filter((r) => r.period.start <= end && start <= r.period.end)
    .map((r) => r.id)
    .sort();
}
