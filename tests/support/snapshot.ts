import { createHash } from 'node:crypto';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A digest of every item in the table: equal digests mean nothing was written. */
export async function tableDigest(db: DynamoDBDocumentClient, tableName: string): Promise<{ items: number; digest: string }> {
  const rows: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) rows.push(JSON.stringify(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))));
    start = page.LastEvaluatedKey;
  } while (start);
  rows.sort();
  return { items: rows.length, digest: createHash('sha256').update(rows.join('\n')).digest('hex') };
}
