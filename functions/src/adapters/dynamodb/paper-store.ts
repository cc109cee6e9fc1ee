import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IssuedBatch, IssuedSerial, PaperReturn, PaperStore, ReturnStatus } from '../../domain/paper/port';
import type { AuditEntry } from '../../ports';
import { keys } from './keys';
import { collect, queryAll, stripKeys } from './query';
import { isConditionalFailure } from './errors';
import { appendOnlyPut } from './append-only';

/**
 * Printed serials, forms issued and returned forms (docs/paper.md).
 *
 * A serial item is put once, on condition it does not exist, in the same transaction as its
 * batch: a serial is never issued twice, not even by two offices printing at the same moment.
 * A return moves keyed_once → mismatch | counted | superseded, each write conditional on the
 * status read before it:
 *
 *   clerk A keys 7K2M… ─ put, condition: no return ─────────── holds (keyed_once)
 *   clerk B keys 7K2M… ─ put, condition: status = keyed_once ─ holds (counted / mismatch)
 *   clerk C keys 7K2M… ─ reads counted ─────────────────────── refused (PAPER_SERIAL_USED)
 *
 * so two keyings racing for one form never both become "the first", and a decision is never
 * overwritten.
 */
export class DynamoPaperStore implements PaperStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async issueBatch(batch: IssuedBatch): Promise<boolean> {
    if (batch.serials.length === 0 || batch.serials.length > 99) throw new Error('1 to 99 serials per batch');
    const serialItems = batch.serials.map((serial) => {
      const item: IssuedSerial = { serial, roundId: batch.roundId, targetId: batch.targetId, kind: batch.kind, channel: batch.channel, batchId: batch.batchId, issuedAt: batch.issuedAt };
      return { Put: { TableName: this.table, Item: { ...keys.serial(serial), entity: 'paperSerial', ...item }, ConditionExpression: 'attribute_not_exists(PK)' } };
    });
    const batchItem = { Put: { TableName: this.table, Item: { ...keys.paperBatch(batch.roundId, batch.batchId), entity: 'paperBatch', ...batch }, ConditionExpression: 'attribute_not_exists(PK)' } };
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [batchItem, ...serialItems] }));
      return true;
    } catch (e) {
      if (isConditionalFailure(e)) return false;
      throw e;
    }
  }

  async listBatches(roundId: string): Promise<IssuedBatch[]> {
    return (await this.partition(roundId)).filter((i) => i.entity === 'paperBatch').map((i) => withoutEntity<IssuedBatch>(i));
  }

  async getSerial(serial: string): Promise<IssuedSerial | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.serial(serial), ConsistentRead: true }));
    return out.Item ? withoutEntity<IssuedSerial>(out.Item) : undefined;
  }

  async getReturn(roundId: string, serial: string): Promise<PaperReturn | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.paperReturn(roundId, serial), ConsistentRead: true }));
    return out.Item ? withoutEntity<PaperReturn>(out.Item) : undefined;
  }

  async listReturns(roundId: string): Promise<PaperReturn[]> {
    return (await this.partition(roundId)).filter((i) => i.entity === 'paperReturn').map((i) => withoutEntity<PaperReturn>(i));
  }

  async putReturn(r: PaperReturn, expected: ReturnStatus | undefined, audit: AuditEntry[] = []): Promise<boolean> {
    const condition =
      expected === undefined
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : { ConditionExpression: '#status = :expected', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':expected': expected } };
    const put = { Put: { TableName: this.table, Item: { ...keys.paperReturn(r.roundId, r.serial), entity: 'paperReturn', ...r }, ...condition } };
    const lines = audit.map((a) => ({ Put: appendOnlyPut(this.table, { ...keys.audit(a.roundId, a.at, a.entryId), entity: 'audit', ...a }) }));
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [put, ...lines] as never }));
      return true;
    } catch (e) {
      if (isConditionalFailure(e)) return false;
      throw e;
    }
  }

  private partition(roundId: string) {
    return collect(queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.paperPartition(roundId) }, ConsistentRead: true }));
  }
}

function withoutEntity<T>(item: Record<string, unknown>): T {
  const { entity: _e, ...rest } = stripKeys<Record<string, unknown>>(item);
  return rest as T;
}
