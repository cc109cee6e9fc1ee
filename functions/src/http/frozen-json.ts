import type { Response } from 'express';

/**
 * A frozen answer can never change (the remembered results are deep-frozen:
 * domain/results-cache/cache.ts), so it is serialised once and the text sent to every reader
 * after: the office's results of 1,000 targets are ≈ 730 KB of JSON, re-serialised on every
 * read before. Anything not frozen goes through Express's own `res.json`, as always.
 */
const serialised = new WeakMap<object, string>();

export function sendJson(res: Response, status: number, body: unknown): void {
  if (body === null || typeof body !== 'object' || !Object.isFrozen(body)) {
    res.status(status).json(body);
    return;
  }
  let text = serialised.get(body);
  if (text === undefined) serialised.set(body, (text = JSON.stringify(body)));
  res.status(status).type('application/json; charset=utf-8').send(text);
}
