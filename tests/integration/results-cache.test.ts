import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { roundFacts } from '../../functions/src/domain/round-facts';
import { roundResults, score, withImportClashes } from '../../functions/src/domain/results';
import { dynamoStore } from '../../functions/src/adapters/dynamodb';

/**
 * Remembered results (functions/src/domain/results-cache/): `GET /api/rounds/:id/results` is
 * scored once and then answered from memory while nothing it is made of changes; a ballot, an
 * entered input, a misconduct record or a void shows on the very next read, and every answer
 * equals a computation from scratch (the counters and every source read afresh, as publication
 * reads them). Staff still see only what the disclosure policy lets them.
 */
let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let supervisor: string;
const tallyQueries: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { schemeId: 'ganquan', channels: ['window'] });
  supervisor = await api.login('ban-gongshi', 'supervisor');
  stack.db.middlewareStack.add(
    (next, context) => async (args) => {
      const pk = (args.input as { ExpressionAttributeValues?: Record<string, unknown> }).ExpressionAttributeValues?.[':pk'];
      if (context.commandName === 'QueryCommand' && typeof pk === 'string' && pk.startsWith('TALLY#')) tallyQueries.push(pk);
      return next(args);
    },
    { step: 'initialize', name: 'tallyQueryWatch' },
  );
});
afterAll(() => stack.close());

type Scored = { targets: Array<{ targetId: string; misconduct: number; components: Record<string, { value: number | null }> }>; groups: Array<{ order: string[] }> };
let voter = 0;
async function vote(window: string, overall = 'satisfied'): Promise<string> {
  const r = await api.post('/ballots', ballot(county.windowTokens[window]!, { answers: { overall } }), await api.login(`v-${voter++}`));
  expect(r.status).toBe(201);
  return r.body.receipt.receiptId as string;
}

/** The result computed from scratch: every source read afresh, the counters included, then the engine. */
async function fromScratch(): Promise<Scored> {
  const { scheme, facts, clashes } = await roundFacts(stack.deps, county.roundId, { fresh: true });
  return JSON.parse(JSON.stringify(withImportClashes(score(scheme, facts, 'list'), clashes)));
}

/** The office's results over HTTP, checked against a computation from scratch. */
async function read(): Promise<Scored> {
  const r = await api.get(`/rounds/${county.roundId}/results`, county.admin);
  expect(r.status).toBe(200);
  expect(r.body).toEqual(await fromScratch());
  return r.body;
}
const target = (r: Scored, id: string) => r.targets.find((t) => t.targetId === id)!;
const satisfaction = (r: Scored, id: string) => target(r, id).components.satisfaction!.value;

