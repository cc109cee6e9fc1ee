import { getSchemePreset } from '@shared/schemes';
import { RoundFacts, scoreRound, type Scheme } from '@shared/scoring';
import type { Ballot } from '@shared/model/ballot';
import { ballotTreeOf, loggedBallot, type BallotLogHeader, type LoggedBallot } from '@shared/publication/ballot-log';
import { differences, recountFromLog } from '@shared/publication/log-recount';
import { roundMainProblems } from '@shared/publication/main-problems';
import { commentTallies } from '@shared/publication/comment-problems';
import { commentLexiconStamp } from '@shared/publication/comment-categories';
import { SNAPSHOT_FORMAT, Snapshot } from '@shared/publication/snapshot';

const scheme = getSchemePreset('ganquan') as Scheme;

const stored = (i: number, targetId: string, overall: string, comment?: string): Ballot => ({
  ballotId: `b${i}`,
  clientBallotId: '2f1c8e2a-7d43-4c4e-9a55-0c7f1b8f6b11',
  receiptId: `R${i}`,
  roundId: 'r1',
  targetId,
  channel: 'window',
  answers: { overall },
  evaluator: `e${i}`,
  receivedAt: '2026-11-23T08:00:00.000Z',
  shard: 0,
  nonce: `n${i}`,
  ...(comment ? { comment } : {}),
});

/**
 * 甘泉 facts and a snapshot made the way publishRound makes them, from counters the ballots added;
 * `beforeComments`: as published before comment categories (no lexicon, indicator problems only).
 */
function publish(ballots: Ballot[], voided: string[] = [], beforeComments = false): { snapshot: Snapshot; log: LoggedBallot[] } {
  const count = (t: string, v: string) => ballots.filter((b) => b.targetId === t && b.answers.overall === v && !voided.includes(b.ballotId)).length;
  const channel = (t: string) => ({ window: { ballots: count(t, 'satisfied') + count(t, 'unsatisfied'), answers: { overall: { satisfied: count(t, 'satisfied'), unsatisfied: count(t, 'unsatisfied') } } } });
  const facts = RoundFacts.parse({ roundId: 'r1', targets: [{ targetId: 's1', group: 'all', channels: channel('s1'), served: 4 }, { targetId: 's2', group: 'all', channels: channel('s2'), served: 4 }] });
  const results = scoreRound(scheme, facts);
  const log = ballots.map(loggedBallot);
  const comments = beforeComments ? undefined : commentTallies(log, new Set(voided));
  const snapshot = Snapshot.parse({
    format: SNAPSHOT_FORMAT,
    roundId: 'r1',
    version: 1,
    round: { id: 'r1', name: '测试', period: { kind: 'quarter', label: 'Q4', start: '2026-10-01', end: '2026-12-31' }, schemeId: 'ganquan', targetKind: 'section' },
    schemeName: scheme.name,
    publishedAt: '2026-12-01T00:00:00.000Z',
    publishedBy: 'sup',
    facts,
    results,
    mainProblems: roundMainProblems(scheme, results, facts, comments),
    voided: voided.map((ballotId) => ({ ballotId, targetId: ballots.find((b) => b.ballotId === ballotId)!.targetId, channel: 'window', reason: '自评', voidedAt: '2026-11-30T00:00:00.000Z', voidedBy: 'sup' })),
    misconduct: [],
    ballotTree: ballotTreeOf(log.map((l) => l.digest)),
    ...(beforeComments ? {} : { commentLexicon: commentLexiconStamp() }),
  });
  return { snapshot, log };
}

const ballots = [
  stored(1, 's1', 'satisfied', '态度很好'),
  stored(2, 's1', 'satisfied'),
  stored(3, 's1', 'unsatisfied', '排队太久'),
  stored(4, 's2', 'unsatisfied', '态度冷漠，排队太久'),
  stored(5, 's2', 'satisfied', '还行，就是停车难'),
  stored(6, 's2', 'unsatisfied', '工作人员态度差'),
];
const header: BallotLogHeader = { format: 'pingyi-ballot-log/1', roundId: 'r1', ballots: ballots.length, tree: 'rfc6962-sha256', commentLexicon: commentLexiconStamp() };

