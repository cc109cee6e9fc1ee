import { z } from 'zod';
import { AppError } from '@shared/errors';
import { route } from '../route';
import type { Deps } from '../../domain/deps';

/** A round id no round can have (ids are generated): the probe reads a key that is never there. */
const PROBE_ROUND_ID = '__readiness_probe__';
export const READINESS_TIMEOUT_MS = 2000;

/**
 * Readiness: one strongly consistent GetItem through the store port. It proves what a deploy
 * can get wrong — table name, region, IAM policy, network path — for 1 read unit, and unlike
 * DescribeTable it is a data-plane call (no control-plane rate limit, no extra IAM action).
 */
async function probeStore(deps: Deps): Promise<number> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('STORE_UNAVAILABLE', { reason: 'readiness probe timed out' })), READINESS_TIMEOUT_MS);
  });
  try {
    await Promise.race([deps.store.rounds.getRound(PROBE_ROUND_ID), timeout]);
  } finally {
    clearTimeout(timer);
  }
  return Date.now() - started;
}

export const opsRoutes = [
  route({
    method: 'get',
    path: '/ready',
    summary: 'Readiness: the function reaches its table (one GetItem). 503 STORE_UNAVAILABLE when it does not. Liveness is /health.',
    tag: 'ops',
    auth: 'public',
    disclosure: 'public',
    responses: { 200: { description: 'Ready', schema: z.object({ ok: z.literal(true), storeMs: z.number() }) } },
    errors: ['STORE_UNAVAILABLE'],
    handler: async ({ deps }) => ({ body: { ok: true, storeMs: await probeStore(deps) } }),
  }),
];
