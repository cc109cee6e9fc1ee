import { countersSince, withCounters, type Remembered } from '../../functions/src/domain/tally-cache/cache';
import type { TallyVersions } from '../../functions/src/domain/tally-cache/port';
import type { TargetTally } from '@shared/api/results';

/**
 * Which counters a remembered tally must read again after a few ballots (tally-cache/cache.ts):
 * only when every stripe that moved moved by exactly one ballot and names its counter; anything
 * else asks for a full read.
 */
const targets: TargetTally[] = [
  { targetId: 's1', targetName: '甲', categoryId: 'c1', channels: { window: { ballots: 2, answers: { overall: { satisfied: 2 } } } } },
  { targetId: 's2', targetName: '乙', categoryId: 'c1', channels: {} },
];
const remembered: Remembered = { roundKey: 'k', stripes: [3, 0, 5, 1], nodeCount: 2, targets };
const versions = (stripes: number[], lasts: TallyVersions['lasts']): TallyVersions => ({ stripes, lasts, nodes: {} });

describe('countersSince', () => {
  it('names the counters of stripes that moved by exactly one, once each', () => {
    const v = versions([4, 1, 5, 1], [{ targetId: 's1', channel: 'window' }, { targetId: 's1', channel: 'window' }, { targetId: 's2', channel: 'window' }, undefined]);
    expect(countersSince(remembered, v)).toEqual([{ targetId: 's1', channel: 'window' }]);
  });

  it('names nothing when nothing moved', () => {
    expect(countersSince(remembered, versions([3, 0, 5, 1], [undefined, undefined, undefined, undefined]))).toEqual([]);
  });

  it('asks for a full read when a stripe moved by more than one, or names no counter', () => {
    expect(countersSince(remembered, versions([5, 0, 5, 1], [{ targetId: 's1', channel: 'window' }, undefined, undefined, undefined]))).toBeUndefined();
    expect(countersSince(remembered, versions([3, 1, 5, 1], [undefined, undefined, undefined, undefined]))).toBeUndefined();
    expect(countersSince(remembered, versions([3, 0, 5], [undefined, undefined, undefined]))).toBeUndefined();
  });
});

describe('withCounters', () => {
  it('replaces only the named counters and leaves the remembered targets as they were', () => {
    const sums = new Map([['s2', { window: { ballots: 1, answers: { overall: { unsatisfied: 1 } } } }]]);
    const out = withCounters(targets, [{ targetId: 's2', channel: 'window' }], sums)!;
    expect(out[0]).toBe(targets[0]);
    expect(out[1]!.channels).toEqual({ window: { ballots: 1, answers: { overall: { unsatisfied: 1 } } } });
    expect(targets[1]!.channels).toEqual({});
  });

  it('gives up on a counter of a target the round does not list', () => {
    expect(withCounters(targets, [{ targetId: 's9', channel: 'window' }], new Map())).toBeUndefined();
  });
});
