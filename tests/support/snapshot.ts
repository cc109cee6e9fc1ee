import { createHash } from 'node:crypto';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/src/adapters/dynamodb/keys';

/**
 * A digest of every item in the table: equal digests mean nothing was written. The office audit
 * log is left out on purpose: a refused office request changes nothing, and the log records that
 * it was refused (tests/integration/office-audit.test.ts checks those entries).
 */
export async function tableDigest(db: DynamoDBDocumentClient, tableName: string): Promise<{ items: number; digest: string }> {
  const rows: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) if (item.PK !== keys.officeAuditPartition) rows.push(JSON.stringify(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))));
    start = page.LastEvaluatedKey;
  } while (start);
  rows.sort();
  return { items: rows.length, digest: createHash('sha256').update(rows.join('\n')).digest('hex') };
}
