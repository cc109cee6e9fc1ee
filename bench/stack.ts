import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../functions/src/adapters/dynamodb/client';
import { ensureTable, startDynamoDbLocal, type DynamoDbLocal } from '../functions/src/local/dynamodb-local';
import { buildDeps, randomSecrets } from '../functions/src/config/deps';
import type { Deps } from '../functions/src/domain/deps';
import { createApp } from '../functions/src/http/app';
import { WHOLE_API } from '../functions/src/http/docs';
import { benchSchemes } from './scheme';
import { StoreMeter } from './store-meter';

export interface BenchStack {
  ddb: DynamoDbLocal;
  db: DynamoDBDocumentClient;
  deps: Deps;
  tableName: string;
  baseUrl: string;
  /** Unhandled errors the app logged; a bench with any is not trustworthy. */
  appErrors: unknown[];
  meter: StoreMeter;
  close(): Promise<void>;
}

/**
 * The production wiring (local server's client settings, buildDeps, createApp) on a fresh
 * in-memory DynamoDB Local. The HTTP phase and the direct phase share one document client,
 * so both see the same connection pool and retry policy.
 */
export async function startBenchStack(rateLimits: string): Promise<BenchStack> {
  const ddb = await startDynamoDbLocal();
  try {
    const tableName = 'bench';
    await ensureTable(ddb.endpoint, 'local', tableName);
    const db = createDocumentClient({ tableName, region: 'local', endpoint: ddb.endpoint });
    const meter = new StoreMeter().attach(db);
    const deps = buildDeps(db, tableName, randomSecrets(), { AUTH_DEV_LOGIN: '1', PUBLIC_BASE_URL: 'http://localhost', BALLOT_RATE_LIMITS: rateLimits }, { presets: benchSchemes });
    const appErrors: unknown[] = [];
    const app = createApp(deps, { ...WHOLE_API, log: (e) => (e.level === 'info' ? undefined : appErrors.push(e)) });
    const server = await new Promise<Server>((res) => {
      const s: Server = app.listen(0, '127.0.0.1', () => res(s));
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const close = async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      db.destroy();
      await ddb.stop();
    };
    return { ddb, db, deps, tableName, baseUrl, appErrors, meter, close };
  } catch (e) {
    await ddb.stop();
    throw e;
  }
}
