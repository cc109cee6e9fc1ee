import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { tableDigest } from '../support/snapshot';
import { TestClock } from '../support/clock';
import type { RateRule } from '../../functions/src/domain/ballots/rate-limits';

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
// 10 s into a minute, pinned: every ballot of a test falls in one window unless the test moves on.
const clock = new TestClock(Math.floor(Date.now() / 60_000) * 60_000 + 10_000);
// The rules the app reads on every ballot; each test sets its own and moves to a fresh window.
const rules: RateRule[] = [];
const useRules = (...next: RateRule[]) => {
  rules.splice(0, rules.length, ...next);
  clock.advance(60_000);
};

beforeAll(async () => {
  stack = await startStack({ overrides: { clock, rateLimits: rules } });
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api);
});
afterAll(() => stack.close());

let citizens = 0;
const citizen = () => api.login(`rate-citizen-${citizens++}`);
const atWindow = (w: string, session: string, extra: Record<string, unknown> = {}) => api.post('/ballots', ballot(county.windowTokens[w]!, extra), session);

/** A refused ballot: 429 RATE_LIMITED naming the scope, Retry-After to the window's end, and not one item changed. */
async function expectLimited(send: () => Promise<{ status: number; body: any; headers: Headers }>, scope: string) {
  const before = await tableDigest(stack.db, stack.tableName);
  const r = await send();
  expect([r.status, r.body.error.code, r.body.error.details.scope]).toEqual([429, 'RATE_LIMITED', scope]);
  expect(r.body.error.message).toBe('操作太频繁，请稍后再试');
  // The clock sits 10 s into its minute: 50 s to go.
  expect(r.headers.get('retry-after')).toBe('50');
  expect(r.body.error.details.retryAfterSeconds).toBe(50);
  expect(await tableDigest(stack.db, stack.tableName)).toEqual(before);
}

describe('ballot rate limits', () => {
  it('refuses an evaluator past the per-evaluator limit until the window ends', async () => {
    // Windows of different sections: one rating per section per round (the dedupe rule).
    useRules({ scope: 'evaluator', limit: 2, windowSeconds: 60 });
    const eve = await citizen();
    for (const w of ['w111', 'w121']) expect((await atWindow(w, eve)).status).toBe(201);
    const fourth = ballot(county.windowTokens.w211!);
    await expectLimited(() => api.post('/ballots', fourth, eve), 'evaluator');
    // Someone else is not affected.
    expect((await atWindow('w211', await citizen())).status).toBe(201);
    clock.advance(60_000);
    expect((await api.post('/ballots', fourth, eve)).status).toBe(201);
  });

  it('answers a retry of an accepted ballot with its receipt even while the evaluator is limited, and does not count it', async () => {
    useRules({ scope: 'evaluator', limit: 1, windowSeconds: 60 });
    const eve = await citizen();
    const first = ballot(county.windowTokens.w111!);
    const accepted = await api.post('/ballots', first, eve);
    expect(accepted.status).toBe(201);
    const retry = await api.post('/ballots', first, eve);
    expect([retry.status, retry.body.receipt.receiptId]).toEqual([200, accepted.body.receipt.receiptId]);
    await expectLimited(() => atWindow('w121', eve), 'evaluator');
  });

  it('refuses a window past the per-place limit, and other windows keep accepting', async () => {
    useRules({ scope: 'place', limit: 2, windowSeconds: 60 });
    for (let i = 0; i < 2; i++) expect((await atWindow('w121', await citizen())).status).toBe(201);
    const late = await citizen();
    await expectLimited(() => atWindow('w121', late), 'place');
    expect((await atWindow('w111', late)).status).toBe(201);
  });

  it('limits sampling ballots per round and target', async () => {
    useRules({ scope: 'place', limit: 1, windowSeconds: 60 });
    const sampled = (targetId: string, s: string) => api.post('/ballots', ballot(county.samplingToken, { targetId }), s);
    expect((await sampled('s12', await citizen())).status).toBe(201);
    const next = await citizen();
    await expectLimited(() => sampled('s12', next), 'place');
    expect((await sampled('s21', next)).status).toBe(201);
  });

  it('refuses one client address past the per-address limit whoever signs in', async () => {
    useRules({ scope: 'ip', limit: 4, windowSeconds: 60 }, { scope: 'evaluator', limit: 20, windowSeconds: 60 });
    for (let i = 0; i < 4; i++) expect((await atWindow(['w111', 'w112', 'w121', 'w211'][i]!, await citizen())).status).toBe(201);
    const fresh = await citizen();
    await expectLimited(() => atWindow('w111', fresh), 'ip');
  });

  it('counts only accepted ballots: refused ones (duplicates, bad answers) use up nothing', async () => {
    useRules({ scope: 'evaluator', limit: 2, windowSeconds: 60 });
    const eve = await citizen();
    expect((await atWindow('w111', eve)).status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await atWindow('w111', eve)).body.error.code).toBe('DUPLICATE_BALLOT');
    expect((await atWindow('w121', eve, { answers: { overall: 'sort-of' } })).body.error.code).toBe('ANSWERS_INVALID');
    expect((await atWindow('w121', eve)).status).toBe(201);
    await expectLimited(() => atWindow('w211', eve), 'evaluator');
  });

  it('stores no client address: counter keys are keyed hashes', async () => {
    const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
    const items = (await stack.db.send(new ScanCommand({ TableName: stack.tableName, FilterExpression: 'entity = :e', ExpressionAttributeValues: { ':e': 'rate' } }))).Items ?? [];
    expect(items.length).toBeGreaterThan(0);
    expect(JSON.stringify(items)).not.toMatch(/127\.0\.0\.1|::1|ffff/);
  });
});
