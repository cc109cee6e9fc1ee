import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/src/adapters/dynamodb/client';
import { ensureTable } from '../../functions/src/local/dynamodb-local';
import { buildDeps, randomSecrets } from '../../functions/src/config/deps';
import type { Deps } from '../../functions/src/domain/deps';
import { createApp } from '../../functions/src/http/app';
import { h5Files } from '../../functions/src/http/h5-files';
import { WHOLE_API } from '../../functions/src/http/docs';
import { loadDemoData, type DemoData } from '../../functions/src/local/demo-data';
import { StoreFaults } from './faults';
import { testSchemes } from './schemes';

export interface TestStack {
  baseUrl: string;
  deps: Deps;
  db: DynamoDBDocumentClient;
  tableName: string;
  faults: StoreFaults;
  demo?: DemoData;
  close(): Promise<void>;
}

export interface StackOptions {
  seedDemo?: boolean;
  staticDir?: string;
  overrides?: Partial<Deps>;
  /** More environment for buildDeps (WeChat credentials, template ids …). */
  env?: Record<string, string>;
  /** Another DynamoDB Local than the run's shared one (restart tests own theirs). */
  endpoint?: string;
}

/**
 * The real app on a random port against the run's DynamoDB Local, in a fresh table. Every
 * test file gets its own stack; `faults` injects store failures into this stack's client.
 */
export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const endpoint = options.endpoint ?? process.env.DDB_TEST_ENDPOINT;
  if (!endpoint) throw new Error('DDB_TEST_ENDPOINT is not set: run through jest (tests/support/global-setup.ts)');
  const tableName = `t-${randomUUID().slice(0, 12)}`;
  await ensureTable(endpoint, 'local', tableName);
  const db = createDocumentClient({ tableName, region: 'local', endpoint }, { maxAttempts: 1 });
  const faults = new StoreFaults().attach(db);
  const deps = buildDeps(db, tableName, randomSecrets(), { AUTH_DEV_LOGIN: '1', PUBLIC_BASE_URL: 'http://localhost', ...options.env }, { presets: testSchemes, ...options.overrides });
  const demo = options.seedDemo ? await loadDemoData(deps) : undefined;
  const errors: unknown[] = [];
  // The shell's name lookup gets a busy machine's time (its own deadline is tested in h5-static.test.ts).
  const app = createApp(deps, { ...WHOLE_API, ...(options.staticDir ? { files: h5Files(options.staticDir, deps, 60_000) } : {}), log: (e) => (e.level === 'error' ? errors.push(e) : undefined) });
  const server = await new Promise<Server>((res) => {
    const s: Server = app.listen(0, '127.0.0.1', () => res(s));
  });
  server.keepAliveTimeout = 1000;
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    deps,
    db,
    tableName,
    faults,
    demo,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      db.destroy();
      if (errors.length > 0) throw new Error(`the app logged unhandled errors: ${JSON.stringify(errors).slice(0, 2000)}`);
    },
  };
}
