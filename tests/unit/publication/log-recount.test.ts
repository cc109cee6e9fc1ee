import { getSchemePreset } from '@shared/schemes';
import { RoundFacts, scoreRound, type Scheme } from '@shared/scoring';
import type { Ballot } from '@shared/model/ballot';
import { ballotTreeOf, loggedBallot, type LoggedBallot } from '@shared/publication/ballot-log';
import { differences, recountFromLog } from '@shared/publication/log-recount';
import { mainProblems } from '@shared/publication/main-problems';
import { SNAPSHOT_FORMAT, Snapshot } from '@shared/publication/snapshot';

const scheme = getSchemePreset('ganquan') as Scheme;

const stored = (i: number, targetId: string, overall: string): Ballot => ({
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
});

/** 甘泉 facts and a snapshot made the way publishRound makes them, from counters the ballots added. */
function publish(ballots: Ballot[], voided: string[] = []): { snapshot: Snapshot; log: LoggedBallot[] } {
  const count = (t: string, v: string) => ballots.filter((b) => b.targetId === t && b.answers.overall === v && !voided.includes(b.ballotId)).length;
  const channel = (t: string) => ({ window: { ballots: count(t, 'satisfied') + count(t, 'unsatisfied'), answers: { overall: { satisfied: count(t, 'satisfied'), unsatisfied: count(t, 'unsatisfied') } } } });
  const facts = RoundFacts.parse({ roundId: 'r1', targets: [{ targetId: 's1', group: 'all', channels: channel('s1'), served: 4 }, { targetId: 's2', group: 'all', channels: channel('s2'), served: 4 }] });
  const results = scoreRound(scheme, facts);
  const byId = new Map(facts.targets.map((t) => [t.targetId, t]));
  const log = ballots.map(loggedBallot);
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
    mainProblems: Object.fromEntries(results.targets.map((t) => [t.targetId, mainProblems(scheme, t, byId.get(t.targetId))])),
    voided: voided.map((ballotId) => ({ ballotId, targetId: ballots.find((b) => b.ballotId === ballotId)!.targetId, channel: 'window', reason: '自评', voidedAt: '2026-11-30T00:00:00.000Z', voidedBy: 'sup' })),
    misconduct: [],
    ballotTree: ballotTreeOf(log.map((l) => l.digest)),
  });
  return { snapshot, log };
}

const ballots = [stored(1, 's1', 'satisfied'), stored(2, 's1', 'satisfied'), stored(3, 's1', 'unsatisfied'), stored(4, 's2', 'unsatisfied'), stored(5, 's2', 'satisfied')];

describe('recount from the ballot log', () => {
  it('reproduces a snapshot exactly, voids included', () => {
    const { snapshot, log } = publish(ballots, ['b3']);
    const report = recountFromLog(scheme, snapshot, log);
    expect(report).toMatchObject({ ballots: 5, voided: 1, mismatches: [] });
    expect(report.tree.recomputed).toEqual(snapshot.ballotTree);
  });

  it('names a missing ballot by the root, the size, the tally and the numbers it moves', () => {
    const { snapshot, log } = publish(ballots);
    const { mismatches } = recountFromLog(scheme, snapshot, log.slice(1));
    expect(mismatches[0]).toBe('ballot tree size: published 5, recomputed 4');
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
