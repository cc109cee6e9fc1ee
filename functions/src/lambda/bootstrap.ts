import serverless from 'serverless-http';
import { createDocumentClient, storeConfigFromEnv } from '../adapters/dynamodb/client';
import { buildDeps, secretsFromEnv } from '../config/deps';
import { createApp } from '../http/app';
import type { RouteSpec } from '../http/route';

export const BINARY_RESPONSE_TYPES = ['image/*', 'application/pdf', 'application/zip', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.*'];

/**
 * Builds a Lambda handler for a set of routes. Called at module scope by each entry file, so the
 * SDK client, deps and Express app are built once per container (init), not per request.
 */
export function lambdaHandler(routes: readonly RouteSpec<any>[]) {
  const storeConfig = storeConfigFromEnv();
  const secrets = secretsFromEnv(process.env);
  if (!secrets) throw new Error('TOKEN_SECRET, PSEUDONYM_SECRET and SESSION_SECRET must be set');
  const app = createApp(buildDeps(createDocumentClient(storeConfig), storeConfig.tableName, secrets, process.env), { routes });
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
