import { startDynamoDbLocal, type DynamoDbLocal } from '../../functions/src/local/dynamodb-local';

/**
 * One DynamoDB Local per jest worker for the whole run (JVM start is the slow part); each test
 * file makes its own table, so files never see each other's data. One per worker, not one for
 * all: a single DynamoDB Local answers one request at a time, so with one the two workers'
 * store-heavy files queued behind each other while the second core idled
 * (tests/support/worker-store.ts hands each worker its own).
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  if (process.env.DDB_TEST_ENDPOINT || process.env.DDB_TEST_ENDPOINTS) return;
  const count = Math.max(1, globalConfig.maxWorkers);
  const stores: DynamoDbLocal[] = await Promise.all(Array.from({ length: count }, () => startDynamoDbLocal()));
  process.env.DDB_TEST_ENDPOINTS = stores.map((s) => s.endpoint).join(',');
  (globalThis as { __ddb?: DynamoDbLocal[] }).__ddb = stores;
}
