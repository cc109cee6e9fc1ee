import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '@shared/errors';
import type { Hearing } from '@shared/api/panels';
import type { HearingStore } from '../../ports';
import { keys } from './keys';
import { collect, queryAll, stripKeys } from './query';
import { isConditionalFailure } from './errors';

export class DynamoHearingStore implements HearingStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async createHearing(h: Hearing): Promise<void> {
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.hearing(h.roundId, h.id), entity: 'hearing', ...h }, ConditionExpression: 'attribute_not_exists(PK)' }));
    } catch (e) {
      if (isConditionalFailure(e)) throw new AppError('ALREADY_EXISTS', { hearingId: h.id });
      throw e;
    }
  }

  async getHearing(roundId: string, id: string): Promise<Hearing | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.hearing(roundId, id), ConsistentRead: true }));
    return r.Item ? stripKeys<Hearing>(r.Item) : undefined;
  }

  async listHearings(roundId: string): Promise<Hearing[]> {
    const items = await collect(queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.hearingPartition(roundId) }, ConsistentRead: true }));
    return items.map((i) => stripKeys<Hearing>(i));
  }
}
