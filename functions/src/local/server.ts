import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { buildDeps, randomSecrets } from '../config/deps';
import type { Deps } from '../domain/deps';
import type { Secrets } from '../domain/secrets';
import { h5Files } from '../http/h5-files';
import { createApp } from '../http/app';
import { WHOLE_API } from '../http/docs';
import { ensureTable, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { DEMO_WINDOW_ROUND, loadDemoData, type DemoData } from './demo-data';

export interface LocalOptions {
  /** Keep nothing on disk. */
  memory: boolean;
  dataDir: string;
  port: number;
  staticDir?: string;
  /** Use this endpoint instead of starting DynamoDB Local (e.g. real AWS when unset). */
  endpoint?: string;
  tableName: string;
  env: Record<string, string | undefined>;
}

export interface LocalStack {
  url: string;
  deps: Deps;
  demo?: DemoData;
  server: Server;
  dynamo?: DynamoDbLocal;
  stop(): Promise<void>;
}

/** Secrets survive restarts with the data (printed QR posters keep working); fresh when in memory. */
function localSecrets(options: LocalOptions): Secrets {
  if (options.memory) return randomSecrets();
  const file = join(options.dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  const secrets = randomSecrets();
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/** Boots the store, the table, the demo county (first run only) and the HTTP server. */
export async function startLocal(options: LocalOptions): Promise<LocalStack> {
  if (!options.memory) mkdirSync(options.dataDir, { recursive: true });
  const dynamo = options.endpoint ? undefined : await startDynamoDbLocal(options.memory ? {} : { dbPath: join(options.dataDir, 'dynamodb') });
  const endpoint = options.endpoint ?? dynamo!.endpoint;
  await ensureTable(endpoint, 'local', options.tableName);
  const db = createDocumentClient({ tableName: options.tableName, region: 'local', endpoint });
  const publicBaseUrl = options.env.PUBLIC_BASE_URL ?? `http://localhost:${options.port}`;
  const deps = buildDeps(db, options.tableName, localSecrets(options), { ...options.env, PUBLIC_BASE_URL: publicBaseUrl });
  let demo: DemoData | undefined;
  const demoFile = join(options.dataDir, 'demo.json');
  if (!(await deps.store.rounds.getRound(DEMO_WINDOW_ROUND))) {
    demo = await loadDemoData(deps);
    if (!options.memory) writeFileSync(demoFile, JSON.stringify(demo, null, 2));
  } else if (existsSync(demoFile)) demo = JSON.parse(readFileSync(demoFile, 'utf8')) as DemoData;
  const app = createApp(deps, { ...WHOLE_API, ...(options.staticDir ? { files: h5Files(options.staticDir, deps) } : {}), log: (e) => e.level !== 'info' && process.stderr.write(JSON.stringify(e) + '\n') });
  const server = await new Promise<Server>((res) => {
    const s = app.listen(options.port, '127.0.0.1', () => res(s));
  });
  const port = (server.address() as AddressInfo).port;
  // Lets `npm run recount` find this store while it runs.
  if (!options.memory) writeFileSync(join(options.dataDir, 'endpoint'), endpoint);
  return {
    url: `http://localhost:${port}`,
    deps,
    demo,
    server,
    dynamo,
    stop: async () => {
      if (!options.memory) rmSync(join(options.dataDir, 'endpoint'), { force: true });
      await new Promise<void>((r) => server.close(() => r()));
      db.destroy();
      await dynamo?.stop();
    },
  };
}
