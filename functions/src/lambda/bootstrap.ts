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

/** A scheduled job: EventBridge Scheduler invokes the function with `{ "job": <name> }`. */
export type Job = (deps: Deps) => Promise<unknown>;

/**
 * Builds a Lambda handler for a function's routes (and its scheduled jobs). Called at module
 * scope by each entry file, so the SDK clients, deps and Express app are built once per container
 * (init), not per request. An HTTP API event always carries `requestContext`; a job event is
 * the scheduler's own payload, which no HTTP caller can produce.
 */
export function lambdaHandler(routes: readonly RouteSpec<any>[], wire: WireDeps, options: { openapi?: () => string; jobs?: Record<string, Job> } = {}) {
  const storeConfig = storeConfigFromEnv();
  const deps = wire(createDocumentClient(storeConfig), storeConfig.tableName, process.env);
  const app = createApp(deps, { routes, openapi: options.openapi });
  const http = serverless(app, {
    // serverless-http passes bodies to API Gateway as text unless told which types are binary:
    // without this a PNG (window poster codes) or a spreadsheet export arrives corrupted.
    binary: BINARY_RESPONSE_TYPES,
    // Without a client-sent x-request-id, use API Gateway's: the same id is then in our log
    // lines, in API Gateway's access log and in the response header.
    request: (req: { headers: Record<string, string | string[] | undefined> }, event: { requestContext?: { requestId?: string } }) => {
      if (!req.headers['x-request-id'] && event.requestContext?.requestId) req.headers['x-request-id'] = event.requestContext.requestId;
    },
  });
  const jobs = options.jobs ?? {};
  return async (event: any, context: any) => {
    if (event && typeof event.job === 'string' && !('requestContext' in event)) return runJob(jobs, event.job, deps);
    return http(event, context);
  };
}

async function runJob(jobs: Record<string, Job>, name: string, deps: Deps): Promise<unknown> {
  const job = Object.hasOwn(jobs, name) ? jobs[name] : undefined;
  if (!job) throw new Error(`unknown job ${JSON.stringify(name)} (known: ${Object.keys(jobs).join(', ') || 'none'})`);
  const started = Date.now();
  const result = await job(deps);
  // Counts only: the job's result names rounds and tallies, never a person.
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'job', job: name, ms: Date.now() - started, result }) + '\n');
  return result;
}
