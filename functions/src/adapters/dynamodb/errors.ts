/** Recognisers for the SDK's exceptions, by name (the classes differ between SDK packages). */
export function isConditionalFailure(e: unknown): boolean {
  const name = (e as { name?: string })?.name;
  return name === 'ConditionalCheckFailedException' || (name === 'TransactionCanceledException' && cancellationCodes(e).includes('ConditionalCheckFailed'));
}

export function cancellationCodes(e: unknown): string[] {
  const reasons = (e as { CancellationReasons?: Array<{ Code?: string }> })?.CancellationReasons ?? [];
  return reasons.map((r) => r.Code ?? 'None');
}

export function errorName(e: unknown): string | undefined {
  return (e as { name?: string })?.name;
}

/**
 * The old item a cancelled transaction's `index`-th action returned (ReturnValuesOnConditionCheckFailure
 * ALL_OLD), decoded from the wire format the exception carries (the document client does not
 * translate exceptions). Strings, numbers, booleans, null, maps and lists: what our items hold.
 */
export function cancellationItem(e: unknown, index: number): Record<string, unknown> | undefined {
  const item = (e as { CancellationReasons?: Array<{ Item?: Record<string, unknown> }> })?.CancellationReasons?.[index]?.Item;
  return item ? (fromWire({ M: item }) as Record<string, unknown>) : undefined;
}

function fromWire(v: unknown): unknown {
  const a = v as Record<string, unknown>;
  if ('S' in a) return a.S;
  if ('N' in a) return Number(a.N);
  if ('BOOL' in a) return a.BOOL;
  if ('NULL' in a) return null;
  if ('M' in a) return Object.fromEntries(Object.entries(a.M as Record<string, unknown>).map(([k, x]) => [k, fromWire(x)]));
  if ('L' in a) return (a.L as unknown[]).map(fromWire);
  if ('SS' in a) return new Set(a.SS as string[]);
  return undefined;
}
