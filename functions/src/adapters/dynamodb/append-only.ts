/**
 * The one write audit items get: a Put conditional on the key being new. A replayed or forged
 * write with the same key fails instead of overwriting; nothing in the adapters updates or
 * deletes an audit item, and template.yaml denies UpdateItem/DeleteItem on their partitions.
 */
export function appendOnlyPut(table: string, item: Record<string, unknown> & { PK: string; SK: string }) {
  return { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' };
}
