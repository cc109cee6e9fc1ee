import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface StoreConfig {
  tableName: string;
  region: string;
  /** Set for DynamoDB Local; unset means the regional AWS endpoint. */
  endpoint?: string;
}

/**
 * Reads the store's configuration from the environment: pointing at real DynamoDB is only a
 * matter of TABLE_NAME / AWS_REGION (and no DYNAMODB_ENDPOINT).
 */
export function storeConfigFromEnv(env: Record<string, string | undefined> = process.env): StoreConfig {
  return {
    tableName: env.TABLE_NAME ?? 'pingyi',
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'local',
    endpoint: env.DYNAMODB_ENDPOINT || undefined,
  };
}

/** One document client per process; Lambda keeps it warm across invocations. */
export function createDocumentClient(config: StoreConfig, extra: Partial<DynamoDBClientConfig> = {}): DynamoDBDocumentClient {
  const local = config.endpoint !== undefined;
  const raw = new DynamoDBClient({
    region: config.region,
    ...(local ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: 3,
    ...extra,
  });
  // The SDK's logger middleware filters every response for a logger we never set; on a
  // 5,000-item tallies read that walk was a third of the CPU (docs/benchmarks.md).
  raw.middlewareStack.remove('loggerMiddleware');
  return DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
}
