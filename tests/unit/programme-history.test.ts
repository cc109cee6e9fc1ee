import fc from 'fast-check';
import { ROUND_STATUSES, type RoundStatus } from '@shared/model/round';
import { scoreRound, Scheme, ScoringInputError, type PastTarget } from '@shared/scoring';
import { SCHEME_PRESETS } from '@shared/schemes';
import { identityResolver, programmeHistory, type HistoryRound } from '../../functions/src/domain/programmes/history';
import { linkProblem } from '../../functions/src/domain/programmes/programmes';

/**
 * The history a round's consecutive rules read comes only from the published rounds of its own
 * programme. Whatever else happens — a practice round on the same scheme in another programme,
 * a round cancelled or never published in this one — the history, hence every consequence, is
 * the same.
 */
const TARGETS = ['s1', 's2', 's3', 's4'];
const quarterStart = (q: number) => `${2020 + Math.floor(q / 4)}-${String((q % 4) * 3 + 1).padStart(2, '0')}-01`;
const quarterEnd = (q: number) => `${2020 + Math.floor(q / 4)}-${String((q % 4) * 3 + 3).padStart(2, '0')}-28`;

const pastTarget = (targetId: string, rank: number | null, rankedCount: number): PastTarget => ({
  targetId,
  components: { difficulty: { value: rank === null ? null : 100 - rank } },
  total: rank === null ? null : 100 - rank,
  grade: null,
  rank,
  tieSize: 1,
  rankedCount,
  misconduct: 0,
});

const arbRanks = fc.shuffledSubarray(TARGETS, { minLength: 1 }).map((order) => order.map((t, i) => pastTarget(t, i + 1, order.length)));

/** A round: quarter index, programme, status; published rounds carry a snapshot. */
const arbRound = (programmes: string[], statuses: readonly RoundStatus[]) =>
  fc.record({ q: fc.integer({ min: 0, max: 11 }), programmeId: fc.constantFrom(...programmes), status: fc.constantFrom(...statuses), targets: arbRanks, salt: fc.integer({ min: 0, max: 9999 }) }).map(
    (r, ): HistoryRound => ({
      id: `r${r.q}-${r.programmeId}-${r.salt}`,
      programmeId: r.programmeId,
      status: r.status,
      period: { kind: 'quarter', start: quarterStart(r.q), end: quarterEnd(r.q) },
      ...(r.status === 'published' ? { published: r.targets } : {}),
    }),
  );

const current = { id: 'now', programmeId: 'p1', period: { kind: 'quarter' as const, start: quarterStart(12), end: quarterEnd(12) } };
const NOT_HISTORY = ROUND_STATUSES.filter((s) => s !== 'published');

/**
 * 南川: every section of the current round ranked in order; the consequences of the round, or the
 * engine's refusal (two published rounds in one quarter are refused as inconsistent history): the
 * extra round must change neither.
 */
function consequences(history: ReturnType<typeof programmeHistory>): Array<[string, string[]]> {
  const scheme = Scheme.parse(SCHEME_PRESETS.nanchuan);
  const targets = TARGETS.map((t, i) => ({ targetId: t, channels: { sampling: { ballots: 40, answers: { problems: { cold: 40 - i * 10 } } } } }));
  return scoreRound(scheme, { roundId: current.id, period: current.period, targets, history }).targets.map((t) => [t.targetId, t.consequences.map((c) => c.ruleId)]);
}

/** The consequences, or the engine's refusal as data: what an added round must change neither of. */
function outcome(history: ReturnType<typeof programmeHistory>): Array<[string, string[]]> | { refused: string[] } {
  try {
    return consequences(history);
  } catch (e) {
    if (e instanceof ScoringInputError) return { refused: e.problems };
    throw e;
  }
}

describe('programme history', () => {
  it('is unchanged, and so are the consequences, when an unpublished or cancelled round of any programme is added', () => {
    fc.assert(
      fc.property(fc.array(arbRound(['p1', 'p2'], ROUND_STATUSES), { maxLength: 8 }), arbRound(['p1', 'p2'], NOT_HISTORY), fc.nat(), (rounds, extra, at) => {
        const before = programmeHistory(current, rounds, []);
        const withExtra = [...rounds];
        withExtra.splice(at % (rounds.length + 1), 0, extra);
        const after = programmeHistory(current, withExtra, []);
        expect(after).toEqual(before);
        expect(outcome(after)).toEqual(outcome(before));
      }),
      { numRuns: 150 },
    );
  });

  it('is unchanged when a published round of another programme on the same scheme is added', () => {
    fc.assert(
      fc.property(fc.array(arbRound(['p1', 'p2'], ROUND_STATUSES), { maxLength: 8 }), arbRound(['p2', 'practice'], ['published']), (rounds, extra) => {
        expect(programmeHistory(current, [...rounds, extra], [])).toEqual(programmeHistory(current, rounds, []));
      }),
      { numRuns: 150 },
    );
  });

  it('holds only published rounds of the programme, before this one, oldest first, each with its period', () => {
    fc.assert(
      fc.property(fc.array(arbRound(['p1', 'p2'], ROUND_STATUSES), { maxLength: 10 }), (rounds) => {
        const history = programmeHistory(current, rounds, []);
        const expected = rounds.filter((r) => r.programmeId === 'p1' && r.status === 'published');
        expect(history.map((h) => h.roundId).sort()).toEqual(expected.map((r) => r.id).sort());
        const starts = history.map((h) => h.period!.start);
        expect(starts).toEqual([...starts].sort());
        for (const h of history) expect(h.period!.kind).toBe('quarter');
      }),
    );
  });

  it('keeps a 南川 streak across a cancelled round and a practice round in another programme', () => {
    // 连续3次评议结果位列前3名，则免去分管领导职务 (nanchuan-2021.txt): s1 is first in q0–q2 and now.
    const first = [pastTarget('s1', 1, 4), pastTarget('s2', 2, 4), pastTarget('s3', 3, 4), pastTarget('s4', 4, 4)];
    const round = (id: string, q: number, programmeId: string, status: RoundStatus, published?: PastTarget[]): HistoryRound => ({
      id, programmeId, status, period: { kind: 'quarter', start: quarterStart(q), end: quarterEnd(q) }, ...(published ? { published } : {}),
    });
    const rounds = [
      round('q9', 9, 'p1', 'published', first),
      round('q10', 10, 'p1', 'published', first),
      round('x10', 10, 'p1', 'cancelled'),
      round('practice', 11, 'practice', 'closed'),
      round('q11', 11, 'p1', 'published', first),
    ];
    const history = programmeHistory(current, rounds, []);
    expect(history.map((h) => h.roundId)).toEqual(['q9', 'q10', 'q11']);
    const s1 = consequences(history).find(([t]) => t === 's1')![1];
    expect(s1).toEqual(expect.arrayContaining(['nanchuan-remove-head', 'nanchuan-remove-supervisor']));
  });
});

