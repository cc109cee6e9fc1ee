import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Representative } from '@shared/model/representative';
import type { RepresentativeStore } from '../../ports';
import { keys } from './keys';
import { collect, queryAll, stripKeys } from './query';

export class DynamoRepresentativeStore implements RepresentativeStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async putRepresentatives(reps: Representative[]): Promise<{ created: number; updated: number }> {
    let updated = 0;
    for (let i = 0; i < reps.length; i += 100) {
      const r = await this.db.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: reps.slice(i, i + 100).map((x) => keys.representative(x.id)), ProjectionExpression: 'PK' } } }));
      updated += r.Responses?.[this.table]?.length ?? 0;
    }
    for (let i = 0; i < reps.length; i += 25) {
      let request: Record<string, unknown[]> | undefined = {
        [this.table]: reps.slice(i, i + 25).map((rep) => ({ PutRequest: { Item: { ...keys.representative(rep.id), entity: 'representative', ...rep } } })),
      };
      while (request && Object.keys(request).length > 0) {
        const r = await this.db.send(new BatchWriteCommand({ RequestItems: request as never }));
        request = r.UnprocessedItems as typeof request;
      }
    }
    return { created: reps.length - updated, updated };
  }

  async listRepresentatives(): Promise<Representative[]> {
    const items = await collect(queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.representativePartition }, ConsistentRead: true }));
    return items.map((i) => stripKeys<Representative>(i));
  }
}