describe('recount from the ballot log', () => {
  it('reproduces a snapshot exactly, voids included', () => {
    const { snapshot, log } = publish(ballots, ['b3']);
    const report = recountFromLog(scheme, snapshot, log, header);
    expect(report).toMatchObject({ ballots: 6, voided: 1, mismatches: [] });
    expect(report.tree.recomputed).toEqual(snapshot.ballotTree);
  });

  it('recomputes the comment categories from the log lines, less the voided ballots', () => {
    const { snapshot, log } = publish(ballots, ['b3']);
    // Ties put the indicator first.
    expect(snapshot.mainProblems.s2!.map((p) => [p.label, p.count, p.share])).toEqual([
      [expect.stringMatching(/：不满意$/), 2, null],
      ['群众意见：服务态度', 2, 2 / 3],
      ['群众意见：办事效率', 1, 1 / 3],
    ]);
    // s1's only complaint (排队太久) is on the voided ballot.
    expect(snapshot.mainProblems.s1).toEqual([]);
    // The categories are outside the digests: an altered line keeps its leaf, but not the numbers.
    const altered = log.map((l) => (l.ballotId === 'b6' ? { ...l, commentCategories: ['graft' as const] } : l));
    const { mismatches, tree } = recountFromLog(scheme, snapshot, altered, header);
    expect(tree.recomputed).toEqual(snapshot.ballotTree);
    expect(mismatches).toContainEqual(expect.stringMatching(/^mainProblems\.s2\[1\]\.count: published 2, recomputed 1$/));
  });

  it('names a log classified with another lexicon than the snapshot counted with', () => {
    const { snapshot, log } = publish(ballots);
    const other = { ...header, commentLexicon: { id: 'pingyi-comments/2', sha256: '0'.repeat(64) } };
    expect(recountFromLog(scheme, snapshot, log, other).mismatches).toEqual([
      `log: comment categories from lexicon {"id":"pingyi-comments/2","sha256":"${'0'.repeat(64)}"}, the snapshot counted with ${JSON.stringify(commentLexiconStamp())}`,
    ]);
    const { commentLexicon: _none, ...older } = header;
    expect(recountFromLog(scheme, snapshot, log, older).mismatches).toEqual([expect.stringMatching(/^log: comment categories from lexicon none, /)]);
    expect(recountFromLog(scheme, snapshot, log, { ...header, roundId: 'r2' }).mismatches).toEqual(['log: round r2, the snapshot is r1']);
  });

  it('recounts a snapshot published before comment categories as it was published', () => {
    const { snapshot, log } = publish(ballots, [], true);
    expect(snapshot.commentLexicon).toBeUndefined();
    expect(snapshot.mainProblems.s2).toEqual([expect.not.objectContaining({ source: expect.anything() })]);
    expect(recountFromLog(scheme, snapshot, log, header).mismatches).toEqual([]);
  });

  it('names a missing ballot by the root, the size, the tally and the numbers it moves', () => {
    const { snapshot, log } = publish(ballots);
    const { mismatches } = recountFromLog(scheme, snapshot, log.slice(1));
    expect(mismatches[0]).toBe('ballot tree size: published 6, recomputed 5');
    expect(mismatches[1]).toMatch(/^ballot tree root: published [0-9a-f]{64}, recomputed [0-9a-f]{64}$/);
    expect(mismatches).toContainEqual(expect.stringMatching(/^facts s1\.window: published .*"satisfied":2.*, recomputed .*"satisfied":1/));
    expect(mismatches).toContainEqual(expect.stringMatching(/^results\.targets\[\d\]\.total: /));
  });

  it('names a line whose content no longer matches its digest, a duplicate, and a void without its ballot', () => {
    const { snapshot, log } = publish(ballots, ['b3']);
    const edited = [{ ...log[0]!, answers: { overall: 'unsatisfied' } }, ...log.slice(1), log[4]!];
    const voidless = { ...snapshot, voided: [{ ...snapshot.voided[0]!, ballotId: 'b9' }] };
    const { mismatches } = recountFromLog(scheme, voidless, edited);
    expect(mismatches).toContain(`ballot b1: digest ${log[0]!.digest} does not match its content (recomputed ${loggedBallot({ ...ballots[0]!, answers: { overall: 'unsatisfied' } }).digest})`);
    expect(mismatches).toContain('ballot b5: listed twice');
    expect(mismatches).toContain('void of b9: no such ballot in the log');
  });

  it('compares values path by path', () => {
    expect(differences({ a: [1, 2], b: { c: 'x' } }, { a: [1, 3], b: { c: 'x' } }, 'r')).toEqual(['r.a[1]: published 2, recomputed 3']);
    expect(differences([1], [1, 2], 'r')).toEqual(['r: published [1], recomputed [1,2]']);
  });
});
