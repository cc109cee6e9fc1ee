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
