import { overlappingRounds } from '../../functions/src/domain/programmes/period-overlap';
import type { Round } from '@shared/model/round';

type R = Pick<Round, 'id' | 'status' | 'period'>;
const q = (id: string, start: string, end: string, status: Round['status'] = 'published'): R => ({ id, status, period: { kind: 'quarter', label: id, start, end } });
const q3 = q('q3', '2026-07-01', '2026-09-30');
const q4 = q('q4', '2026-10-01', '2026-12-31', 'open');
const year: R = { id: 'y2026', status: 'draft', period: { kind: 'year', label: '2026', start: '2026-01-01', end: '2026-12-31' } };

describe('rounds of one programme whose periods collide', () => {
  it('names every round of the same kind whose dates overlap, touching ends included', () => {
    expect(overlappingRounds([q3, q4, year], { id: 'new', period: { kind: 'quarter', label: 'x', start: '2026-09-30', end: '2026-10-01' } })).toEqual(['q3', 'q4']);
  });
  it('lets the next quarter follow the last one, and the annual round sit over the quarters', () => {
    expect(overlappingRounds([q3, q4], { id: 'q1', period: { kind: 'quarter', label: 'q1', start: '2027-01-01', end: '2027-03-31' } })).toEqual([]);
    expect(overlappingRounds([q3, q4], year)).toEqual([]);
  });
  it('ignores a cancelled round and the round itself', () => {
    const cancelled = q('q3x', '2026-07-01', '2026-09-30', 'cancelled');
    expect(overlappingRounds([cancelled, q4], { id: 'q3', period: q3.period })).toEqual([]);
    expect(overlappingRounds([q3], q3)).toEqual([]);
  });
});
