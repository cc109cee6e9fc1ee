import type { z } from 'zod';
import { AppError } from '@shared/errors';

/**
 * Parses with a zod schema or throws VALIDATION_FAILED listing each problem's path and
 * message (never the rejected values, which may be hostile or personal).
 */
export function parseOrThrow<T>(schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw new AppError('VALIDATION_FAILED', {
    issues: r.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message })),
  });
}
