import type { RoundResult, TargetResult } from '@shared/scoring';
import { namedPositions } from '../../../functions/src/domain/stuffing/publication-gate';

/** What a published ranking names, which an undecided stuffing flag must not be able to move. */
const target = (targetId: string, rank: number | null, extra: Partial<TargetResult> = {}): TargetResult => ({
  targetId,
  group: 'g',
  components: {},
  total: null,
  totalInterval: null,
  grade: null,
  rank,
  tieSize: 1,
  tied: false,
  rankedCount: 3,
  overlapsPrevious: null,
  overlapsNext: null,
  misconduct: 0,
  flags: [],
  consequences: [],
  ...extra,
});
const result = (direction: RoundResult['direction'], targets: TargetResult[]): RoundResult => ({ schemeId: 's', roundId: 'r', direction, groups: [], targets });
const moved = (a: RoundResult, b: RoundResult) => {
  const [x, y] = [namedPositions(a), namedPositions(b)];
  return [...x.keys()].filter((id) => x.get(id) !== y.get(id)).sort();
};

describe('named positions', () => {
  it('names every place of a worst-first ranking', () => {
    const before = result('worst-first', [target('a', 1), target('b', 2), target('c', 3)]);
    const after = result('worst-first', [target('a', 2), target('b', 1), target('c', 3)]);
    expect(moved(before, after)).toEqual(['a', 'b']);
  });

  it('names only last place of a best-first ranking', () => {
    const before = result('best-first', [target('a', 1), target('b', 2), target('c', 3)]);
    expect(moved(before, result('best-first', [target('a', 2), target('b', 1), target('c', 3)]))).toEqual([]);
    expect(moved(before, result('best-first', [target('a', 1), target('b', 3), target('c', 2)]))).toEqual(['b', 'c']);
  });

  it('names the consequences that fire and the grade, whatever the order', () => {
    const talk = { ruleId: 'talk', label: '约谈', text: '约谈' };
    const before = result(null, [target('a', null, { consequences: [talk] }), target('b', null, { grade: { id: 'good', label: '满意' } })]);
    const after = result(null, [target('a', null), target('b', null, { grade: { id: 'basic', label: '基本满意' } })]);
    expect(moved(before, after)).toEqual(['a', 'b']);
    expect(moved(before, before)).toEqual([]);
  });
});
