import type { RequestHandler } from 'express';
import { AppError } from '@shared/errors';

/**
 * A path that is not valid percent-encoded UTF-8 (`/api/landing/%E0%A4%A`, `%C0%AF`, a lone
 * `%`) is a client error, answered before routing: otherwise the router's decodeURIComponent
 * throws a URIError from inside a route match and it surfaces as a 500 with a stack.
 */
export const rejectMalformedPath: RequestHandler = (req, _res, next) => {
  try {
    decodeURIComponent(req.path);
    next();
  } catch {
    next(new AppError('MALFORMED_PATH'));
  }
};
