import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { roundTallies } from '../../functions/src/domain/tallies';

/**
 * Remembered tallies (functions/src/domain/tally-cache/): every read answers what the store
 * holds at that moment — a ballot, a new node or a void shows on the very next read — and a read
 * with nothing new in between is answered without reading the counters again.
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
  // Which counter partitions each request reads (Query on TALLY#<round>#<shard>).
  stack.db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ExpressionAttributeValues?: Record<string, unknown> };
      const pk = input.ExpressionAttributeValues?.[':pk'];
      if (context.commandName === 'QueryCommand' && typeof pk === 'string' && pk.startsWith('TALLY#')) tallyQueries.push(pk);
      return next(args);
    },
    { step: 'initialize', name: 'tallyQueryWatch' },
  );
});
afterAll(() => stack.close());

type Tallies = { targets: Array<{ targetId: string; channels: Record<string, { ballots: number; answers: Record<string, Record<string, number>> }> }> };
const ballotsOf = (t: Tallies, targetId: string) => Object.values(t.targets.find((x) => x.targetId === targetId)?.channels ?? {}).reduce((n, c) => n + c.ballots, 0);

/** The tallies over HTTP, checked against the counters read straight from the store. */
async function read(token = county.admin, compare = token === county.admin): Promise<Tallies> {
  const r = await api.get(`/rounds/${county.roundId}/tallies`, token);
  expect(r.status).toBe(200);
  if (compare) {
    const fresh = await roundTallies(stack.deps, county.roundId, { fresh: true });
    expect(r.body.targets).toEqual(fresh.targets);
  }
  return r.body;
}

describe('remembered tallies', () => {
  it('reads, votes, reads again: every ballot shows on the next read, and a repeated read does not read the counters', async () => {
    let before = await read();
    expect(ballotsOf(before, 's11')).toBe(0);
    for (let i = 0; i < 6; i++) {
      const overall = i % 3 === 0 ? 'unsatisfied' : 'satisfied';
      const body = i % 2 === 0 ? ballot(county.windowTokens.w111!, { answers: { overall } }) : ballot(county.windowTokens.w121!, { answers: { overall } });
      expect((await api.post('/ballots', body, await api.login(`c-${i}`))).status).toBe(201);
      const after = await read();
      const target = i % 2 === 0 ? 's11' : 's12';
      expect(ballotsOf(after, target)).toBe(ballotsOf(before, target) + 1);
      expect(ballotsOf(after, 's21')).toBe(0);
      before = after;
    }
    tallyQueries.length = 0;
    for (let i = 0; i < 3; i++) expect(await read(county.admin, false)).toEqual({ ...before, computedAt: expect.any(String) });
    expect(tallyQueries).toEqual([]);
    // The results endpoint scores the same (remembered) tallies, and sees the next ballot too.
    const s11 = async () => (await api.get(`/rounds/${county.roundId}/results`, county.admin)).body.targets.find((t: { targetId: string }) => t.targetId === 's11');
    expect((await s11()).components.satisfaction.value).toBeCloseTo(2 / 3, 9);
    expect((await api.post('/ballots', ballot(county.windowTokens.w112!, { answers: { overall: 'unsatisfied' } }), await api.login('c-late'))).status).toBe(201);
    expect((await s11()).components.satisfaction.value).toBeCloseTo(2 / 4, 9);
    expect(tallyQueries.length).toBeGreaterThan(0);
  });

  it('lists a section imported after the answer was remembered', async () => {
    await read();
    const imported = await api.call('POST', '/admin/nodes/import', { raw: 'kind,id,name,parentId,formKey\nsection,s13,档案科,u1,', contentType: 'text/csv', token: county.admin });
    expect(imported.status).toBe(201);
    const after = await read();
    expect(after.targets.map((t) => t.targetId)).toContain('s13');
  });

  it('shows staff a void on the next read once the round is closed', async () => {
    const receipt = (await api.post('/ballots', ballot(county.windowTokens.w121!, { answers: { overall: 'satisfied' } }), await api.login('c-void'))).body.receipt.receiptId as string;
    expect((await api.post(`/admin/rounds/${county.roundId}/close`, undefined, county.admin)).status).toBe(200);
    const staff = await api.login('keyuan-u1', 'staff', 'u1');
    const s12 = async () => ballotsOf(await read(staff), 's12');
    const counted = await s12();
    expect(counted).toBe(ballotsOf(await read(), 's12'));
    await s12(); // remembered now
    expect((await api.post(`/admin/rounds/${county.roundId}/ballots/${receipt}/void`, { reason: '重复提交' }, supervisor)).status).toBe(201);
    expect(await s12()).toBe(counted - 1);
    // The office's tallies are the counters themselves: a void leaves them (and the cache) as they were.
    expect(ballotsOf(await read(), 's12')).toBe(counted);
  });
});
