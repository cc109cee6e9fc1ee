import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TargetInputs, TargetInputStore } from '../../ports';
import { keys } from './keys';
import { collect, queryAll, stripKeys } from './query';

export class DynamoTargetInputStore implements TargetInputStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async putTargetInputs(roundId: string, inputs: TargetInputs[]): Promise<void> {
    for (let i = 0; i < inputs.length; i += 25) {
      let request: Record<string, unknown[]> | undefined = {
        [this.table]: inputs.slice(i, i + 25).map((t) => ({ PutRequest: { Item: { ...keys.targetInputs(roundId, t.targetId), entity: 'targetInputs', ...t } } })),
      };
      while (request && Object.keys(request).length > 0) {
        const r = await this.db.send(new BatchWriteCommand({ RequestItems: request as never }));
        request = r.UnprocessedItems as typeof request;
      }
    }
  }

  async listTargetInputs(roundId: string): Promise<TargetInputs[]> {
    const items = await collect(
      queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.targetInputsPartition(roundId) }, ConsistentRead: true }),
    );
    return items.map((i) => stripKeys<TargetInputs>(i));
  }
}
