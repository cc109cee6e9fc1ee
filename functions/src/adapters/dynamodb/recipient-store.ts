import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Recipient, RecipientStore } from '../../ports';
import { keys } from './keys';
import { collect, queryAll, stripKeys } from './query';

/**
 * Who receives a member's (or a unit's) subscription messages. The only place an openid is kept:
 * ballots carry pseudonyms, and nothing that reads this partition returns it to a client.
 */
export class DynamoRecipientStore implements RecipientStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async put(recipient: Recipient): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.recipient(recipient.memberId, recipient.slot), entity: 'recipient', ...recipient } }));
  }

  async list(memberId: string): Promise<Recipient[]> {
    const items = await collect(queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.recipientPartition(memberId) }, ConsistentRead: true }));
    return items.map((i) => stripKeys<Recipient>(i));
  }
}
