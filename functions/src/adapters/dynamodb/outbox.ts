import { PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalFailure } from './errors';
import type { SubscriptionMessage, SubscriptionMessenger } from '../../ports';
import { keys } from './keys';
import { collect, queryAll, stripKeys } from './query';

/**
 * The local stand-in for WeChat subscription messages (subscribeMessage.send): every message
 * is appended to an outbox in the table, in send order, for tests and `npm start` to read.
 */
export class DynamoOutbox implements SubscriptionMessenger {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async send(message: SubscriptionMessage): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.outbox(message.sentAt, message.messageId), entity: 'outbox', ...message } }));
  }

  /** The send-once marker and the message in one transaction: both or neither. */
  async sendOnce(message: SubscriptionMessage): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { ...keys.outboxOnce(message.messageId), entity: 'outboxOnce' }, ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName: this.table, Item: { ...keys.outbox(message.sentAt, message.messageId), entity: 'outbox', ...message } } },
          ],
        }),
      );
      return true;
    } catch (e) {
      if (isConditionalFailure(e)) return false;
      throw e;
    }
  }

  async list(): Promise<SubscriptionMessage[]> {
    const items = await collect(queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.outboxPartition }, ConsistentRead: true }));
    return items.map((i) => stripKeys<SubscriptionMessage>(i));
  }
}
