import type { DynamoDbLocal } from '../../functions/src/local/dynamodb-local';

export default async function globalTeardown(): Promise<void> {
  const stores = (globalThis as { __ddb?: DynamoDbLocal[] }).__ddb ?? [];
  await Promise.all(stores.map((s) => s.stop()));
}
