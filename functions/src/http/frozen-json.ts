import type { Response } from 'express';

/**
 * A frozen value can never change (the remembered results and tallies are deep-frozen:
 * domain/results-cache/cache.ts, domain/tally-cache/cache.ts), so it is serialised once and the
 * text reused by every answer that carries it: the office's results of 1,000 targets are
 * ≈ 730 KB of JSON and its tallies ≈ 210 KB, re-serialised on every read before. An answer that
 * is itself frozen is sent as its text; a plain answer object wrapping frozen parts (the tallies'
 * `{ roundId, computedAt, targets }`) is assembled from their texts. The bytes are exactly
 * JSON.stringify's; anything else goes through Express's own `res.json`, as always.
 */
const serialised = new WeakMap<object, string>();

const isFrozenObject = (v: unknown): v is object => v !== null && typeof v === 'object' && Object.isFrozen(v);

function textOf(v: object): string {
  let text = serialised.get(v);
  if (text === undefined) serialised.set(v, (text = JSON.stringify(v)));
  return text;
}

/** A plain object (no toJSON) with at least one frozen value: its keys in order, each value's JSON. */
function assembled(body: Record<string, unknown>): string | undefined {
  if (Object.getPrototypeOf(body) !== Object.prototype || 'toJSON' in body) return undefined;
  const entries = Object.entries(body);
  if (!entries.some(([, v]) => isFrozenObject(v))) return undefined;
  const parts: string[] = [];
  for (const [k, v] of entries) {
    // JSON.stringify leaves out what it cannot represent as a property value.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    parts.push(`${JSON.stringify(k)}:${isFrozenObject(v) ? textOf(v) : JSON.stringify(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** The answer's JSON from remembered texts, or undefined when nothing in it is frozen. */
export function frozenJson(body: unknown): string | undefined {
  if (isFrozenObject(body)) return textOf(body);
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? assembled(body as Record<string, unknown>) : undefined;
}

export function sendJson(res: Response, status: number, body: unknown): void {
  const text = frozenJson(body);
  if (text === undefined) {
    res.status(status).json(body);
    return;
  }
  res.status(status).type('application/json; charset=utf-8').send(text);
}
