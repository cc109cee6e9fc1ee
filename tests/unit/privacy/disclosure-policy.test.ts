import { advances, ballotTaskProblem, cstDay, DEFAULT_STAFF_BATCH, staffOrder, staffPhase } from '@shared/privacy/disclosure';

describe('the disclosure policy', () => {
  it('shows staff a closed or published round in full, an open one in batches of k (default 10), or nothing with k = 0', () => {
    expect(staffPhase({ status: 'closed' })).toEqual({ phase: 'final' });
    expect(staffPhase({ status: 'published', staffBatch: 0 })).toEqual({ phase: 'final' });
    expect(staffPhase({ status: 'open' })).toEqual({ phase: 'batched', k: DEFAULT_STAFF_BATCH });
    expect(staffPhase({ status: 'open', staffBatch: 25 })).toEqual({ phase: 'batched', k: 25 });
    expect(staffPhase({ status: 'open', staffBatch: 0 })).toEqual({ phase: 'withheld' });
  });

  it('moves a batch on only after k new ballots', () => {
    expect(advances(0, 9, 10)).toBe(false);
    expect(advances(0, 10, 10)).toBe(true);
    expect(advances(10, 19, 10)).toBe(false);
    expect(advances(10, 20, 10)).toBe(true);
  });

  it('dates by China day', () => {
    expect(cstDay('2026-11-23T15:59:59Z')).toBe('2026-11-23');
    expect(cstDay('2026-11-23T16:00:00Z')).toBe('2026-11-24');
  });

  it('orders comments by day, and inside a day by a hash of the ballot, not by arrival', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ day: '2026-11-23', key: `ballot-${String(i).padStart(2, '0')}` }));
    const ordered = staffOrder(items);
    expect(ordered.map((x) => x.key)).not.toEqual(items.map((x) => x.key));
    expect(staffOrder([...items].reverse())).toEqual(ordered);
    expect(staffOrder([{ day: '2026-11-22', key: 'a' }, { day: '2026-11-24', key: 'b' }]).map((x) => x.day)).toEqual(['2026-11-24', '2026-11-22']);
  });

  it('writes a task problem from a ballot without a receipt id, scrubbed', () => {
    expect(ballotTaskProblem(['不满意'], ' 我叫张三，电话1381 234 5678 ')).toBe('群众差评：我叫**，电话*************');
    expect(ballotTaskProblem(['不满意', '非常不满意'])).toBe('群众差评：不满意、非常不满意');
  });
});
