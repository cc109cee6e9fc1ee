/**
 * `npm start`: the whole product on this machine — DynamoDB Local (data in .data/ unless
 * --memory), the demo county on first run, the API and the H5 client on one port.
 *   npm start -- [--memory] [--port 8787] [--no-build]
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startLocal } from '../functions/src/local/server';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const root = resolve(__dirname, '..');
  const h5 = join(root, 'dist', 'h5');
  if (!flag('--no-build') && !existsSync(join(h5, 'index.html'))) {
    console.log('Building the H5 client (first run) …');
    execFileSync('npm', ['run', '--silent', 'build:h5'], { cwd: root, stdio: 'inherit' });
  }
  const port = Number(value('--port') ?? process.env.PORT ?? 8787);
  const stack = await startLocal({
    memory: flag('--memory'),
    dataDir: join(root, '.data'),
    port,
    staticDir: existsSync(h5) ? h5 : undefined,
    endpoint: process.env.DYNAMODB_ENDPOINT,
    tableName: process.env.TABLE_NAME ?? 'pingyi',
    // Dev login is this script's explicit choice (any name, any role; `dev-<name>` WeChat codes);
    // `AUTH_DEV_LOGIN=0 npm start` runs without it (and then without WeChat credentials, no login).
    env: { ...process.env, AUTH_DEV_LOGIN: process.env.AUTH_DEV_LOGIN ?? '1' },
  });
  const demo = stack.demo;
  const lines = [
    '',
    '群众评议 is running (Ctrl+C to stop)',
    `  H5 client     ${stack.url}/`,
    `  API           ${stack.url}/api`,
    `  OpenAPI       ${stack.url}/api/openapi.json`,
    `  Store         ${stack.dynamo ? `DynamoDB Local ${stack.dynamo.endpoint}` : process.env.DYNAMODB_ENDPOINT} (${flag('--memory') ? 'in memory' : 'data in .data/'})`,
  ];
  if (demo) {
    const w = demo.windowTokens[0]!;
    lines.push(
      `  Rate a window ${w.url}   (${w.name}; ${demo.windowTokens.length} windows${flag('--memory') ? '' : ', every QR link in .data/demo.json'})`,
      `  Sampling link ${demo.samplingUrl}`,
      `  Invitation    ${demo.invitations[0]?.url ?? '-'}   (${demo.invitations.length} panel invitations)`,
      ...(demo.publishedRoundId ? [`  Published     ${stack.url}/#/public/pages/round/index?id=${demo.publishedRoundId}   (last quarter's results)`] : []),
      `  Staff/admin   ${stack.url}/#/pages/index/index  (${stack.deps.config.devLogin ? 'dev login: any name; roles citizen/staff/supervisor/admin' : 'dev login off (AUTH_DEV_LOGIN=0)'})`,
    );
  }
  console.log(lines.join('\n'));
  const stop = async () => {
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
