import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChannelKind } from '@shared/model/channel';
import type { CommentRecord, DisclosedBatch, DisclosureStore } from '../../domain/disclosure/port';
import { keys } from './keys';
import { collect, queryAll, stripKeys } from './query';
import { errorName } from './errors';

export class DynamoDisclosureStore implements DisclosureStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async listBatches(roundId: string): Promise<Map<string, DisclosedBatch>> {
    const items = await collect(
      queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.disclosurePartition(roundId) }, ConsistentRead: true }),
    );
    return new Map(items.map((i) => stripKeys<DisclosedBatch>(i)).map((b) => [b.targetId, b]));
  }

  async putBatch(roundId: string, batch: DisclosedBatch, previousBallots: number | undefined): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.disclosure(roundId, batch.targetId), entity: 'disclosure', ...batch },
          ...(previousBallots === undefined
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : { ConditionExpression: 'ballots = :prev', ExpressionAttributeValues: { ':prev': previousBallots } }),
        }),
      );
      return true;
    } catch (e) {
      if (errorName(e) === 'ConditionalCheckFailedException') return false;
      throw e;
    }
  }

  async listComments(roundId: string, targetId: string, limit: number, before?: string): Promise<CommentRecord[]> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: before ? 'PK = :pk AND SK < :before' : 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.commentPartition(roundId, targetId), ...(before ? { ':before': before } : {}) },
        ScanIndexForward: false,
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return (r.Items ?? []).map((i) => {
      const sk = String(i.SK);
      const cut = sk.indexOf('#');
      return {
        ballotId: sk.slice(cut + 1),
        receivedAt: sk.slice(0, cut),
        day: String(i.day),
        channel: i.channel as ChannelKind,
        ...(i.windowId ? { windowId: String(i.windowId) } : {}),
        text: String(i.text),
      };
    });
  }
}
