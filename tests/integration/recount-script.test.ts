import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { startStack, type TestStack } from '../support/stack';
import { apiClient } from '../support/http';
import { ballot, seedSmallCounty } from '../support/fixtures';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
  const api = apiClient(stack.baseUrl);
  // A preset scheme: the script resolves schemes as production does.
  const county = await seedSmallCounty(api, { schemeId: 'ganquan', channels: ['window'] });
  for (const name of ['a', 'b', 'c']) expect((await api.post('/ballots', ballot(county.windowTokens.w111!), await api.login(name))).status).toBe(201);
});
afterAll(() => stack.close());

const runRecount = () =>
  spawnSync('npx', ['tsx', 'scripts/recount.ts', '--round', 'r1'], {
    cwd: resolve(__dirname, '../..'),
    env: { ...process.env, DYNAMODB_ENDPOINT: process.env.DDB_TEST_ENDPOINT, TABLE_NAME: stack.tableName },
    encoding: 'utf8',
  });

describe('npm run recount', () => {
  it('exits 0 when every tally is reproduced from the ballots', () => {
    const r = runRecount();
    expect(r.stderr.split('\n').filter((l) => /Error|MISMATCH/.test(l))).toEqual([]);
    expect(r.stdout).toContain('OK: 3 ballots');
    expect(r.status).toBe(0);
  });

  it('exits 1 and names the cell when a counter was tampered with', async () => {
    const shard = [0, 1, 2, 3];
    // Add one phantom 'satisfied' to whichever shard exists for s11.
    for (const s of shard) {
      try {
        await stack.db.send(new UpdateCommand({ TableName: stack.tableName, Key: { PK: `TALLY#r1#${s}`, SK: 's11#window' }, UpdateExpression: 'ADD #c :one', ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeNames: { '#c': 'a:overall:satisfied' }, ExpressionAttributeValues: { ':one': 1 } }));
        break;
      } catch {
        /* no counter on this shard */
      }
    }
    const r = runRecount();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('"cell": "overall:satisfied"');
    expect(r.stderr).toContain('MISMATCH: 1 cell(s) differ');
  });
});
