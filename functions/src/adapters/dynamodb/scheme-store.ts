import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '@shared/errors';
import type { StoredScheme } from '@shared/api/schemes';
import type { SchemeHead, SchemeStore } from '../../domain/schemes/port';
import { keys } from './keys';
import { collect, queryAll, stripKeys } from './query';
import { cancellationCodes, isConditionalFailure } from './errors';

export class DynamoSchemeStore implements SchemeStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  /*
   * One transaction: the version item (never there before) and the head (at the version before).
   *   editor A reads head v2 ─┐                       ┌─ A writes v3 if head = 2 → head 3 ✓
   *   editor B reads head v2 ─┴───────────────────────┴─ B writes v3 if head = 2 → cancelled: STALE
   * So two editors saving from the same version never both win, and the loser's body is not lost
   * silently: they are told to reload and edit the newer version.
   */
  async putVersion(scheme: StoredScheme): Promise<void> {
    const head: SchemeHead = {
      schemeId: scheme.schemeId,
      name: scheme.name,
      latestVersion: scheme.version,
      ...(scheme.basedOn && scheme.version === 1 ? { basedOn: scheme.basedOn } : {}),
      createdAt: scheme.createdAt,
      updatedAt: scheme.createdAt,
    };
    const first = scheme.version === 1;
    const headPut = first
      ? { TableName: this.table, Item: { ...keys.schemeHead(scheme.schemeId), entity: 'schemeHead', ...head }, ConditionExpression: 'attribute_not_exists(PK)' }
      : {
          TableName: this.table,
          Key: keys.schemeHead(scheme.schemeId),
          UpdateExpression: 'SET latestVersion = :v, #name = :name, updatedAt = :at',
          ConditionExpression: 'latestVersion = :prev',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':v': scheme.version, ':prev': scheme.version - 1, ':name': scheme.name, ':at': scheme.createdAt },
        };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { ...keys.schemeVersion(scheme.schemeId, scheme.version), entity: 'schemeVersion', ...scheme }, ConditionExpression: 'attribute_not_exists(PK)' } },
            first ? { Put: headPut as never } : { Update: headPut as never },
          ],
        }),
      );
    } catch (e) {
      if (!isConditionalFailure(e)) throw e;
      if (first) throw new AppError('ALREADY_EXISTS', { schemeId: scheme.schemeId });
      const current = await this.getHead(scheme.schemeId);
      throw new AppError('SCHEME_VERSION_STALE', { schemeId: scheme.schemeId, basedOnVersion: scheme.version - 1, latestVersion: current?.latestVersion, codes: cancellationCodes(e) });
    }
  }

  async getVersion(schemeId: string, version: number): Promise<StoredScheme | undefined> {
    // Versions never change, so an eventually consistent read would do, except right after a save.
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.schemeVersion(schemeId, version), ConsistentRead: true }));
    return r.Item ? stripKeys<StoredScheme>(r.Item) : undefined;
  }

  async getHead(schemeId: string): Promise<SchemeHead | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.schemeHead(schemeId), ConsistentRead: true }));
    return r.Item ? stripKeys<SchemeHead>(r.Item) : undefined;
  }

  async listHeads(): Promise<SchemeHead[]> {
    const items = await collect(queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.schemeHeadPartition }, ConsistentRead: true }));
    return items.map((i) => stripKeys<SchemeHead>(i));
  }

  async listVersions(schemeId: string): Promise<StoredScheme[]> {
    const items = await collect(queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.schemeVersionPartition(schemeId) }, ConsistentRead: true }));
    return items.map((i) => stripKeys<StoredScheme>(i));
  }
}
