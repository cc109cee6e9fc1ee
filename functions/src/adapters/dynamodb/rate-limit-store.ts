import { BatchGetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateCounterRef, RateLimitStore } from '../../ports';
import { keys } from './keys';

/** Counters outlive their window a little, so a clock a few seconds off never sees a reset. */
const TTL_SLACK_SECONDS = 300;

/**
 * Rate counters: one item per key and window (`RATE#<key>#<windowStart>`), removed by TTL after
 * the window. DynamoDB's TTL sweep can lag by days, so the window start in the key, not TTL, is
 * what resets a counter. Reads are one BatchGetItem (eventually consistent: a limit may run a
 * few ballots over, never under); adds are plain `ADD n 1` updates, not a transaction — a
 * transaction touching a busy counter would conflict with every other one in flight, while
 * plain updates on one item simply queue.
 */
export class DynamoRateLimitStore implements RateLimitStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async counts(refs: readonly RateCounterRef[]): Promise<number[]> {
    if (refs.length === 0) return [];
    const wanted = refs.map((r) => keys.rateCounter(r.key, r.windowStartMs));
    const found = new Map<string, number>();
    let request: Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> }> | undefined = {
      [this.table]: { Keys: wanted, ProjectionExpression: 'PK, #n', ExpressionAttributeNames: { '#n': 'n' } },
    };
    // BatchGetItem may hand back unprocessed keys under load: ask again for those.
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      const r = await this.db.send(new BatchGetCommand({ RequestItems: request as never }));
      for (const item of r.Responses?.[this.table] ?? []) found.set(String(item.PK), Number(item.n ?? 0));
      request = r.UnprocessedKeys as typeof request;
      if (request && Object.keys(request).length > 0) await new Promise((res) => setTimeout(res, 5 * 2 ** Math.min(attempt, 6)));
    }
    return wanted.map((k) => found.get(k.PK) ?? 0);
  }

  async add(refs: readonly RateCounterRef[]): Promise<void> {
    await Promise.all(
      refs.map((r) =>
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: keys.rateCounter(r.key, r.windowStartMs),
            UpdateExpression: 'ADD #n :one SET #e = :e, expiresAtEpoch = :ttl',
            ExpressionAttributeNames: { '#n': 'n', '#e': 'entity' },
            ExpressionAttributeValues: { ':one': 1, ':e': 'rate', ':ttl': Math.ceil(r.windowStartMs / 1000) + r.windowSeconds + TTL_SLACK_SECONDS },
          }),
        ),
      ),
    );
  }
}