describe('remembered results', () => {
  it('answers a repeated read from memory, and the answer is what a computation from scratch gives', async () => {
    await vote('w111');
    await vote('w121', 'unsatisfied');
    const first = await read();
    expect(satisfaction(first, 's11')).toBeCloseTo(1, 9);
    expect(satisfaction(first, 's12')).toBeCloseTo(0, 9);
    // The same object twice: scored once, remembered.
    const a = await roundResults(stack.deps, county.roundId);
    expect(await roundResults(stack.deps, county.roundId)).toBe(a);
    expect(Object.isFrozen(a.targets[0])).toBe(true);
    tallyQueries.length = 0;
    expect((await api.get(`/rounds/${county.roundId}/results`, county.admin)).body).toEqual(first);
    expect(tallyQueries).toEqual([]);
  });

  it('sends the remembered answer as the very JSON Express would, serialised once', async () => {
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      const res = await fetch(`${stack.baseUrl}/api/rounds/${county.roundId}/results`, { headers: { authorization: `Bearer ${county.admin}` } });
      const again = await fetch(`${stack.baseUrl}/api/rounds/${county.roundId}/results`, { headers: { authorization: `Bearer ${county.admin}` } });
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = await res.text();
      expect(await again.text()).toBe(body);
      const remembered = await roundResults(stack.deps, county.roundId);
      expect(body).toBe(JSON.stringify(remembered));
      // Two reads of an unchanged round, and the answer was serialised for neither (it was when
      // first sent, in the test above): the one serialisation seen is this test's own, just above.
      expect(stringify.mock.results.filter((r) => r.value === body)).toHaveLength(1);
    } finally {
      stringify.mockRestore();
    }
  });

  it('shows each ballot on the very next read', async () => {
    const before = await roundResults(stack.deps, county.roundId);
    const expected = [1 / 2, 1 / 3, 2 / 4];
    const shards = (await stack.deps.store.rounds.getRound(county.roundId))!.tallyShards;
    for (const [i, overall] of ['unsatisfied', 'unsatisfied', 'satisfied'].entries()) {
      await vote(i % 2 === 0 ? 'w111' : 'w112', overall);
      tallyQueries.length = 0;
      expect(satisfaction(await read(), 's11')).toBeCloseTo(expected[i]!, 9);
      // One ballot since the last read: the app read again only the counter it added to (a
      // BatchGetItem); the shard Queries are the from-scratch check's.
      expect(tallyQueries.length).toBe(shards);
    }
    expect(await roundResults(stack.deps, county.roundId)).not.toBe(before);
  });

  it('shows an entered input on the next read, though the tallies come from memory', async () => {
    const served = (n: number) => api.post(`/admin/rounds/${county.roundId}/target-inputs`, { targets: ['s11', 's12', 's21'].map((targetId) => ({ targetId, served: n })) }, supervisor);
    expect((await served(10)).status).toBe(200);
    expect(target(await read(), 's11').components.return_rate!.value).toBeCloseTo(4 / 10, 9);
    tallyQueries.length = 0;
    expect((await served(400)).status).toBe(200);
    expect(target(await read(), 's11').components.return_rate!.value).toBeCloseTo(4 / 400, 9);
    // Only the from-scratch check read the counters (fresh); the app's read came from memory.
    expect(tallyQueries.length).toBe((await stack.deps.store.rounds.getRound(county.roundId))!.tallyShards);
  });

  it('keeps another container true: a ballot written through one shows on the next read of the other', async () => {
    const other = { ...stack.deps, store: dynamoStore(stack.db, stack.tableName) };
    const first = await roundResults(other, county.roundId);
    expect(await roundResults(other, county.roundId)).toBe(first);
    await read();
    await vote('w211');
    const after = await roundResults(other, county.roundId);
    expect(after).not.toBe(first);
    expect(JSON.parse(JSON.stringify(after))).toEqual(await fromScratch());
  });

  it('never gives staff of an open round the office result: they are scored on their disclosed batch', async () => {
    const office = await read();
    expect(satisfaction(office, 's11')).not.toBeNull();
    const staff = await api.login('keyuan-open', 'staff', 'u1');
    const r = await api.get(`/rounds/${county.roundId}/results`, staff);
    expect(r.status).toBe(200);
    const seen = r.body as Scored;
    expect(seen.targets.map((t) => t.targetId).sort()).toEqual(['s11', 's12']);
    // Fewer than k = 10 ballots on s11: nothing of them is disclosed yet.
    expect(satisfaction(seen, 's11')).toBeNull();
    expect(seen.groups.flatMap((g) => g.order)).not.toContain('s21');
  });

  it('scopes the remembered result to the unit for staff once closed, and shows a void and a misconduct record on the next read', async () => {
    const receipt = await vote('w121', 'unsatisfied');
    expect((await api.post(`/admin/rounds/${county.roundId}/close`, undefined, county.admin)).status).toBe(200);
    const staff = await api.login('keyuan-u1', 'staff', 'u1');
    const staffRead = async () => {
      const r = await api.get(`/rounds/${county.roundId}/results`, staff);
      expect(r.status).toBe(200);
      return r.body as Scored;
    };
    const office = await read();
    const seen = await staffRead();
    expect(seen.targets.map((t) => t.targetId).sort()).toEqual(['s11', 's12']);
    expect(seen.targets).toEqual(office.targets.filter((t) => t.targetId !== 's21'));
    expect(seen.groups.flatMap((g) => g.order)).not.toContain('s21');
    // The office's remembered result is untouched by the staff's scoped copy.
    expect((await read()).targets.map((t) => t.targetId)).toContain('s21');
    expect(satisfaction(office, 's12')).toBeCloseTo(0, 9);
    // s12 holds two forms; voiding one moves its return rate (2/400 → 1/400).
    expect((await api.post(`/admin/rounds/${county.roundId}/ballots/${receipt}/void`, { reason: '重复提交' }, supervisor)).status).toBe(201);
    const after = await read();
    expect(after).not.toEqual(office);
    expect(target(await staffRead(), 's12')).toEqual(target(after, 's12'));
    // A verified misconduct record (recorded once the round is closed) too.
    expect((await api.post(`/admin/rounds/${county.roundId}/misconduct`, { targetId: 's12', reason: '群众实名投诉查实', reference: '2026-001' }, supervisor)).status).toBe(201);
    expect(target(await read(), 's12').misconduct).toBe(1);
    expect(target(await staffRead(), 's12').misconduct).toBe(1);
  });
});
