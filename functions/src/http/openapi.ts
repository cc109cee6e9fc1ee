import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import { z } from 'zod';
import { ERROR_CATALOGUE, ErrorBody } from '@shared/errors';
import type { RouteSpec } from './route';

/** Express `:id` → OpenAPI `{id}`. */
const toOpenApiPath = (path: string) => `/api${path.replace(/:([A-Za-z]+)/g, '{$1}')}`;

/**
 * The OpenAPI 3.1 document, generated from the same route list and zod schemas the server
 * validates with (zod-openapi reads zod's native metadata; shared/ stays free of it).
 * docs/openapi.json is a copy that a test keeps current.
 */
export function buildOpenApi(routes: RouteSpec<any>[]): Record<string, unknown> {
  const paths: ZodOpenApiPathsObject = {};
  for (const r of routes) {
    const byStatus = new Map<number, string[]>();
    for (const code of r.errors) {
      const status = ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE]?.status;
      if (status) byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    const responses: Record<string, ZodOpenApiResponseObject> = {};
    for (const [status, spec] of Object.entries(r.responses)) {
      const content = spec.contentType ? { [spec.contentType]: { schema: z.string() } } : spec.schema ? { 'application/json': { schema: spec.schema } } : undefined;
      responses[status] = { description: spec.description, ...(content ? { content } : {}) };
    }
    for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
      responses[String(status)] = { description: `Error: ${codes.join(', ')}`, content: { 'application/json': { schema: ErrorBody } } };
    }
    const requestBody = r.body
      ? { required: true, content: { 'application/json': { schema: r.body } } }
      : r.bodyType === 'text/csv'
        ? { required: true, content: { 'text/csv': { schema: z.string() } } }
        : r.bodyType === 'binary'
          ? { required: true, content: { 'application/octet-stream': { schema: z.string() } } }
          : undefined;
    const operation: ZodOpenApiOperationObject = {
      summary: r.summary,
      tags: [r.tag],
      ...(r.auth === 'public' ? {} : { security: [{ session: [] }] }),
      ...(r.params ? { requestParams: { path: r.params } } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
    const path = toOpenApiPath(r.path);
    paths[path] = { ...paths[path], [r.method]: operation };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: '群众评议 API',
      version: '0.1.0',
      description: 'Ballots, rounds, organisation tree and results for 群众评议 / 好差评 programmes. Errors always have the shape { error: { code, message, messageEn, details } }; codes are listed in docs/errors.md.',
    },
    servers: [{ url: '/' }],
    // Shared schemas as named components: inlined, the error body alone repeated ≈ 2 KB per status
    // per route and made the document 2.5 MB.
    components: { schemas: { ErrorBody }, securitySchemes: { session: { type: 'http', scheme: 'bearer', description: 'Our session token from /api/auth/*' } } },
    paths,
  }) as unknown as Record<string, unknown>;
}
