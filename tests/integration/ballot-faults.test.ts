import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { recount } from '../../functions/src/domain/recount';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../functions/src/local/dynamodb-local';
import { durableTransactAcks } from '../support/durable-acks';

const windowTally = async (api: ApiClient, county: SmallCounty, targetId: string) =>
  (await api.get(`/rounds/${county.roundId}/tallies`, county.admin)).body.targets.find((t: { targetId: string }) => t.targetId === targetId).channels.window?.ballots ?? 0;

describe('store failures mid-request', () => {
  let stack: TestStack;
  let api: ApiClient;
  let county: SmallCounty;
  beforeAll(async () => {
    stack = await startStack();
    api = apiClient(stack.baseUrl);
    county = await seedSmallCounty(api);
  });
  afterAll(() => stack.close());
  afterEach(() => stack.faults.clear());

  it('counts a ballot once when the write commits but the response is lost, and the client retries', async () => {
    const citizen = await api.login('lost-response');
    const body = ballot(county.windowTokens.w111!);
    stack.faults.fail('TransactWriteItemsCommand', 'after');
    const first = await api.post('/ballots', body, citizen);
    expect(first.status).toBe(503);
    expect(first.body.error.code).toBe('STORE_UNAVAILABLE');
    expect(first.headers.get('retry-after')).toBe('1');
    expect(stack.faults.injected).toContain('TransactWriteItemsCommand:after');
    const retry = await api.post('/ballots', body, citizen);
    expect(retry.status).toBe(200);
    expect(retry.body.replayed).toBe(true);
    expect(await windowTally(api, county, 's11')).toBe(1);
  });

  it('stores nothing when the write fails before reaching the store, and counts the retry once', async () => {
    const citizen = await api.login('failed-before');
    const body = ballot(county.windowTokens.w121!);
    stack.faults.fail('TransactWriteItemsCommand', 'before');
    expect((await api.post('/ballots', body, citizen)).status).toBe(503);
    expect(await windowTally(api, county, 's12')).toBe(0);
    const retry = await api.post('/ballots', body, citizen);
    expect(retry.status).toBe(201);
    expect(await windowTally(api, county, 's12')).toBe(1);
  });

  it('answers 503 and stores nothing when a read before the write fails', async () => {
    const citizen = await api.login('lookup-fails');
    const body = ballot(county.windowTokens.w211!);
    stack.faults.fail('GetItemCommand', 'before');
    expect((await api.post('/ballots', body, citizen)).status).toBe(503);
    expect(await windowTally(api, county, 's21')).toBe(0);
    expect((await api.post('/ballots', body, citizen)).status).toBe(201);
  });

  it('counts exactly once across repeated lost responses', async () => {
    const citizen = await api.login('flaky-network');
    const body = ballot(county.windowTokens.w112!);
    stack.faults.fail('TransactWriteItemsCommand', 'after', 1).fail('GetItemCommand', 'after', 2);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await api.post('/ballots', body, citizen);
      statuses.push(r.status);
      if (r.status < 300) break;
    }
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(2);
    expect(await windowTally(api, county, 's11')).toBe(2);
    const report = await recount(stack.deps, county.roundId);
    expect(report.mismatches).toEqual([]);
    expect(report.ballots).toBe(4);
  });
});

describe('the store stopped and restarted mid-run', () => {
  let ddb: DynamoDbLocal;
  let dir: string;
  let stack: TestStack;
  let api: ApiClient;
  let county: SmallCounty;
  let kills = 0;
  let releaseBarrier: () => void;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ddb-restart-'));
    ddb = await startDynamoDbLocal({ dbPath: dir });
    stack = await startStack({ endpoint: ddb.endpoint });
    // DynamoDB Local answers a transaction before committing it; a kill in that gap would lose
    // a ballot the app was told is stored, which real DynamoDB never does (durable-acks.ts).
    releaseBarrier = durableTransactAcks(stack.db, { endpoint: ddb.endpoint, table: stack.tableName, generation: () => kills });
    api = apiClient(stack.baseUrl);
    county = await seedSmallCounty(api);
  }, 60_000);
  afterAll(async () => {
    await stack.close();
    releaseBarrier();
    await ddb.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses and doubles nothing when clients keep retrying through two store restarts', async () => {
    const people = 60;
    const sessions = await Promise.all(Array.from({ length: people }, (_, i) => api.login(`restart-${i}`)));
    const bodies = sessions.map((_, i) => ballot(county.windowTokens[['w111', 'w112', 'w121', 'w211'][i % 4]!]!));
    const outcomes: Array<{ status: number; receiptId?: string; attempts: number }> = [];
    let stopRestarts = false;
    // Kill the store twice while the clients are submitting, restarting it on the same port.
    const restarter = (async () => {
      for (let k = 0; k < 2 && !stopRestarts; k++) {
        await new Promise((r) => setTimeout(r, 150));
        kills++;
        ddb.process.kill('SIGKILL');
        await new Promise((r) => ddb.process.once('exit', r));
        await new Promise((r) => setTimeout(r, 300));
        ddb = await startDynamoDbLocal({ dbPath: dir, port: ddb.port });
      }
    })();
    await Promise.all(
      bodies.map(async (body, i) => {
        // A time budget, not a count: a JVM restart on a loaded machine can take many seconds (two
        // restarts at a load average of 25 outlasted 80 s).
        const deadline = Date.now() + 8 * 60_000;
        for (let attempt = 1; Date.now() < deadline; attempt++) {
          let r;
          try {
            r = await api.post('/ballots', body, sessions[i]);
          } catch {
            r = { status: 0, body: undefined };
          }
          if (r.status === 200 || r.status === 201) return void outcomes.push({ status: r.status, receiptId: r.body.receipt.receiptId, attempts: attempt });
          if (r.status !== 503 && r.status !== 0) return void outcomes.push({ status: r.status, attempts: attempt });
          await new Promise((res) => setTimeout(res, 50 + i));
        }
        outcomes.push({ status: -1, attempts: -1 });
      }),
    );
    stopRestarts = true;
    await restarter;
    expect(outcomes.filter((o) => o.status !== 200 && o.status !== 201)).toEqual([]);
    const receipts = new Set(outcomes.map((o) => o.receiptId));
    const report = await recount(stack.deps, county.roundId);
    expect(receipts.size).toBe(people);
    expect(report.ballots).toBe(people);
    expect(report.tallied).toBe(people);
    expect(report.mismatches).toEqual([]);
  }, 15 * 60_000);
});
