import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateLimitStore } from '../../ports';
import { keys } from './keys';
import { isConditionalFailure } from './errors';

/** Counters outlive their window a little, so a clock a few seconds off never sees a reset. */
const TTL_SLACK_SECONDS = 300;
/** Bound on the per-container memory of full windows (see `full`). */
const FULL_MAX = 10_000;

/**
 * Rate counters as single conditional updates (not transactions: a transaction touching a hot
 * counter item conflicts with every other one in flight; plain updates on one item queue):
 *
 *   UpdateItem RATE#<key>#<windowStart>  ADD n 1  IF attribute_not_exists(n) OR n < limit
 *
 * One item per key and window, removed by TTL after the window; DynamoDB's TTL sweep can lag by
 * days, so the window start in the key (not TTL) is what resets a counter.
 */
export class DynamoRateLimitStore implements RateLimitStore {
  /**
   * Windows this container saw full, until they end. Only ever used to refuse, never to admit,
   * so many containers each with its own map stay correct; it spares the store a write for
   * every request of a flood (a flood at one key would otherwise throttle that partition).
   */
  private readonly full = new Set<string>();

  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async take(key: string, windowStartMs: number, windowSeconds: number, limit: number): Promise<boolean> {
    const windowEnd = windowStartMs + windowSeconds * 1000;
    const memo = `${key}#${windowStartMs}`;
    if (this.full.has(memo)) return false;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.rateCounter(key, windowStartMs),
          UpdateExpression: 'ADD #n :one SET #e = :e, expiresAtEpoch = :ttl',
          ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
          ExpressionAttributeNames: { '#n': 'n', '#e': 'entity' },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':e': 'rate', ':ttl': Math.ceil(windowEnd / 1000) + TTL_SLACK_SECONDS },
        }),
      );
      return true;
    } catch (e) {
      if (!isConditionalFailure(e)) throw e;
      // A full window stays full until it ends, and the window start is part of the memo, so an
      // entry never goes stale in a way that refuses wrongly; the bound only caps memory.
      if (this.full.size >= FULL_MAX) this.full.clear();
      this.full.add(memo);
      return false;
    }
  }
}
