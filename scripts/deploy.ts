/**
 * `npm run deploy [-- --stage prod] [-- <extra sam deploy args>]`: builds every Lambda bundle
 * into dist/lambda/<function>/ (esbuild, see scripts/lambda/bundles.ts), warns when a bundle is over the 1 MB goal,
 * then runs `sam deploy` on template.yaml. `--build-only` stops after the bundles (CI, tests).
 *
 * Needs (docs/deploy.md): AWS credentials in the environment/profile, the SAM CLI on PATH, the
 * Secrets Manager secret the template names, and a samconfig.toml (first run: `--guided`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildAllBundles, MAX_BUNDLE_BYTES } from './lambda/bundles';

const root = resolve(__dirname, '..');

export function samAvailable(): boolean {
  return spawnSync('sam', ['--version'], { stdio: 'ignore' }).status === 0;
}

export const SAM_MISSING = [
  'The bundles are built (dist/lambda/*), but the AWS SAM CLI (`sam`) is not on PATH, so nothing was deployed.',
  'Install it (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html),',
  'make AWS credentials available (AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), then run `npm run deploy` again.',
  'First deploy: `npm run deploy -- --guided` writes samconfig.toml. See docs/deploy.md.',
].join('\n');

async function main(argv: string[]): Promise<number> {
  const buildOnly = argv.includes('--build-only');
  const samArgs = argv.filter((a) => a !== '--build-only');
  const built = await buildAllBundles();
  for (const b of built) console.log(`built ${b.fn.name.padEnd(8)} ${(b.bytes / 1024).toFixed(0).padStart(5)} KB  ${b.file}`);
  const over = built.filter((b) => b.bytes > MAX_BUNDLE_BYTES);
  // The 1 MB budget is a goal for cold starts, not a Lambda limit (tests/unit/deploy-template.test.ts
  // holds it, so this only fires on untested changes): say so loudly, deploy anyway.
  if (over.length > 0) console.error(`warning: over the ${MAX_BUNDLE_BYTES / 1024} KB goal: ${over.map((b) => b.fn.name).join(', ')} (npm run bench:bundles shows the largest packages; docs/deploy.md, "Measured", what each bundle holds and what shrank it)`);
  if (buildOnly) return 0;
  if (!samAvailable()) {
    console.error(SAM_MISSING);
    return 2;
  }
  // First run: no samconfig.toml yet, so ask (stack name, region, parameters) and save the answers.
  if (!existsSync(resolve(root, 'samconfig.toml')) && !samArgs.includes('--guided')) samArgs.push('--guided');
  // The bundles are already built: `sam deploy` packages CodeUri folders as they are (no `sam build`).
  const r = spawnSync('sam', ['deploy', '--template-file', 'template.yaml', '--capabilities', 'CAPABILITY_IAM', '--no-fail-on-empty-changeset', ...samArgs], { cwd: root, stdio: 'inherit' });
  return r.status ?? 1;
}

if (require.main === module) main(process.argv.slice(2)).then((code) => process.exit(code), (e) => { console.error(e); process.exit(1); });
