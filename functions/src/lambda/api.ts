import serverless from 'serverless-http';
import { createDocumentClient, storeConfigFromEnv } from '../adapters/dynamodb/client';
import { buildDeps, secretsFromEnv } from '../config/deps';
import { createApp } from '../http/app';

// Module scope: the SDK client and the app are built once per Lambda container.
const storeConfig = storeConfigFromEnv();
const secrets = secretsFromEnv(process.env);
if (!secrets) throw new Error('TOKEN_SECRET, PSEUDONYM_SECRET and SESSION_SECRET must be set');
const app = createApp(buildDeps(createDocumentClient(storeConfig), storeConfig.tableName, secrets, process.env));

/** API Gateway HTTP API (v2) entry point. */
export const handler = serverless(app);
