/**
 * `npm test`: every check — types, the WeChat build and its size gate, the H5 build the browser
 * tests drive, then every jest project (unit, integration against DynamoDB Local, e2e in headless
 * Chromium). The checks before jest run in two lanes at once (types then the WeChat build, beside
 * the H5 build): on 2 cores that takes about two thirds of the time one after the other. Each
 * step's output is printed whole when it ends; the first failure stops the run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');
// Node 20 is supported here; the SDK's notice about its 2027 releases needing Node 22 is known
// (docs/architecture.md) and would repeat in every test worker.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

type Step = { name: string; cmd: string[]; enabled: boolean };
const has = (file: string) => existsSync(resolve(root, file));
const lanes: Step[][] = [
  [
    { name: 'types (server, shared, tests)', cmd: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.json'], enabled: true },
    { name: 'types (client)', cmd: ['npx', 'tsc', '--noEmit', '-p', 'client/tsconfig.json'], enabled: has('client/tsconfig.json') },
    { name: 'WeChat build', cmd: ['npm', 'run', '--silent', 'build:weapp'], enabled: has('client/src/app.config.ts') },
    { name: 'WeChat main package size', cmd: ['npm', 'run', '--silent', 'size:weapp'], enabled: has('scripts/check-weapp-size.ts') },
  ],
  [{ name: 'H5 build', cmd: ['npm', 'run', '--silent', 'build:h5'], enabled: has('client/src/app.config.ts') }],
];
const envFor = (name: string) => ({ ...process.env, NODE_ENV: name.includes('build') ? 'production' : process.env.NODE_ENV });

const running = new Set<ChildProcess>();
let failed: { name: string; code: number } | undefined;

/** Runs one step with its output held back, then prints it under the step's name. */
function run(step: Step): Promise<number> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(step.cmd[0]!, step.cmd.slice(1), { cwd: root, env: envFor(step.name), stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const out: Buffer[] = [];
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => out.push(d));
    child.on('close', (code, signal) => {
      running.delete(child);
      const status = code ?? (signal ? 1 : 0);
      if (!(failed && signal)) {
        console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
        process.stdout.write(Buffer.concat(out));
        console.log(`=== ${step.name}: ${status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      done(status);
    });
  });
}

async function lane(steps: Step[]): Promise<void> {
  for (const step of steps) {
    if (!step.enabled || failed) continue;
    const code = await run(step);
    if (code !== 0 && !failed) {
      failed = { name: step.name, code };
      for (const c of running) c.kill('SIGTERM');
    }
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  await Promise.all(lanes.map(lane));
  console.log(`\n=== checks before jest: ${failed ? `FAILED (${failed.name})` : 'ok'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failed) return failed.code;
  const jest = ['npx', 'jest', '--ci', ...process.argv.slice(2)];
  const jestStarted = Date.now();
  console.log(`\n=== jest (unit, integration, e2e): ${jest.join(' ')}`);
  const r = spawnSync(jest[0]!, jest.slice(1), { cwd: root, stdio: 'inherit', env: process.env });
  console.log(`=== jest (unit, integration, e2e): ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - jestStarted) / 1000).toFixed(1)} s`);
  return r.status ?? 1;
}

main().then((code) => process.exit(code));
