import express, { type NextFunction, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/errors';
import { BALLOT_BODY_MAX_BYTES } from '@shared/model/ballot';
import { EVIDENCE_MAX_BYTES } from '@shared/rectification/evidence-limits';
import type { Deps } from '../domain/deps';
import { verifySession, type Session } from '../domain/sessions';
import type { RouteSpec } from './route';
import { errorHandler, type Logger } from './errors';
import { parseOrThrow } from './validate';
import { auditTrail } from './audit-trail';
import { emfMetrics, type Metrics } from '../observability/metrics';
import { observeRequests } from '../observability/request-log';
import { contentDisposition } from './content-disposition';
import { sendJson } from './frozen-json';
import { DOCUMENT_CSP, securityHeaders, setDocumentPolicy } from './security-headers';
import { rejectMalformedPath } from './malformed';
import { assertDeclarationFits, guardStaffAnswer, needsStaffGuard } from '../domain/disclosure/guard';

export interface AppOptions {
  /**
   * The H5 build's files (local runs: `h5Files` in h5-files.ts); in production a CDN serves
   * them, so the Lambda bundles carry no static serving.
   */
  files?: express.RequestHandler;
  log?: Logger;
  /** Ballot outcome counters; default: CloudWatch EMF lines through `log`. */
  metrics?: Metrics;
  /** The routes this app mounts: every route locally, a Lambda function's own group in AWS. */
  routes: readonly RouteSpec<any>[];
  /**
   * The OpenAPI document as JSON text, served at GET /api/openapi.json when given. A provider, so
   * only the process that serves the document pays for it, on the first request.
   */
  openapi?: () => string;
}

const jsonLog: Logger = (entry) => process.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...entry }) + '\n');

/** The one Express app: local server, tests and Lambda (serverless-http) all run this. */
export function createApp(deps: Deps, options: AppOptions): express.Express {
  const app = express();
  const log = options.log ?? jsonLog;
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(securityHeaders);
  app.use((req, res, next) => {
    res.locals.requestId = req.header('x-request-id')?.slice(0, 64) || randomUUID();
    res.setHeader('x-request-id', res.locals.requestId);
    res.setHeader('cache-control', 'no-store');
    next();
  });
  app.use(observeRequests(log, options.metrics ?? emfMetrics(log)));
  app.use(rejectMalformedPath);
  const json = express.json({ limit: BALLOT_BODY_MAX_BYTES, strict: true, type: () => true });
  const csv = express.text({ limit: '2mb', type: () => true });
  const binary = express.raw({ limit: EVIDENCE_MAX_BYTES, type: () => true });

  // Built on first request, not at init: a Lambda cold start should not pay for a document few ask for.
  const { openapi } = options;
  let document: string | undefined;
  if (openapi) app.get('/api/openapi.json', (_req, res) => res.type('application/json').send((document ??= openapi())));
  for (const spec of options.routes) mount(app, spec, deps, log, json, csv, binary);
  app.use('/api', (_req, _res, next) => next(new AppError('NOT_FOUND')));
  if (options.files) app.use(options.files);
  // Anything else is our JSON 404 (with our headers), not the framework's HTML page.
  app.use((_req, _res, next) => next(new AppError('NOT_FOUND')));
  app.use(errorHandler(log));
  return app;
}

function mount(app: express.Express, spec: RouteSpec<any>, deps: Deps, log: Logger, json: express.RequestHandler, csv: express.RequestHandler, binary: express.RequestHandler) {
  assertDeclarationFits(spec.path, spec.disclosure, spec.auth);
  const handlers: express.RequestHandler[] = [];
  // Who is calling is known from a header: refuse a missing or forged session before reading a
  // body (an anonymous 2 MB CSV is never parsed). Roles are checked later, inside the audit trail,
  // so an office account's refused attempt is still written down.
  if ((spec.body || spec.bodyType) && spec.auth !== 'public' && spec.auth !== 'optional') {
    handlers.push((req, _res, next) => {
      try {
        readSession(deps, spec, req);
        next();
      } catch (e) {
        next(e);
      }
    });
  }
  if (spec.body || spec.bodyType) {
    if (spec.bodyType === 'binary') handlers.push(binary);
    else {
      const wanted = spec.bodyType ?? 'application/json';
      handlers.push((req, _res, next) => next(req.is(wanted) ? undefined : new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: wanted })));
      handlers.push(spec.bodyType ? csv : json);
    }
  }
  handlers.push(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const session = readSession(deps, spec, req);
      const out = await auditTrail({ deps, spec, req, res, session, log }, async () => {
        authorize(spec, session);
        const params = spec.params ? (parseOrThrow(spec.params, req.params) as Record<string, string>) : (req.params as Record<string, string>);
        const body = spec.body ? parseOrThrow(spec.body, req.body) : req.body;
        return spec.handler({ deps, session, params, body, req, res });
      });
      if ('raw' in out) {
        res.status(out.status ?? 200).type(out.raw.contentType);
        if (out.raw.filename) res.setHeader('content-disposition', contentDisposition(out.raw.filename));
        if (/^text\/html\b/i.test(out.raw.contentType)) setDocumentPolicy(res, DOCUMENT_CSP);
        res.send(out.raw.data);
      } else if (out.contentType && Buffer.isBuffer(out.body)) res.status(out.status ?? 200).type(out.contentType).send(out.body);
      else if (needsStaffGuard(spec.disclosure, session?.role)) {
        // The disclosure policy's last gate (domain/disclosure/guard.ts): whatever slipped through goes, loudly.
        const guarded = guardStaffAnswer(out.body);
        if (guarded.stripped.length > 0) log({ level: 'error', msg: 'disclosure guard stripped fields', route: spec.path, fields: [...new Set(guarded.stripped)] });
        res.status(out.status ?? 200).json(guarded.body);
      } else sendJson(res, out.status ?? 200, out.body);
    } catch (e) {
      next(e);
    }
  });
  app[spec.method](`/api${spec.path}`, ...handlers);
}

/** Reads the bearer session (UNAUTHENTICATED / SESSION_EXPIRED) before anything else runs. */
function readSession(deps: Deps, spec: RouteSpec<any>, req: Request): Session | undefined {
  if (spec.auth === 'public') return undefined;
  const header = req.header('authorization');
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  if (!token) {
    if (spec.auth === 'optional') return undefined;
    throw new AppError('UNAUTHENTICATED');
  }
  return verifySession(deps.secrets.sessionKey, token, deps.clock.now().getTime());
}

/** The route's roles, enforced before its params and body are validated. */
function authorize(spec: RouteSpec<any>, session: Session | undefined): void {
  if (Array.isArray(spec.auth) && !spec.auth.includes(session!.role)) throw new AppError('FORBIDDEN');
}
