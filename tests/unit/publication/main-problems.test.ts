import { getSchemePreset } from '@shared/schemes';
import { RoundFacts, scoreRound, type Scheme } from '@shared/scoring';
import { commentProblems, commentTallies } from '@shared/publication/comment-problems';
import { mainProblems, roundMainProblems, MAIN_PROBLEMS_LISTED } from '@shared/publication/main-problems';

const ganquan = getSchemePreset('ganquan') as Scheme;
const nanchuan = getSchemePreset('nanchuan') as Scheme;

/** 甘泉 (满意/不满意, lowest-point options) with s1's window tally. */
function ganquanRound(unsatisfied: number, satisfied: number) {
  const facts = RoundFacts.parse({ roundId: 'r1', targets: [{ targetId: 's1', group: 'all', served: 40, channels: { window: { ballots: unsatisfied + satisfied, answers: { overall: { satisfied, unsatisfied } } } } }] });
  return { facts, target: scoreRound(ganquan, facts).targets[0]! };
}

/** 南川 (冷懒推乱贪 breakdown) with 40 directed ballots. */
function nanchuanRound(problems: Record<string, number>) {
  const facts = RoundFacts.parse({ roundId: 'q3', targets: [{ targetId: 'bdc', channels: { directed: { ballots: 40, answers: { problems } } } }] });
  return { facts, result: scoreRound(nanchuan, facts) };
}

describe('commentTallies', () => {
  it('counts the ballots the results count, each once per category, and leaves voided ones out', () => {
    const tallies = commentTallies(
      [
        { ballotId: 'b1', targetId: 's1', commentCategories: ['attitude', 'efficiency'] },
        { ballotId: 'b2', targetId: 's1', commentCategories: ['attitude', 'attitude'] },
        { ballotId: 'b3', targetId: 's1' },
        { ballotId: 'b4', targetId: 's1', commentCategories: ['graft'] },
        { ballotId: 'b5', targetId: 's2', commentCategories: ['facilities'] },
      ],
      new Set(['b4']),
    );
    expect(Object.fromEntries(tallies)).toEqual({ s1: { ballots: 3, categories: { attitude: 2, efficiency: 1 } }, s2: { ballots: 1, categories: { facilities: 1 } } });
  });
});

describe('main problems from indicators and comments', () => {
  it('names the comment categories with their count and share of the counted ballots', () => {
    expect(commentProblems({ ballots: 8, categories: { efficiency: 2, attitude: 0 } })).toEqual([
      { item: 'comment', value: 'efficiency', label: '群众意见：办事效率', count: 2, share: 0.25, source: 'comment' },
    ]);
    expect(commentProblems(undefined)).toEqual([]);
  });

  it('merges them with the lowest-point options, most frequent first', () => {
    const { facts, target } = ganquanRound(6, 34);
    const problems = mainProblems(ganquan, target, facts.targets[0], { ballots: 40, categories: { attitude: 9, facilities: 2 } });
    expect(problems.map((p) => [p.source, p.value, p.count])).toEqual([
      ['comment', 'attitude', 9],
      ['indicator', 'unsatisfied', 6],
      ['comment', 'facilities', 2],
    ]);
    expect(problems[0]!.label).toBe('群众意见：服务态度');
    expect(problems[1]).toMatchObject({ item: 'overall', share: null, label: expect.stringMatching(/：不满意$/) });
  });

  it('merges them with the engine’s breakdown and keeps the first MAIN_PROBLEMS_LISTED', () => {
    const { facts, result } = nanchuanRound({ cold: 20, lazy: 10, shirk: 4 });
    const problems = mainProblems(nanchuan, result.targets[0]!, facts.targets[0], { ballots: 40, categories: { efficiency: 12, graft: 1 } });
    expect(MAIN_PROBLEMS_LISTED).toBe(3);
    expect(problems.map((p) => [p.source, p.value, p.count, p.share])).toEqual([
      ['indicator', 'cold', 20, 0.5],
      ['comment', 'efficiency', 12, 0.3],
      ['indicator', 'lazy', 10, 0.25],
    ]);
  });

  it('breaks ties indicators first, then by value', () => {
    const { facts, target } = ganquanRound(3, 37);
    const problems = mainProblems(ganquan, target, facts.targets[0], { ballots: 40, categories: { shirking: 3, efficiency: 3 } });
    expect(problems.map((p) => p.value)).toEqual(['unsatisfied', 'efficiency', 'shirking']);
  });

  it('names comment categories where no indicator has a problem', () => {
    const { facts, target } = ganquanRound(0, 40);
    expect(mainProblems(ganquan, target, facts.targets[0], { ballots: 40, categories: { discipline: 1 } }).map((p) => p.value)).toEqual(['discipline']);
    expect(mainProblems(ganquan, target, facts.targets[0])).toEqual([]);
  });

  it('records problems per target, and without a source for snapshots from before comment categories', () => {
    const { facts } = ganquanRound(6, 34);
    const results = scoreRound(ganquan, facts);
    const now = roundMainProblems(ganquan, results, facts, new Map([['s1', { ballots: 40, categories: { graft: 1 } }]]));
    expect(now.s1!.map((p) => [p.source, p.value])).toEqual([
      ['indicator', 'unsatisfied'],
      ['comment', 'graft'],
    ]);
    const before = roundMainProblems(ganquan, results, facts, undefined);
    expect(before).toEqual({ s1: [{ item: 'overall', value: 'unsatisfied', label: expect.any(String), count: 6, share: null }] });
  });
});
