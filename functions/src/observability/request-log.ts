import type { RequestHandler, Response } from 'express';
import type { Logger } from '../http/errors';
import type { BallotOutcome, Metrics } from './metrics';

/** The route whose outcomes the ballot metrics count. */
export const BALLOT_ROUTE = { method: 'POST', path: '/api/ballots' } as const;
const DUPLICATE_CODES = new Set(['DUPLICATE_BALLOT', 'INVITATION_USED']);

/**
 * One JSON line per request, written when the response is finished. What it carries is chosen
 * so no personal data reaches the logs:
 *  - the matched route PATTERN (`/api/landing/:token`), never the raw path: paths carry QR and
 *    invitation tokens;
 *  - no query string, headers, body, IP or user agent (abuse controls see IPs at the edge and in
 *    API Gateway's own access log, which we keep off by default);
 *  - the error code the error handler chose (`res.locals.errorCode`), never the message details;
 *  - the request id (ours, echoed as `x-request-id`) joins this line to the error lines and to
 *    the client's report.
 * For POST /api/ballots it also reports the ballot outcome to the metrics port.
 */
export function observeRequests(log: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = matchedRoute(req.route);
      const code = res.locals.errorCode as string | undefined;
      log({
        level: 'info',
        msg: 'request',
        requestId: res.locals.requestId,
        method: req.method,
        route,
        status: res.statusCode,
        ...(code ? { code } : {}),
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      });
      if (req.method === BALLOT_ROUTE.method && route === BALLOT_ROUTE.path) reportBallot(metrics, res, code);
    });
    next();
  };
}

function matchedRoute(route: unknown): string {
  const path = (route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : 'unmatched';
}

/** Flags raised while accepting a ballot are left in `res.locals.ballotFlags` (anti-stuffing). */
function reportBallot(metrics: Metrics, res: Response, code: string | undefined) {
  const flags = Array.isArray(res.locals.ballotFlags) ? (res.locals.ballotFlags as string[]) : undefined;
  metrics.ballot(ballotOutcome(res.statusCode, code), { ...(code ? { code } : {}), ...(flags ? { flags } : {}) });
}

export function ballotOutcome(status: number, code: string | undefined): BallotOutcome {
  if (status === 201) return 'accepted';
  if (status === 200) return 'replayed';
  return code && DUPLICATE_CODES.has(code) ? 'duplicate' : 'rejected';
}
