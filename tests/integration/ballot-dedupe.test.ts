import { randomUUID } from 'node:crypto';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { TestClock } from '../support/clock';
import { recount } from '../../functions/src/domain/recount';

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
// 2026-11-23 10:00 China Standard Time.
const clock = new TestClock(Date.parse('2026-11-23T02:00:00Z'));

beforeAll(async () => {
  stack = await startStack({ overrides: { clock } });
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { opensAt: '2026-11-01T00:00:00Z', closesAt: '2026-12-31T00:00:00Z' });
});
afterAll(() => stack.close());

const windowBallots = async (targetId: string) =>
  (await api.get(`/rounds/${county.roundId}/tallies`, await api.login('admin-1', 'admin'))).body.targets.find((t: { targetId: string }) => t.targetId === targetId).channels.window?.ballots ?? 0;

describe('dedupe and idempotent retry', () => {
  it('returns the first receipt when the same ballot is retried', async () => {
    const citizen = await api.login('retry-person');
    const body = ballot(county.windowTokens.w112!);
    const first = await api.post('/ballots', body, citizen);
    const again = await api.post('/ballots', body, citizen);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(true);
    expect(again.body.receipt).toEqual(first.body.receipt);
    expect(await windowBallots('s11')).toBe(1);
  });

  it('rejects a different ballot by the same person at the same window the same day with DUPLICATE_BALLOT', async () => {
    const citizen = await api.login('same-day');
    expect((await api.post('/ballots', ballot(county.windowTokens.w121!), citizen)).status).toBe(201);
    clock.advance(3 * 3600_000);
    const second = await api.post('/ballots', ballot(county.windowTokens.w121!, { answers: { overall: 'unsatisfied' } }), citizen);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('DUPLICATE_BALLOT');
    expect(second.body.error.message).toBe('您已经评价过了，感谢参与');
  });

  // A section round rates the section: one rating per person per round, whatever the day. (A round
  // rating the windows themselves, on a scheme that rates each visit, takes one per window per
  // China-time day: tests/unit/ballot-dedupe-rule.test.ts and red-team/counting.test.ts.)
  it('counts the same person at a section once per round, on the next day too', async () => {
    clock.set('2026-11-24T15:30:00Z'); // 23:30 CST on the 24th
    const citizen = await api.login('next-day');
    expect((await api.post('/ballots', ballot(county.windowTokens.w211!), citizen)).status).toBe(201);
    clock.set('2026-11-24T16:10:00Z'); // 00:10 CST on the 25th: a new day in China
    const again = await api.post('/ballots', ballot(county.windowTokens.w211!), citizen);
    expect([again.status, again.body.error.code]).toEqual([409, 'DUPLICATE_BALLOT']);
    expect(await windowBallots('s21')).toBe(1);
  });

  it('counts one rating of a section across its windows and the sampling link', async () => {
    const citizen = await api.login('two-windows');
    expect((await api.post('/ballots', ballot(county.windowTokens.w111!), citizen)).status).toBe(201);
    expect((await api.post('/ballots', ballot(county.windowTokens.w112!), citizen)).body.error.code).toBe('DUPLICATE_BALLOT');
    expect((await api.post('/ballots', ballot(county.samplingToken, { targetId: 's11' }), citizen)).body.error.code).toBe('DUPLICATE_BALLOT');
  });

  it('allows one sampling ballot per person per target per round', async () => {
    const citizen = await api.login('sampler');
    expect((await api.post('/ballots', ballot(county.samplingToken, { targetId: 's12' }), citizen)).status).toBe(201);
    clock.advance(5 * 86400_000);
    const later = await api.login('sampler'); // sessions last 12 hours; same person, new session
    const again = await api.post('/ballots', ballot(county.samplingToken, { targetId: 's12' }), later);
    expect(again.body.error.code).toBe('DUPLICATE_BALLOT');
    expect((await api.post('/ballots', ballot(county.samplingToken, { targetId: 's11' }), later)).status).toBe(201);
  });

  it('answers INVITATION_USED when an invitation rates the same target twice', async () => {
    const inv = county.invitations[1]!;
    expect((await api.post('/ballots', ballot(inv.token, { targetId: 's11' }))).status).toBe(201);
    const twice = await api.post('/ballots', ballot(inv.token, { targetId: 's11' }));
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('INVITATION_USED');
  });

  it('rejects reuse of a clientBallotId for a different ballot with IDEMPOTENCY_CONFLICT', async () => {
    const citizen = await api.login('reuser');
    const id = randomUUID();
    expect((await api.post('/ballots', { ...ballot(county.samplingToken, { targetId: 's21' }), clientBallotId: id }, citizen)).status).toBe(201);
    const other = await api.post('/ballots', { ...ballot(county.samplingToken, { targetId: 's11' }), clientBallotId: id }, citizen);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('keeps clientBallotIds per evaluator: another person using the same id is a separate ballot', async () => {
    const id = randomUUID();
    const a = await api.post('/ballots', { ...ballot(county.samplingToken, { targetId: 's21' }), clientBallotId: id }, await api.login('alice'));
    const b = await api.post('/ballots', { ...ballot(county.samplingToken, { targetId: 's21' }), clientBallotId: id }, await api.login('bob'));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.receipt.receiptId).not.toBe(b.body.receipt.receiptId);
  });

  it('still returns the receipt of an accepted ballot retried after the round closed', async () => {
    const citizen = await api.login('late-retry');
    const body = ballot(county.samplingToken, { targetId: 's21' });
    const first = await api.post('/ballots', body, citizen);
    expect((await api.post(`/admin/rounds/${county.roundId}/close`, undefined, await api.login('admin-1', 'admin'))).status).toBe(200);
    const retry = await api.post('/ballots', body, citizen);
    expect(retry.status).toBe(200);
    expect(retry.body.receipt.receiptId).toBe(first.body.receipt.receiptId);
    const fresh = await api.post('/ballots', ballot(county.samplingToken, { targetId: 's11' }), citizen);
    expect(fresh.body.error.code).toBe('ROUND_CLOSED');
  });

  it('leaves tallies equal to the recount', async () => {
    const report = await recount(stack.deps, county.roundId);
    expect(report.mismatches).toEqual([]);
    expect(report.ballots).toBe(report.tallied);
    // 1 + 1 + 1 + 1 + 2 + 1 + 1 + 2 + 1 accepted above.
    expect(report.ballots).toBe(11);
  });
});
