import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Role } from '@shared/api/auth';
import type { Deps } from '../domain/deps';
import type { Session } from '../domain/sessions';
import type { RouteDisclosure } from '@shared/privacy/disclosure';

/**
 * A route as data: the app wires it and the OpenAPI document describes it from the same
 * object, so the contract cannot drift from the code.
 */
export interface RouteSpec<B = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path under /api, e.g. /rounds/:id/open. */
  path: string;
  summary: string;
  tag: string;
  /** `public`: no session; `optional`: read one if sent; otherwise the roles allowed. */
  auth: 'public' | 'optional' | readonly Role[];
  body?: z.ZodType<B>;
  /** Non-JSON bodies: CSV import, or any bytes (evidence uploads to the local folder). */
  bodyType?: 'text/csv' | 'binary';
  params?: z.ZodObject;
  /** `contentType` documents a non-JSON answer (Excel, CSV, HTML); the handler then returns `raw`. */
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  /**
   * `read`: a sensitive read (original comments, ballots under review): each call lands in the
   * office audit log like a state change does, and the data leaves only once the entry is stored.
   */
  audit?: 'read';
  /**
   * What the route shows and to whom (shared/privacy/disclosure.ts): `public` (anyone),
   * `citizen-own` (the caller's own ballot, receipt or subscription), `staff-scoped` (a rated
   * unit's staff, through the disclosure policy), `office-only` (supervisor, admin). Required for
   * every route someone outside the office can call (tests/integration/disclosure-routes.test.ts);
   * answers of `public` and `staff-scoped` routes to callers outside the office never carry a
   * ballot-identifying field (the app strips it and logs an error).
   */
  disclosure?: RouteDisclosure;
  /** Error codes this route can answer with (documented in OpenAPI). */
  errors: readonly string[];
  /**
   * JSON by default; a Buffer body with `contentType` is sent as is (PNG posters); `raw` sends
   * bytes or text with a type and an optional download name (Excel, CSV, print HTML).
   */
  handler: (ctx: RouteContext<B>) => Promise<({ status?: number; body: unknown; contentType?: string } | { status?: number; raw: RawResponse }) & { audit?: Record<string, unknown> }>;
}

/** A non-JSON answer: bytes or text with its type, and a download name when it is a file. */
export interface RawResponse {
  contentType: string;
  data: Buffer | string;
  filename?: string;
}

/** `audit` (optional on any answer): ids of what a sensitive read returned, for its audit entry. */
export interface RouteContext<B> {
  deps: Deps;
  session: Session | undefined;
  params: Record<string, string>;
  body: B;
  req: Request;
  res: Response;
}

export function route<B = unknown>(spec: RouteSpec<B>): RouteSpec<B> {
  return spec;
}
