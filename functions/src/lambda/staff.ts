import { buildDeps } from '../config/deps';
import { lambdaHandler, requireSecrets } from './bootstrap';
import { openApiJson } from './openapi-document';
import { routes } from './staff-routes';

/**
 * The staff function: admin, results, imports, rectification (route-groups.ts). It has the
 * evidence bucket, so the S3 client is built here (at module scope, once per container), and it
 * serves GET /api/openapi.json (the template sends unlisted paths here).
 */
export const handler = lambdaHandler(routes, (db, tableName, env) => buildDeps(db, tableName, requireSecrets(env), env), { openapi: openApiJson });
