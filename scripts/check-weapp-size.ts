/**
 * Measures the WeChat main package: every file under dist/weapp that is not inside a
 * subpackage root listed in app.json. WeChat refuses to upload a main package over 2 MB;
 * our own budget is 500 KB, reported but not enforced so a growing package is visible early.
 *
 * Usage: tsx scripts/check-weapp-size.ts [distDir]   (after `npm run build:weapp`)
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const HARD_LIMIT = 2 * 1024 * 1024;
const BUDGET = 500 * 1024;

type AppJson = { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> };

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Subpackage roots as posix prefixes ending in '/', so 'staff' never swallows 'staffing/'. */
function subpackageRoots(app: AppJson): string[] {
  return [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((p) => p.root.replace(/^\.?\//, '').replace(/\/?$/, '/'));
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function main(): void {
  const dist = path.resolve(process.argv[2] ?? 'dist/weapp');
  const app = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8')) as AppJson;
  const roots = subpackageRoots(app);
  // project.config.json is DevTools metadata, not part of the uploaded code package.
  const ignored = new Set(['project.config.json', 'project.private.config.json']);
  const sizes = new Map<string, number>(roots.map((r) => [r, 0]));
  let main = 0;
  for (const file of filesUnder(dist)) {
    const rel = path.relative(dist, file).split(path.sep).join('/');
    if (ignored.has(rel) || rel.endsWith('.LICENSE.txt')) continue;
    const size = statSync(file).size;
    const root = roots.find((r) => rel.startsWith(r));
    if (root) sizes.set(root, sizes.get(root)! + size);
    else main += size;
  }
  console.log(`weapp main package: ${kb(main)} (budget ${kb(BUDGET)}, WeChat limit ${kb(HARD_LIMIT)})`);
  for (const [root, size] of sizes) console.log(`  subpackage ${root}: ${kb(size)}`);
  if (main > BUDGET) console.warn(`warning: main package is ${kb(main - BUDGET)} over the 500 KB budget`);
  if (main > HARD_LIMIT) {
    console.error('error: main package exceeds WeChat\'s 2 MB limit');
    process.exit(1);
  }
  for (const [root, size] of sizes) {
    if (size > HARD_LIMIT) {
      console.error(`error: subpackage ${root} exceeds WeChat's 2 MB limit`);
      process.exit(1);
    }
  }
}

main();
