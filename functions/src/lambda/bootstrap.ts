import serverless from 'serverless-http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, storeConfigFromEnv } from '../adapters/dynamodb/client';
import { secretsFromEnv, type Env } from '../config/compose';
import type { Deps } from '../domain/deps';
import type { Secrets } from '../domain/secrets';
import { createApp } from '../http/app';
import type { RouteSpec } from '../http/route';

export const BINARY_RESPONSE_TYPES = ['image/*', 'application/pdf', 'application/zip', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.*'];

/** How a function builds its deps around the one document client: only the adapters its routes use. */
export type WireDeps = (db: DynamoDBDocumentClient, tableName: string, env: Env) => Deps;

/** The HMAC keys, for functions that verify sessions or tokens: missing keys fail the init. */
export function requireSecrets(env: Env): Secrets {
  const secrets = secretsFromEnv(env);
  if (!secrets) throw new Error('TOKEN_SECRET, PSEUDONYM_SECRET and SESSION_SECRET must be set');
  return secrets;
}

/**
 * Builds a Lambda handler for a function's routes. Called at module scope by each entry file, so
 * the SDK clients, deps and Express app are built once per container (init), not per request.
 */
export function lambdaHandler(routes: readonly RouteSpec<any>[], wire: WireDeps, options: { openapi?: () => string } = {}) {
  const storeConfig = storeConfigFromEnv();
  const app = createApp(wire(createDocumentClient(storeConfig), storeConfig.tableName, process.env), { routes, openapi: options.openapi });
  return serverless(app, {
    // serverless-http passes bodies to API Gateway as text unless told which types are binary:
    // without this a PNG (window poster codes) or a spreadsheet export arrives corrupted.
    binary: BINARY_RESPONSE_TYPES,
    // Without a client-sent x-request-id, use API Gateway's: the same id is then in our log
    // lines, in API Gateway's access log and in the response header.
    request: (req: { headers: Record<string, string | string[] | undefined> }, event: { requestContext?: { requestId?: string } }) => {
      if (!req.headers['x-request-id'] && event.requestContext?.requestId) req.headers['x-request-id'] = event.requestContext.requestId;
    },
  });
}
