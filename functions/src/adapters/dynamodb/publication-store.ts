import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '@shared/errors';
import type { RoundStatus } from '@shared/model/round';
import type { AuditEntry, PublicationStore, StoredPublication } from '../../ports';
import { keys } from './keys';
import { collect, queryAll } from './query';
import { cancellationCodes } from './errors';
import { DynamoReviewStore } from './review-store';

/**
 * Publications: one item per version, the canonical snapshot gzipped into a binary attribute
 * (a 1,000-target round's snapshot is ≈ 2 MB of JSON, ≈ 150 KB gzipped; DynamoDB's item limit is
 * 400 KB). The hash is over the uncompressed canonical bytes, so compression never changes it.
 */
export class DynamoPublicationStore implements PublicationStore {
  private readonly audit: DynamoReviewStore;
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {
    this.audit = new DynamoReviewStore(db, table);
  }

  async publish(p: StoredPublication, fromStatus: RoundStatus, audit: AuditEntry): Promise<void> {
    const { body, ...meta } = p;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { ...keys.publication(p.roundId, p.version), entity: 'publication', ...meta, gz: gzipSync(Buffer.from(body, 'utf8')) },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: keys.round(p.roundId),
                UpdateExpression: 'SET #status = :published, publishedVersion = :v, publishedAt = :at',
                ConditionExpression: '#status = :from',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':published': 'published', ':v': p.version, ':at': p.publishedAt, ':from': fromStatus },
              },
            },
            this.audit.auditPut(audit),
          ],
        }),
      );
    } catch (e) {
      if (cancellationCodes(e).includes('ConditionalCheckFailed')) throw new AppError('PUBLICATION_CONFLICT', { roundId: p.roundId, version: p.version });
      throw e;
    }
  }

  async get(roundId: string, version: number): Promise<StoredPublication | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.publication(roundId, version), ConsistentRead: true }));
    return r.Item ? fromItem(r.Item) : undefined;
  }

  async latest(roundId: string): Promise<StoredPublication | undefined> {
    const r = await this.db.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.publicationPartition(roundId) }, ScanIndexForward: false, Limit: 1, ConsistentRead: true }),
    );
    return r.Items?.[0] ? fromItem(r.Items[0]) : undefined;
  }

  async list(roundId: string): Promise<Array<Omit<StoredPublication, 'body'>>> {
    const items = await collect(
      queryAll(this.db, {
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.publicationPartition(roundId) },
        ProjectionExpression: 'roundId, version, #hash, publishedAt, reason',
        ExpressionAttributeNames: { '#hash': 'hash' },
        ConsistentRead: true,
      }),
    );
    return items.map((i) => ({ roundId: i.roundId as string, version: i.version as number, hash: i.hash as string, publishedAt: i.publishedAt as string, ...(i.reason ? { reason: i.reason as string } : {}) }));
  }
}

function fromItem(i: Record<string, unknown>): StoredPublication {
  const body = gunzipSync(Buffer.from(i.gz as Uint8Array)).toString('utf8');
  return { roundId: i.roundId as string, version: i.version as number, hash: i.hash as string, publishedAt: i.publishedAt as string, ...(i.reason ? { reason: i.reason as string } : {}), body };
}
