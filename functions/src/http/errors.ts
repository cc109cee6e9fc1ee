import type { ErrorRequestHandler } from 'express';
import { AppError } from '@shared/errors';

const STORE_FAILURES = new Set([
  'ServiceUnavailable',
  'InternalServerError',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TimeoutError',
  'TransactionCanceledException',
  'TransactionInProgressException',
  'IdempotentParameterMismatchException',
  'InjectedStoreFault',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'UND_ERR_SOCKET']);

/** Whether an error came from the store being unreachable or overloaded (retry is safe). */
export function isStoreFailure(e: unknown): boolean {
  const err = e as { name?: string; code?: string; $metadata?: unknown; cause?: unknown };
  if (!err || typeof err !== 'object') return false;
  if (err.name && STORE_FAILURES.has(err.name)) return true;
  if (err.code && NETWORK_CODES.has(err.code)) return true;
  if (err.$metadata !== undefined) return true;
  return err.cause !== undefined && isStoreFailure(err.cause);
}

/**
 * Maps body-parser and router failures to our codes. A body that does not decode with its
 * Content-Encoding reaches us as zlib's own error (no `type`) that body-parser marked 400; a bomb
 * that decodes past the limit is `entity.too.large` like any big body.
 */
function fromParser(e: { type?: string; status?: number; expose?: boolean; code?: string }): AppError | undefined {
  if (e.type === 'entity.too.large') return new AppError('BODY_TOO_LARGE');
  if (e.type === 'entity.parse.failed') return new AppError('MALFORMED_JSON');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (e.status === 400 && e.type) return new AppError('VALIDATION_FAILED');
  if (e instanceof URIError) return new AppError('MALFORMED_PATH');
  if (e.status === 400 && e.expose && !e.type) return new AppError('BODY_ENCODING_INVALID');
  return undefined;
}

/** The error a failure answers as (status and code): ours, a body-parser one, the store's, or INTERNAL. */
export function appErrorOf(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const parsed = err && typeof err === 'object' ? fromParser(err as { type?: string; status?: number }) : undefined;
  if (parsed) return parsed;
  return new AppError(isStoreFailure(err) ? 'STORE_UNAVAILABLE' : 'INTERNAL');
}

export type Logger = (entry: Record<string, unknown>) => void;

/** The last middleware: every failure leaves as `{ error: { code, message, messageEn, details } }`. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = appErrorOf(err);
    if (appError.code === 'STORE_UNAVAILABLE' && !(err instanceof AppError)) log({ level: 'warn', msg: 'store failure', requestId: res.locals.requestId, error: (err as Error).name, route: req.route?.path });
    else if (appError.code === 'INTERNAL' && !(err instanceof AppError)) log({ level: 'error', msg: 'unhandled error', requestId: res.locals.requestId, error: (err as Error)?.name, stack: (err as Error)?.stack, route: req.route?.path });
    // Throttling you can watch: every refusal by a rate rule is logged with the rule (never the subject).
    if (appError.code === 'RATE_LIMITED') log({ level: 'warn', msg: 'rate limited', requestId: res.locals.requestId, route: req.route?.path, rule: appError.details });
    res.locals.errorCode = appError.code; // for the request log line and the ballot metrics
    if (appError.code === 'STORE_UNAVAILABLE') res.setHeader('Retry-After', '1');
    if (appError.code === 'RATE_LIMITED') res.setHeader('Retry-After', String((appError.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60));
    res.status(appError.status).json(appError.toBody());
  };
}
