import { gunzipSync, gzipSync } from 'node:zlib';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '@shared/errors';
import type { RoundStatus } from '@shared/model/round';
import type { AuditEntry, BallotTreeBlock, PublicationStore, StoredBallotTree, StoredPublication } from '../../ports';
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

  /**
   * One item per block (1,024 leaves with ballot ids and receipt times ≈ 130 KB) plus one for the roots, so a proof reads two
   * items whatever the round's size. Blocks are put a few at a time: they are idempotent (same
   * key, same leaves), so a retry after a failure rewrites the same bytes.
   */
  async putBallotTree(roundId: string, version: number, tree: StoredBallotTree): Promise<void> {
    const puts = tree.blocks.map((b) => () =>
      this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.ballotTreeBlock(roundId, version, b.leaves[0]!), entity: 'ballotTreeBlock', index: b.index, leaves: b.leaves, ballotIds: b.ballotIds, ...(b.receivedAt ? { receivedAt: b.receivedAt } : {}) } })),
    );
    for (let i = 0; i < puts.length; i += 8) await Promise.all(puts.slice(i, i + 8).map((put) => put()));
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.ballotTreeRoots(roundId, version), entity: 'ballotTreeRoots', blockSize: tree.blockSize, size: tree.size, roots: tree.roots } }));
  }

  async ballotTreeBlock(roundId: string, version: number, digest: string) {
    const range = keys.ballotTreeBlockRange(digest);
    const [top, found] = await Promise.all([
      this.db.send(new GetCommand({ TableName: this.table, Key: keys.ballotTreeRoots(roundId, version), ConsistentRead: true })),
      this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': keys.ballotTreePartition(roundId, version), ':from': range.from, ':to': range.to },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      ),
    ]);
    if (!top.Item) return undefined;
    const item = found.Items?.[0];
    const block = item ? blockOf(item) : undefined;
    return { ...(block ? { block } : {}), roots: top.Item.roots as string[], blockSize: Number(top.Item.blockSize), size: Number(top.Item.size) };
  }

  async ballotTreeBlocks(roundId: string, version: number, from: number, to: number) {
    const top = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.ballotTreeRoots(roundId, version), ConsistentRead: true }));
    if (!top.Item) return undefined;
    // Blocks are keyed by their first leaf, so their keys are found first (a projection: a few
    // hundred bytes per block answered), then only the wanted blocks are read whole.
    const wanted: Array<Record<string, unknown>> = [];
    for await (const item of queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :b)',
      ExpressionAttributeValues: { ':pk': keys.ballotTreePartition(roundId, version), ':b': 'B#' },
      ExpressionAttributeNames: { '#i': 'index' },
      ProjectionExpression: 'PK, SK, #i',
      ConsistentRead: true,
    })) {
      const index = Number(item.index);
      if (index >= from && index <= to) wanted.push({ PK: item.PK, SK: item.SK });
    }
    const blocks: BallotTreeBlock[] = [];
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = wanted.length > 0 ? { [this.table]: { Keys: wanted, ConsistentRead: true } } : undefined;
    while (request && Object.keys(request).length > 0) {
      const r = await this.db.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of r.Responses?.[this.table] ?? []) blocks.push(blockOf(item));
      request = r.UnprocessedKeys as typeof request;
    }
    return { blocks: blocks.sort((a, b) => a.index - b.index), blockSize: Number(top.Item.blockSize), size: Number(top.Item.size) };
  }
}

function blockOf(item: Record<string, unknown>): BallotTreeBlock {
  return { index: Number(item.index), leaves: item.leaves as string[], ballotIds: item.ballotIds as string[], ...(Array.isArray(item.receivedAt) ? { receivedAt: item.receivedAt as string[] } : {}) };
}

function fromItem(i: Record<string, unknown>): StoredPublication {
  const body = gunzipSync(Buffer.from(i.gz as Uint8Array)).toString('utf8');
  return { roundId: i.roundId as string, version: i.version as number, hash: i.hash as string, publishedAt: i.publishedAt as string, ...(i.reason ? { reason: i.reason as string } : {}), body };
}
