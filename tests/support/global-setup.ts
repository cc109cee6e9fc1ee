import { startDynamoDbLocal } from '../../functions/src/local/dynamodb-local';

/**
 * One DynamoDB Local for the whole jest run (JVM start is the slow part); each test file makes
 * its own table, so files never see each other's data.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DDB_TEST_ENDPOINT) return;
  const ddb = await startDynamoDbLocal();
  process.env.DDB_TEST_ENDPOINT = ddb.endpoint;
  (globalThis as { __ddb?: typeof ddb }).__ddb = ddb;
}
