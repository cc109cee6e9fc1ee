import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { canonicalJson } from '@shared/publication/canonical';
import type { FieldChange, StoredField, TargetInputStore } from '../../domain/target-inputs/port';
import { keys } from './keys';
import { collect, queryAll, stripKeys } from './query';
import { isConditionalFailure } from './errors';
import { appendOnlyPut } from './append-only';

/**
 * Entered inputs, one item per round × target × field. Each item keeps its value's canonical
 * JSON (`json`) so a write can be conditional on the exact value it replaces:
 *
 *   clerk A reads work = 80 ─┐                     ┌─ A's write: condition json = "80" → holds, 80 → 88
 *   clerk B reads work = 80 ─┼─────────────────────┼─ B's write: condition json = "80" → fails (it is 88)
 *                            └─ both decide a value ┘
 *
 * so B learns of A's change (409) instead of silently replacing it, and the audit line written in
 * the same transaction always names the value that was really there before.
 */
export class DynamoTargetInputStore implements TargetInputStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async listFields(roundId: string): Promise<StoredField[]> {
    const items = await collect(
      queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.targetInputsPartition(roundId) }, ConsistentRead: true }),
    );
    return items.filter((i) => i.entity === 'targetInputField').map((i) => {
      const { json: _j, entity: _e, ...f } = stripKeys<StoredField & { json: string; entity: string }>(i);
      return f;
    });
  }

  async applyChanges(roundId: string, changes: FieldChange[], at: string, by: string): Promise<boolean> {
    if (changes.length === 0) return true;
    if (changes.length > 50) throw new Error('at most 50 field changes per transaction');
    const TransactItems = changes.flatMap((c) => {
      const key = keys.targetInputField(roundId, c.targetId, c.field);
      const condition =
        c.before === undefined
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: '#json = :before', ExpressionAttributeNames: { '#json': 'json' }, ExpressionAttributeValues: { ':before': canonicalJson(c.before) } };
      const write =
        c.value === null
          ? { Delete: { TableName: this.table, Key: key, ...condition } }
          : { Put: { TableName: this.table, Item: { ...key, entity: 'targetInputField', targetId: c.targetId, field: c.field, value: c.value, json: canonicalJson(c.value), updatedAt: at, updatedBy: by }, ...condition } };
      return [write, { Put: appendOnlyPut(this.table, { ...keys.audit(c.audit.roundId, c.audit.at, c.audit.entryId), entity: 'audit', ...c.audit }) }];
    });
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: TransactItems as never }));
      return true;
    } catch (e) {
      if (isConditionalFailure(e)) return false;
      throw e;
    }
  }
}
