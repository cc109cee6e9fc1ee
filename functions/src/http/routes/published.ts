import { z } from 'zod';
import { AppError } from '@shared/errors';
import type { RouteContext } from '../route';
import { readPublication } from '../../domain/publication';

/** What a read of a published version can answer with (results, snapshot, exports). */
export const PUBLIC_ERRORS = ['ROUND_NOT_FOUND', 'PUBLICATION_NOT_FOUND', 'VALIDATION_FAILED'] as const;

/** `?version=n` on the public reads; absent means the latest version. */
export function versionOf(ctx: RouteContext<unknown>): number | undefined {
  const raw = ctx.req.query.version;
  if (raw === undefined) return undefined;
  const v = z.coerce.number().int().min(1).max(1_000_000).safeParse(raw);
  if (!v.success) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'version', message: 'version must be a positive integer' }] });
  return v.data;
}

/**
 * The published version a public read asks for (`:id`, `?version=`). Its own module because two
 * functions use it: the citizen function (results, snapshot) and the exports function (Excel,
 * CSV, print), which must not import each other's routes.
 */
export async function published(ctx: RouteContext<unknown>) {
  return readPublication(ctx.deps, ctx.params.id!, versionOf(ctx));
}
