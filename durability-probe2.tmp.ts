import { mkdtempSync } from 'node:fs';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from './functions/src/local/dynamodb-local';

const withToken = process.argv[2] === 'token';
(async () => {
  const dir = mkdtempSync('/dev/shm/ddb-probe-');
  let ddb = await startDynamoDbLocal({ dbPath: dir });
  const raw = new DynamoDBClient({ endpoint: ddb.endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const db = DynamoDBDocumentClient.from(raw);
  await raw.send(new CreateTableCommand({ TableName: 'probe', KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }));
  let lostTotal = 0, ackTotal = 0;
  for (let round = 0; round < 6; round++) {
    const acked: string[] = [];
    let stop = false;
    const workers = Array.from({ length: 50 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const id = `r${round}-w${w}-${i}`;
        try {
          await db.send(new TransactWriteCommand({ ...(withToken ? { ClientRequestToken: id } : {}), TransactItems: [
            { Put: { TableName: 'probe', Item: { PK: `a-${id}` }, ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName: 'probe', Item: { PK: `b-${id}` }, ConditionExpression: 'attribute_not_exists(PK)' } },
            { Update: { TableName: 'probe', Key: { PK: `tally-${w % 4}` }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } } },
          ] }));
          acked.push(id);
        } catch (e) { if (stop) return; await new Promise((r) => setTimeout(r, 20)); }
      }
    });
    await new Promise((r) => setTimeout(r, 1000 + Math.random() * 2000));
    ddb.process.kill('SIGKILL');
    await new Promise((r) => ddb.process.once('exit', r));
    await new Promise((r) => setTimeout(r, 300));
    ddb = await startDynamoDbLocal({ dbPath: dir, port: ddb.port });
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await Promise.all(workers);
    const have = new Set<string>();
    let start: Record<string, unknown> | undefined;
    do { const p = await db.send(new ScanCommand({ TableName: 'probe', ExclusiveStartKey: start, ConsistentRead: true })); for (const it of p.Items ?? []) have.add(String(it.PK)); start = p.LastEvaluatedKey; } while (start);
    const lost = acked.filter((id) => !have.has(`a-${id}`));
    lostTotal += lost.length; ackTotal += acked.length;
    console.log(`${withToken ? 'token' : 'no-token'} round ${round}: acknowledged ${acked.length}, acknowledged but missing ${lost.length} ${lost.slice(0, 3).join(' ')}`);
  }
  console.log(`${withToken ? 'token' : 'no-token'} TOTAL acknowledged ${ackTotal}, missing ${lostTotal}`);
  await ddb.stop();
})();
