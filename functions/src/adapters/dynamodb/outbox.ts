import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SubscriptionMessage, SubscriptionMessenger } from '../../ports';
import { keys } from './keys';
import { collect, queryAll, stripKeys } from './query';
import { isConditionalFailure } from './errors';

/**
 * The local subscription-message adapter: messages go to an outbox partition of the table
 * instead of WeChat, so a developer (GET /api/admin/outbox) and tests can read what would have
 * been sent. The message id is the key, so a reminder job run twice sends once.
 */
export class DynamoOutboxMessenger implements SubscriptionMessenger {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async send(message: SubscriptionMessage): Promise<boolean> {
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.outbox(message.messageId), entity: 'outbox', ...message }, ConditionExpression: 'attribute_not_exists(PK)' }));
      return true;
    } catch (e) {
      if (isConditionalFailure(e)) return false;
      throw e;
    }
  }

  async listSent(): Promise<SubscriptionMessage[]> {
    const items = await collect(queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.outboxPartition }, ConsistentRead: true }));
    return items.map((i) => stripKeys<SubscriptionMessage>(i));
  }
}
