import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal, type DynamoDbLocal } from '../functions/src/local/dynamodb-local';

/**
 * Standalone reproduction of a DynamoDB Local durability gap (the jar in amplify-dynamodb-simulator@2.9.30, -dbPath), no app code:
 *
 *   TransactWriteItems answers 200 *before* its SQLite COMMIT has run. In the jar,
 *   TransactWriteItemsFunction.doWrite → SQLiteDBAccess.commitTransaction(token, signature)
 *   only *enqueues* the "INSERT INTO tr …; COMMIT" job on the single SQLiteQueue thread
 *   (`queue.execute(job)` with no `.get()`, unlike beginTransaction), releases the write lock
 *   and returns; the HTTP thread then sends the 200. A SIGKILL between that 200 and the queue
 *   thread running COMMIT leaves the SQLite transaction uncommitted: on restart the journal
 *   rolls it back, and an acknowledged transaction — all its items and its token — is gone.
 *   Single-item writes (PutItem) run their job synchronously and are durable once answered.
 *
 * Each round: N concurrent writes of fresh keys; the moment the first 200 arrives, SIGKILL;
 * restart on the same folder; every write that was answered 200 must be fully there.
 *
 *   npx tsx scripts/repro-ddb-local-ack-before-commit.ts [rounds=10] [concurrent=30] [mode=tx|put|tx-barrier]
 *
 * mode tx-notoken: the same without ClientRequestToken (Local then makes up a random one: same path, same gap).
 * mode tx-barrier: after each 200, one GetItem of its first key before counting it as
 * acknowledged (the GetItem's job queues behind the COMMIT) — the harness's defence.
 *
 * The gap is a few hundred microseconds on an idle machine; a loaded one (the load test's
 * 2 cores at load 10+) widens it. STARVE=1 does that on purpose and alone: the JVM is pinned to
 * CPU 0 beside a busy loop pinned there too, so its SQLite queue thread waits for a time slice.
 */
const [rounds = 10, concurrent = 30] = process.argv.slice(2, 4).map(Number);
const mode = (process.argv[4] ?? 'tx') as 'tx' | 'tx-notoken' | 'put' | 'tx-barrier';
const TABLE = 'repro';

const starve = process.env.STARVE === '1';
const pin = (pid: number | undefined) => starve && pid && execFileSync('taskset', ['-a', '-p', '-c', '0', String(pid)], { stdio: 'ignore' });

async function main(): Promise<void> {
  const dir = mkdtempSync(join('/dev/shm', 'ddb-ack-'));
  const hog: ChildProcess | undefined = starve ? spawn('taskset', ['-c', '0', process.execPath, '-e', 'for(;;){}'], { stdio: 'ignore' }) : undefined;
  let ddb: DynamoDbLocal = await startDynamoDbLocal({ dbPath: dir });
  pin(ddb.process.pid);
  const client = (endpoint: string) => new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  let db = client(ddb.endpoint);
  let acked = 0;
  let lost = 0;
  let partial = 0;
  try {
    await db.send(
      new CreateTableCommand({
        TableName: TABLE,
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    for (let round = 0; round < rounds; round++) {
      const ackedKeys: string[][] = [];
      let killed = false;
      const kill = () => {
        if (killed) return;
        killed = true;
        ddb.process.kill('SIGKILL');
      };
      await Promise.allSettled(
        Array.from({ length: concurrent }, async (_, i) => {
          const ks = [0, 1, 2].map((j) => `r${round}-w${i}-${j}`);
          if (mode === 'put') await db.send(new PutItemCommand({ TableName: TABLE, Item: { PK: { S: ks[0]! } }, ConditionExpression: 'attribute_not_exists(PK)' }));
          else
            await db.send(
              new TransactWriteItemsCommand({
                ...(mode === 'tx-notoken' ? {} : { ClientRequestToken: `tok-${round}-${i}` }),
                TransactItems: ks.map((k) => ({ Put: { TableName: TABLE, Item: { PK: { S: k } }, ConditionExpression: 'attribute_not_exists(PK)' } })),
              }),
            );
          if (mode === 'tx-barrier') await db.send(new GetItemCommand({ TableName: TABLE, Key: { PK: { S: ks[0]! } }, ConsistentRead: true }));
          ackedKeys.push(mode === 'put' ? [ks[0]!] : ks);
          kill(); // the first acknowledgement, at once: the window between answer and COMMIT
        }),
      );
      kill();
      await new Promise((r) => (ddb.process.exitCode !== null || ddb.process.signalCode !== null ? r(undefined) : ddb.process.once('exit', r)));
      db.destroy();
      ddb = await startDynamoDbLocal({ dbPath: dir, port: ddb.port });
      pin(ddb.process.pid);
      db = client(ddb.endpoint);
      let roundLost = 0;
      for (const ks of ackedKeys) {
        const present = await Promise.all(ks.map(async (k) => (await db.send(new GetItemCommand({ TableName: TABLE, Key: { PK: { S: k } }, ConsistentRead: true }))).Item !== undefined));
        const n = present.filter(Boolean).length;
        if (n === 0) roundLost++;
        else if (n < ks.length) partial++;
      }
      acked += ackedKeys.length;
      lost += roundLost;
      process.stdout.write(`round ${round}: ${ackedKeys.length} acknowledged, ${roundLost} of them absent after the restart\n`);
    }
  } finally {
    db.destroy();
    hog?.kill('SIGKILL');
    await ddb.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`mode ${mode}: ${acked} acknowledged writes, ${lost} lost entirely, ${partial} partial\n`);
  process.exitCode = lost > 0 || partial > 0 ? 1 : 0;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 2;
});