describe('target identity links', () => {
  it('carries a renamed target’s history to its new id, and a rename back ends where it started', () => {
    expect(identityResolver([{ kind: 'rename', from: ['a'], to: ['b'] }])('a')).toEqual(['b']);
    const back = identityResolver([{ kind: 'rename', from: ['a'], to: ['b'] }, { kind: 'rename', from: ['b'], to: ['a'] }]);
    expect([back('a'), back('b')]).toEqual([['a'], ['a']]);
  });

  it('carries a merge only from the predecessor named, and a split to every successor unless told otherwise', () => {
    const merge = identityResolver([{ kind: 'merge', from: ['a', 'b'], to: ['c'], carries: ['a'] }]);
    expect([merge('a'), merge('b')]).toEqual([['c'], []]);
    expect(identityResolver([{ kind: 'merge', from: ['a', 'b'], to: ['c'] }])('a')).toEqual([]);
    expect(identityResolver([{ kind: 'split', from: ['a'], to: ['b', 'c'] }])('a')).toEqual(['b', 'c']);
    expect(identityResolver([{ kind: 'split', from: ['a'], to: ['b', 'c'], carries: ['c'] }])('a')).toEqual(['c']);
  });

  it('relabels past results under the current id; the target’s own entry wins over a carried one', () => {
    const past: HistoryRound = { id: 'q1', programmeId: 'p1', status: 'published', period: { kind: 'quarter', start: '2026-01-01', end: '2026-03-31' }, published: [pastTarget('old', 1, 2), pastTarget('s2', 2, 2)] };
    const link = { linkId: 'l1', at: '2026-05-01T00:00:00.000Z', by: 'acct:x' };
    const renamed = programmeHistory({ ...current, period: { kind: 'quarter', start: '2026-04-01', end: '2026-06-30' } }, [past], [{ ...link, kind: 'rename', from: ['old'], to: ['new'] }]);
    expect(renamed[0]!.targets.map((t) => [t.targetId, t.rank])).toEqual([['new', 1], ['s2', 2]]);
    const clash = programmeHistory({ ...current, period: { kind: 'quarter', start: '2026-04-01', end: '2026-06-30' } }, [past], [{ ...link, kind: 'split', from: ['old'], to: ['s2', 'new'] }]);
    expect(clash[0]!.targets.map((t) => [t.targetId, t.rank])).toEqual([['new', 1], ['s2', 2]]);
  });
});

describe('target link checks', () => {
  const problem = (req: Parameters<typeof linkProblem>[0]) => linkProblem(req);
  it('accepts each kind in its shape', () => {
    expect(problem({ kind: 'rename', from: ['a'], to: ['b'] })).toBeUndefined();
    expect(problem({ kind: 'merge', from: ['a', 'b'], to: ['c'], carries: ['a'] })).toBeUndefined();
    expect(problem({ kind: 'split', from: ['a'], to: ['a', 'b'] })).toBeUndefined();
  });

  it('refuses a link that does not fit its kind', () => {
    expect(problem({ kind: 'rename', from: ['a'], to: ['b', 'c'] })).toBe('a rename links one target to one target');
    expect(problem({ kind: 'rename', from: ['a'], to: ['a'] })).toBe('a rename needs a new id');
    expect(problem({ kind: 'merge', from: ['a'], to: ['c'] })).toBe('a merge links two or more targets to one');
    expect(problem({ kind: 'merge', from: ['a', 'b'], to: ['c'], carries: ['a', 'b'] })).toBe('a merge carries the history of at most one of the merged targets');
    expect(problem({ kind: 'merge', from: ['a', 'b'], to: ['a'] })).toBe('the merged target must be new');
    expect(problem({ kind: 'split', from: ['a'], to: ['b', 'c'], carries: ['d'] })).toBe('a split carries history only to its successors');
    expect(problem({ kind: 'split', from: ['a'], to: ['b', 'b'] })).toBe('an id is listed twice');
  });
});
