import { DEFAULT_BALLOT_RATE_RULES, ballotRateSubjects, rateRulesFromEnv } from '../../functions/src/domain/ballots/rate-limits';

describe('ballot rate limit configuration', () => {
  it('uses the defaults when BALLOT_RATE_LIMITS is unset', () => {
    expect(rateRulesFromEnv({})).toEqual(DEFAULT_BALLOT_RATE_RULES);
  });

  it('replaces named scopes, removes scopes set to off and keeps the rest', () => {
    const rules = rateRulesFromEnv({ BALLOT_RATE_LIMITS: 'place=30/600, ip=off' });
    expect(rules).toEqual([
      { scope: 'evaluator', limit: 20, windowSeconds: 60 },
      { scope: 'place', limit: 30, windowSeconds: 600 },
    ]);
    expect(rateRulesFromEnv({ BALLOT_RATE_LIMITS: 'off' })).toEqual([]);
  });

  it.each(['evaluator=20', 'nobody=1/60', 'ip=0/60', 'ip=5/0', 'ip=5/100000'])('refuses to start on %s', (v) => {
    expect(() => rateRulesFromEnv({ BALLOT_RATE_LIMITS: v })).toThrow(/BALLOT_RATE_LIMITS/);
  });
});

describe('ballot rate subjects', () => {
  it('keys window ballots by the window, other channels by round and target', () => {
    expect(ballotRateSubjects({ channel: 'window', evaluator: 'e', ip: '10.0.0.1', windowId: 'w1' })).toEqual({ ip: '10.0.0.1', evaluator: 'e', place: 'W:w1' });
    expect(ballotRateSubjects({ channel: 'sampling', evaluator: 'e', ip: undefined, roundId: 'r1', targetId: 's1' })).toEqual({ evaluator: 'e', place: 'T:r1:s1' });
  });

  it('limits invited ballots by address only (their invitations bound them)', () => {
    expect(ballotRateSubjects({ channel: 'hearing', evaluator: 'e', ip: '10.0.0.1', roundId: 'r1', targetId: 's1' })).toEqual({ ip: '10.0.0.1' });
  });
});
