import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, postBallotAsClient, type ApiClient } from '../support/http';
import { ballot, keepPendingFlags, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { roundTallies } from '../../functions/src/domain/tallies';
import { dynamoStore } from '../../functions/src/adapters/dynamodb';

/**
 * Remembered tallies (functions/src/domain/tally-cache/): every read answers what the store
 * holds at that moment — a ballot, a new node or a void shows on the very next read — and a read
 * with nothing new in between is answered without reading the counters again. Each container
 * remembers on its own; the versions in the store are what keep them all true. Publication and
 * staff reads of an open round never use the memory at all.
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
let voter = 0;
// Resent after a 503 as the client would (parallel ballots contend on hot counters): accepted once
// (201), or replayed (200) if a 503 hid a commit; the counts below hold either way.
const vote = async (window: string, overall = 'satisfied') => expect([200, 201]).toContain((await postBallotAsClient(api, ballot(county.windowTokens[window]!, { answers: { overall } }), await api.login(`v-${voter++}`))).status);
type Scored = { targets: Array<{ targetId: string; components: Record<string, { value: number | null }> }> };
const resultOf = async (targetId: string) => ((await api.get(`/rounds/${county.roundId}/results`, county.admin)).body as Scored).targets.find((t) => t.targetId === targetId)!;
const ballotsOf = (t: Tallies, targetId: string) => Object.values(t.targets.find((x) => x.targetId === targetId)?.channels ?? {}).reduce((n, c) => n + c.ballots, 0);
const total = (t: Tallies) => t.targets.reduce((n, x) => n + ballotsOf(t, x.targetId), 0);

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
    // One ballot since: only the counter it added to is read again (by key), no shard is queried.
    expect(tallyQueries).toEqual([]);
  });

  it('lists a section imported after the answer was remembered', async () => {
    await read();
    const imported = await api.call('POST', '/admin/nodes/import', { raw: 'kind,id,name,parentId,formKey\nsection,s13,档案科,u1,', contentType: 'text/csv', token: county.admin });
    expect(imported.status).toBe(201);
    const after = await read();
    expect(after.targets.map((t) => t.targetId)).toContain('s13');
  });

  it('scores remembered tallies with the inputs entered since (served counts are read on every call)', async () => {
    // s11 holds 4 window forms (first test). Every section gets its 服务人次, publication needs them.
    const served = (n: number) => api.post(`/admin/rounds/${county.roundId}/target-inputs`, { targets: ['s11', 's12', 's13', 's21'].map((targetId) => ({ targetId, served: n })) }, supervisor);
    expect((await served(10)).status).toBe(200);
    expect((await resultOf('s11')).components.return_rate!.value).toBeCloseTo(4 / 10, 9);
    tallyQueries.length = 0;
    expect((await resultOf('s11')).components.return_rate!.value).toBeCloseTo(4 / 10, 9);
    expect(tallyQueries).toEqual([]); // the tallies came from memory …
    expect((await served(500)).status).toBe(200);
    expect((await resultOf('s11')).components.return_rate!.value).toBeCloseTo(4 / 500, 9); // … the inputs did not
    expect(tallyQueries).toEqual([]);
  });

  it('keeps another container true: a ballot written through one shows on the next read of the other', async () => {
    // A second container: its own store object, so its own memory, on the same table.
    const other = { ...stack.deps, store: dynamoStore(stack.db, stack.tableName) };
    const first = await roundTallies(other, county.roundId);
    tallyQueries.length = 0;
    expect((await roundTallies(other, county.roundId)).targets).toEqual(first.targets);
    expect(tallyQueries).toEqual([]); // it remembers
    await read(); // and so does this one
    await vote('w121');
    const after = await roundTallies(other, county.roundId);
    expect(ballotsOf(after, 's12')).toBe(ballotsOf(first, 's12') + 1);
    expect(after.targets).toEqual((await roundTallies(stack.deps, county.roundId, { fresh: true })).targets);
    expect(ballotsOf(await read(), 's12')).toBe(ballotsOf(first, 's12') + 1);
  });

  it('reads while ballots arrive never go backwards, and the first read after the last ballot counts them all', async () => {
    const start = total(await read());
    const windows = ['w111', 'w112', 'w121', 'w211'];
    let writing = true;
    const seen: number[] = [];
    const reader = (async () => {
      while (writing) seen.push(total((await api.get(`/rounds/${county.roundId}/tallies`, county.admin)).body));
    })();
    await Promise.all(Array.from({ length: 12 }, (_, i) => vote(windows[i % windows.length]!)));
    writing = false;
    await reader;
    expect(seen.length).toBeGreaterThan(0);
    seen.forEach((n, i) => expect(n).toBeGreaterThanOrEqual(i === 0 ? start : seen[i - 1]!));
    expect(seen.every((n) => n <= start + 12)).toBe(true);
    expect(total(await read())).toBe(start + 12);
    // Every ballot bumped one version stripe in its own transaction: the stripes sum to the ballots.
    const { stripes } = await stack.deps.store.versions.readVersions(county.roundId);
    expect(stripes.reduce((n, v) => n + v, 0)).toBe(start + 12);
    expect(stripes.filter((v) => v > 0).length).toBeGreaterThan(1);
  });

  it('reads the counters on every staff read of an open round (how fast an answer comes must not tell staff a ballot arrived)', async () => {
    const staff = await api.login('keyuan-open', 'staff', 'u1');
    await read();
    tallyQueries.length = 0;
    await read(county.admin, false);
    expect(tallyQueries).toEqual([]);
    for (let i = 0; i < 2; i++) {
      tallyQueries.length = 0;
      expect((await api.get(`/rounds/${county.roundId}/tallies`, staff)).status).toBe(200);
      expect(tallyQueries.length).toBeGreaterThan(0);
    }
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

  it('publishes what the store holds, whatever a container remembers', async () => {
    await keepPendingFlags(api, county.roundId, supervisor);
    const counted = ballotsOf(await read(), 's11');
    await read();
    // An edit the versions cannot see (made outside the app, straight on a counter): only a
    // fresh read of the counters finds it.
    const round = (await stack.deps.store.rounds.getRound(county.roundId))!;
    let edited = false;
    for (let shard = 0; shard < round.tallyShards && !edited; shard++) {
      const key = { PK: `TALLY#${county.roundId}#${shard}`, SK: 's11#window' };
      const found = await stack.db.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'PK = :pk AND SK = :sk', ExpressionAttributeValues: { ':pk': key.PK, ':sk': key.SK } }));
      if ((found.Items ?? []).length === 0) continue;
      await stack.db.send(new UpdateCommand({ TableName: stack.tableName, Key: key, UpdateExpression: 'ADD #n :one, #c :one', ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeNames: { '#n': 'n', '#c': 'a:overall:satisfied' }, ExpressionAttributeValues: { ':one': 1 } }));
      edited = true;
    }
    expect(edited).toBe(true);
    // The office's read is the remembered one: the versions know only the app's own writes …
    expect(ballotsOf(await read(county.admin, false), 's11')).toBe(counted);
    // … and publication reads the counters themselves.
    const published = await api.post(`/admin/rounds/${county.roundId}/publish`, {}, supervisor);
    expect(published.status).toBe(201);
    const pub = await api.get(`/public/rounds/${county.roundId}/results`);
    const s11 = (pub.body.snapshot.facts.targets as Array<{ targetId: string; channels: Record<string, { ballots: number }> }>).find((t) => t.targetId === 's11')!;
    expect(s11.channels.window!.ballots).toBe(counted + 1);
  });
});
