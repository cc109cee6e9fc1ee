import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppError } from '@shared/errors';
import { OFFICE_ROLES } from '@shared/api/auth';
import type { OfficeAuditEntry } from '@shared/api/audit';
import type { Deps } from '../domain/deps';
import type { Session } from '../domain/sessions';
import { canonicalJson, sha256Hex } from '../domain/crypto';
import type { RouteSpec } from './route';
import { appErrorOf, type Logger } from './errors';

/**
 * The office audit log, written in one place: the app runs every route through `auditTrail`.
 * What is logged: every state-changing request (not GET) and every sensitive read (`audit:
 * 'read'`) made with an office session (staff, supervisor, admin, monitor, inspector) to a route
 * the supervising office may call — including requests that were refused (FORBIDDEN, a
 * validation failure, a state conflict …), with their code. Not logged: anonymous and
 * citizen/panel requests (their identity is an evaluator pseudonym, which the log must not
 * hold), requests refused before a route runs (malformed JSON, oversized bodies: nothing of the
 * route ran), and requests without a valid session (there is no actor to name).
 *
 * The entry holds ids (route params, a few query values), the outcome and a sha256 of the body,
 * never the body: names, comments and findings stay out of the log.
 *
 * Ordering: the entry is written after the handler and before the answer leaves.
 *   sensitive read: handler reads ──► append ──► answer   (append fails ⇒ 503, nothing shown)
 *   state change:   handler writes ──► append ──► answer  (append fails ⇒ the true outcome is
 *                   answered and the entry goes to the error log line, so it is never lost
 *                   silently; the action cannot be undone, and answering 503 would invite a retry
 *                   of something that already happened)
 */
export function isAudited(spec: RouteSpec<any>, method: string, session: Session | undefined): boolean {
  if (!session || !Array.isArray(spec.auth)) return false;
  if (!(OFFICE_ROLES as readonly string[]).includes(session.role)) return false;
  if (!spec.auth.includes('supervisor') && !spec.auth.includes('admin')) return false;
  return method !== 'GET' || spec.audit === 'read';
}

type Outcome = Awaited<ReturnType<RouteSpec<any>['handler']>>;

const MAX_VALUE = 100;
const MAX_QUERY_KEYS = 8;

function clip(values: Record<string, unknown>, maxKeys: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values).slice(0, maxKeys)) if (typeof v === 'string') out[k.slice(0, 40)] = v.slice(0, MAX_VALUE);
  return out;
}

/** sha256 of the body as the route received it: bytes, CSV text or canonical JSON. */
function bodyDigest(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return createHash('sha256').update(body).digest('hex');
  if (typeof body === 'string') return sha256Hex(body);
  return sha256Hex(canonicalJson(body));
}

export interface TrailContext {
  deps: Deps;
  spec: RouteSpec<any>;
  req: Request;
  res: Response;
  session: Session | undefined;
  log: Logger;
}

/** Runs a route's work and, when the request is audited, appends its entry before it answers. */
export async function auditTrail(ctx: TrailContext, run: () => Promise<Outcome>): Promise<Outcome> {
  if (!isAudited(ctx.spec, ctx.req.method, ctx.session)) return run();
  let out: Outcome;
  try {
    out = await run();
  } catch (e) {
    const err = appErrorOf(e);
    await append(ctx, { status: err.status, code: err.code }, false);
    throw e;
  }
  const { audit, ...answer } = out;
  await append(ctx, { status: out.status ?? 200, ...(audit ? { details: audit } : {}) }, ctx.spec.audit === 'read');
  return answer as Outcome;
}

async function append(ctx: TrailContext, outcome: Pick<OfficeAuditEntry, 'status' | 'code' | 'details'>, mustStore: boolean): Promise<void> {
  const { deps, spec, req, res, session } = ctx;
  const digest = bodyDigest(req.body);
  const query = clip(req.query as Record<string, unknown>, MAX_QUERY_KEYS);
  const entry: OfficeAuditEntry = {
    entryId: deps.ids.uuid(),
    at: deps.clock.now().toISOString(),
    actor: session!.sub,
    role: session!.role,
    ...(session!.unitId ? { unitId: session!.unitId } : {}),
    method: req.method,
    route: spec.path,
    params: clip(req.params, 10),
    ...(Object.keys(query).length > 0 ? { query } : {}),
    ...outcome,
    requestId: String(res.locals.requestId),
    ...(digest ? { bodySha256: digest } : {}),
  };
  try {
    await deps.store.officeAudit.append(entry);
  } catch (e) {
    // A read is refused instead (warn: nothing unaudited left); a change already happened, so
    // this line is the entry's only record until someone copies it into the log (error: alarm).
    ctx.log({ level: mustStore ? 'warn' : 'error', msg: 'office audit append failed', requestId: entry.requestId, error: (e as Error)?.name, entry });
    if (mustStore) throw new AppError('STORE_UNAVAILABLE');
  }
}
