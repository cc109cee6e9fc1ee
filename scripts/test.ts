/**
 * `npm test`: every check, in the order that fails fastest — types, the WeChat build and its
 * size gate, the H5 build the browser tests drive, then every jest project (unit, integration
 * against DynamoDB Local, e2e in headless Chromium).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');
// Node 20 is supported here; the SDK's notice about its 2027 releases needing Node 22 is known
// (docs/architecture.md) and would repeat in every test worker.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const steps: Array<[string, string[], boolean]> = [
  ['types (server, shared, tests)', ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.json'], true],
  ['types (client)', ['npx', 'tsc', '--noEmit', '-p', 'client/tsconfig.json'], existsSync(resolve(root, 'client/tsconfig.json'))],
  ['WeChat build', ['npm', 'run', '--silent', 'build:weapp'], existsSync(resolve(root, 'client/src/app.config.ts'))],
  ['WeChat main package size', ['npm', 'run', '--silent', 'size:weapp'], existsSync(resolve(root, 'scripts/check-weapp-size.ts'))],
  ['H5 build', ['npm', 'run', '--silent', 'build:h5'], existsSync(resolve(root, 'client/src/app.config.ts'))],
  ['jest (unit, integration, e2e)', ['npx', 'jest', '--ci', ...process.argv.slice(2)], true],
];

for (const [name, cmd, enabled] of steps) {
  if (!enabled) continue;
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd.join(' ')}`);
  const r = spawnSync(cmd[0]!, cmd.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: name.includes('build') ? 'production' : process.env.NODE_ENV } });
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
