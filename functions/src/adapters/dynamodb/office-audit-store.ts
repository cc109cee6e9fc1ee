import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '@shared/errors';
import type { OfficeAuditEntry } from '@shared/api/audit';
import type { OfficeAuditLog } from '../../ports';
import { keys } from './keys';
import { stripKeys } from './query';
import { appendOnlyPut } from './append-only';
import { errorName } from './errors';

/** A page cursor is the last sort key shown, base64url: opaque to clients, checked on the way back. */
const encodeCursor = (sk: string) => Buffer.from(sk, 'utf8').toString('base64url');
function decodeCursor(cursor: string): string {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[A-Za-z0-9-]{1,64}$/.test(sk)) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'before', message: 'not a cursor this log issued' }] });
  return sk;
}

/** The office audit log on the single table: append (conditional) and newest-first pages. */
export class DynamoOfficeAuditLog implements OfficeAuditLog {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async append(entry: OfficeAuditEntry): Promise<void> {
    try {
      await this.db.send(new PutCommand(appendOnlyPut(this.table, { ...keys.officeAudit(entry.at, entry.entryId), entity: 'officeAudit', ...entry })));
    } catch (e) {
      if (errorName(e) === 'ConditionalCheckFailedException') throw new AppError('AUDIT_ENTRY_EXISTS', { entryId: entry.entryId });
      throw e;
    }
  }

  async list(limit: number, before?: string): Promise<{ entries: OfficeAuditEntry[]; next?: string }> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.officeAuditPartition },
        ScanIndexForward: false,
        Limit: limit,
        ...(before ? { ExclusiveStartKey: { PK: keys.officeAuditPartition, SK: decodeCursor(before) } } : {}),
      }),
    );
    const entries = (r.Items ?? []).map((i) => stripKeys<OfficeAuditEntry>(i));
    const last = r.LastEvaluatedKey?.SK;
    return { entries, ...(typeof last === 'string' ? { next: encodeCursor(last) } : {}) };
  }
}
