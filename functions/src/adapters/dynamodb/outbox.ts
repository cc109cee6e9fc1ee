import { PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalFailure } from './errors';
import type { DeliveryRecord, LoggedMessage, MessageLog, SubscriptionMessage } from '../../ports';
import { keys } from './keys';
import { stripKeys } from './query';
import { TTL_ATTRIBUTE } from './table';

/** Messages (and their once-markers) are kept 400 days: a year of the office's record, then TTL. */
const KEPT_DAYS = 400;
/** What the office's outbox view shows: the newest messages. */
export const OUTBOX_LISTED = 500;

/**
 * The outbox: every subscription message, in send order, with what delivery did for each
 * recipient. Locally it is all there is (tests and `npm start` read it); in production it is the
 * record the office reads and the once-marker for scheduled jobs.
 */
export class DynamoOutbox implements MessageLog {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async record(message: SubscriptionMessage): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: this.item(message) }));
  }

  /** The send-once marker and the message in one transaction: both or neither. */
  async recordOnce(message: SubscriptionMessage): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { ...keys.outboxOnce(message.messageId), entity: 'outboxOnce', [TTL_ATTRIBUTE]: expiry(message) }, ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName: this.table, Item: this.item(message) } },
          ],
        }),
      );
      return true;
    } catch (e) {
      if (isConditionalFailure(e)) return false;
      throw e;
    }
  }

  async markDelivered(message: SubscriptionMessage, deliveries: DeliveryRecord[]): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.outbox(message.sentAt, message.messageId),
        UpdateExpression: 'SET deliveries = :d',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':d': deliveries },
      }),
    );
  }

  /** The newest OUTBOX_LISTED messages, oldest of them first. */
  async list(): Promise<LoggedMessage[]> {
    const page = await this.db.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.outboxPartition }, ConsistentRead: true, ScanIndexForward: false, Limit: OUTBOX_LISTED }),
    );
    return (page.Items ?? []).map((i) => stripKeys<LoggedMessage>(i)).reverse();
  }

  private item(message: SubscriptionMessage) {
    return { ...keys.outbox(message.sentAt, message.messageId), entity: 'outbox', ...message, [TTL_ATTRIBUTE]: expiry(message) };
  }
}

const expiry = (message: SubscriptionMessage) => Math.floor(Date.parse(message.sentAt) / 1000) + KEPT_DAYS * 86400;
