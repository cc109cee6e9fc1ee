import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '@shared/errors';
import type { DrawRecord, PoolEntry } from '@shared/draw';
import type { DrawStore, StoredDraw } from '../../ports';
import { keys } from './keys';
import { collect, queryAll, stripKeys } from './query';
import { isConditionalFailure } from './errors';

/** Pool entries per chunk item: [id, stratum, household] tuples stay far below the 400 KB item limit. */
const CHUNK = 2000;
type Event = 'committed' | 'drawn' | 'failed' | 'invited';

/**
 * Draw records. The pool goes first (chunks under a fresh nonce), then one transaction writes
 * the record (only if the id is new) and its log entry; each later step is one transaction
 * conditional on the previous state plus its own log entry. So the log holds every draw and
 * every outcome: a supervisor who dislikes a result can start another draw, but not unlog one.
 */
export class DynamoDrawStore implements DrawStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async createDraw(record: DrawRecord, by: string): Promise<void> {
    const nonce = randomBytes(6).toString('hex');
    const chunks = Math.ceil(record.pool.length / CHUNK);
    const puts = Array.from({ length: chunks }, (_, c) => ({
      PutRequest: { Item: { ...keys.drawPoolChunk(record.drawId, nonce, c), entity: 'drawPool', entries: record.pool.slice(c * CHUNK, (c + 1) * CHUNK).map((e) => [e.id, e.stratum, e.household ?? '']) } },
    }));
    for (let i = 0; i < puts.length; i += 25) {
      let request: Record<string, unknown[]> | undefined = { [this.table]: puts.slice(i, i + 25) };
      while (request && Object.keys(request).length > 0) {
        const r = await this.db.send(new BatchWriteCommand({ RequestItems: request as never }));
        request = r.UnprocessedItems as typeof request;
      }
    }
    const { pool: _pool, ...meta } = record;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { ...keys.draw(record.drawId), entity: 'draw', ...meta, poolSize: record.pool.length, poolNonce: nonce, poolChunks: chunks, createdBy: by }, ConditionExpression: 'attribute_not_exists(PK)' } },
            this.logPut(record.roundId, record.committedAt, record.drawId, 'committed', by, record.poolHash),
          ],
        }),
      );
    } catch (e) {
      if (isConditionalFailure(e)) throw new AppError('ALREADY_EXISTS', { drawId: record.drawId });
      throw e;
    }
  }

  async getDraw(id: string): Promise<StoredDraw | undefined> {
    const item = await this.meta(id);
    if (!item) return undefined;
    const { poolNonce: _n, poolChunks: _c, ...rest } = stripKeys<Record<string, unknown>>(item);
    return rest as StoredDraw;
  }

  async getDrawRecord(id: string): Promise<DrawRecord | undefined> {
    const item = await this.meta(id);
    if (!item) return undefined;
    const { PK, prefix } = keys.drawPoolPrefix(id, String(item.poolNonce));
    const chunks = await collect(queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': PK, ':p': prefix }, ConsistentRead: true }));
    const pool: PoolEntry[] = chunks.flatMap((c) => (c.entries as string[][]).map(([eid, stratum, household]) => ({ id: eid!, stratum: stratum!, ...(household ? { household } : {}) })));
    const { poolNonce: _n, poolChunks: _c, poolSize: _s, createdBy: _b, invitedAt: _i, ...rest } = stripKeys<Record<string, unknown>>(item);
    return { ...(rest as Omit<DrawRecord, 'pool'>), pool };
  }

  async completeDraw(id: string, outcome: Pick<DrawRecord, 'status' | 'reveals' | 'seed' | 'selection' | 'shortfall' | 'drawnAt'>, by: string): Promise<void> {
    const draw = await this.getDraw(id);
    if (!draw) throw new AppError('DRAW_NOT_FOUND', { drawId: id });
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: keys.draw(id),
                UpdateExpression: 'SET #s = :s, reveals = :r, seed = :seed, selection = :sel, shortfall = :sf, drawnAt = :at',
                ConditionExpression: '#s = :committed',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':s': outcome.status, ':r': outcome.reveals, ':seed': outcome.seed, ':sel': outcome.selection, ':sf': outcome.shortfall ?? [], ':at': outcome.drawnAt, ':committed': 'committed' },
              },
            },
            this.logPut(draw.roundId, outcome.drawnAt!, id, outcome.status as Event, by, draw.poolHash, outcome.seed),
          ],
        }),
      );
    } catch (e) {
      if (isConditionalFailure(e)) throw new AppError('DRAW_STATE_CONFLICT', { drawId: id, status: draw.status });
      throw e;
    }
  }

  async markInvited(id: string, at: string, by: string): Promise<boolean> {
    const draw = await this.getDraw(id);
    if (!draw) return false;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: keys.draw(id),
                UpdateExpression: 'SET invitedAt = :at',
                ConditionExpression: '#s = :drawn AND attribute_not_exists(invitedAt)',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':at': at, ':drawn': 'drawn' },
              },
            },
            this.logPut(draw.roundId, at, id, 'invited', by, draw.poolHash),
          ],
        }),
      );
      return true;
    } catch (e) {
      if (isConditionalFailure(e)) return false;
      throw e;
    }
  }

  async drawLog(roundId: string) {
    const items = await collect(queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.drawLogPartition(roundId) }, ConsistentRead: true }));
    return items.map((i) => ({ at: String(i.at), drawId: String(i.drawId), event: i.event as Event, by: String(i.by), poolHash: String(i.poolHash), ...(i.seed ? { seed: String(i.seed) } : {}) }));
  }

  private async meta(id: string): Promise<Record<string, unknown> | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.draw(id), ConsistentRead: true }));
    return r.Item;
  }

  private logPut(roundId: string, at: string, drawId: string, event: Event, by: string, poolHash: string, seed?: string) {
    return {
      Put: {
        TableName: this.table,
        Item: { ...keys.drawLog(roundId, at, drawId, event), entity: 'drawLog', at, drawId, event, by, poolHash, ...(seed ? { seed } : {}) },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }
}
