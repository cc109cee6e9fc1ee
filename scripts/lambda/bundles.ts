import { build, type Metafile } from 'esbuild';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHINESE_ICONV_TABLES, lambdaTrims } from './trims';

const root = resolve(__dirname, '../..');

/** One deployed Lambda function: where its code starts and what the template calls it. */
export interface LambdaFunction {
  /** Folder under the output dir; template.yaml's CodeUri is `dist/lambda/<name>`. */
  name: 'citizen' | 'staff' | 'exports' | 'workbooks' | 'paper';
  /** Logical id of the AWS::Serverless::Function in template.yaml. */
  logicalId: string;
  entry: string;
  /** The module whose `routes` export is every route this function serves (lambda/*-routes.ts). */
  routesModule: string;
  /** The export the runtime calls: template Handler is `index.<handlerExport>`. */
  handlerExport: 'handler';
  /** iconv-lite tables kept (see trims.ts): only a function that imports CSV needs any. */
  keepIconvTables: readonly string[];
  /**
   * Environment variables it reads from the Secrets Manager secret: the keys where sessions or
   * tokens are verified, the WeChat AppSecret where WeChat is called; none for public downloads.
   */
  secrets: readonly SecretVariable[];
}

export type SecretVariable = 'TOKEN_SECRET' | 'PSEUDONYM_SECRET' | 'SESSION_SECRET' | 'WECHAT_SECRET';
const ALL_SECRETS: readonly SecretVariable[] = ['TOKEN_SECRET', 'PSEUDONYM_SECRET', 'SESSION_SECRET', 'WECHAT_SECRET'];

export const LAMBDA_FUNCTIONS: readonly LambdaFunction[] = [
  { name: 'citizen', logicalId: 'CitizenFunction', entry: 'functions/src/lambda/citizen.ts', routesModule: 'functions/src/lambda/citizen-routes.ts', handlerExport: 'handler', keepIconvTables: [], secrets: ALL_SECRETS },
  { name: 'staff', logicalId: 'StaffFunction', entry: 'functions/src/lambda/staff.ts', routesModule: 'functions/src/lambda/staff-routes.ts', handlerExport: 'handler', keepIconvTables: CHINESE_ICONV_TABLES, secrets: ALL_SECRETS },
  { name: 'workbooks', logicalId: 'WorkbooksFunction', entry: 'functions/src/lambda/workbooks.ts', routesModule: 'functions/src/lambda/workbooks-routes.ts', handlerExport: 'handler', keepIconvTables: [], secrets: ['TOKEN_SECRET', 'PSEUDONYM_SECRET', 'SESSION_SECRET'] },
  // Printed forms and letters: the PDF writer lives here alone; the font is a layer or an asset, not code.
  { name: 'paper', logicalId: 'PaperFunction', entry: 'functions/src/lambda/paper.ts', routesModule: 'functions/src/lambda/paper-routes.ts', handlerExport: 'handler', keepIconvTables: [], secrets: ['TOKEN_SECRET', 'PSEUDONYM_SECRET', 'SESSION_SECRET'] },
  { name: 'exports', logicalId: 'ExportsFunction', entry: 'functions/src/lambda/exports.ts', routesModule: 'functions/src/lambda/exports-routes.ts', handlerExport: 'handler', keepIconvTables: [], secrets: [] },
];

export const DEFAULT_OUT_DIR = join(root, 'dist/lambda');
export const BUNDLE_FILE = 'index.js';
export const MAX_BUNDLE_BYTES = 1024 * 1024;

export interface BuiltBundle {
  fn: LambdaFunction;
  file: string;
  bytes: number;
  metafile: Metafile;
}

/**
 * Bundles one function for the nodejs22.x arm64 runtime: one CommonJS file with the AWS SDK
 * inside (the runtime's own SDK copy is a moving version; ours is the one the tests ran),
 * minified, no source map in the artefact (kept beside it for stack traces when needed).
 */
export async function buildBundle(fn: LambdaFunction, outDir = DEFAULT_OUT_DIR): Promise<BuiltBundle> {
  const dir = join(outDir, fn.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, BUNDLE_FILE);
  const result = await build({
    entryPoints: [join(root, fn.entry)],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // Prefer packages' ES module builds (the AWS SDK's dist-es): esbuild can drop what is not
    // used, and the SDK's CommonJS build is one large file per client. AWS's bundling advice.
    mainFields: ['module', 'main'],
    minify: true,
    // Chinese strings (error messages, schemes) stay 3 bytes instead of 6-byte \u escapes.
    charset: 'utf8',
    legalComments: 'none',
    sourcemap: false,
    metafile: true,
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
    plugins: [lambdaTrims({ keepIconvTables: fn.keepIconvTables })],
  });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
  return { fn, file, bytes: statSync(file).size, metafile: result.metafile };
}

export async function buildAllBundles(outDir = DEFAULT_OUT_DIR): Promise<BuiltBundle[]> {
  const built: BuiltBundle[] = [];
  for (const fn of LAMBDA_FUNCTIONS) built.push(await buildBundle(fn, outDir));
  return built;
}

/** The largest packages in a bundle, for the "what to cut next" line of the bench. */
export function largestPackages(metafile: Metafile, top = 5): Array<[string, number]> {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const inModules = input.split('node_modules/').pop()!;
      const name = input.includes('node_modules/') ? inModules.split('/').slice(0, inModules.startsWith('@') ? 2 : 1).join('/') : input.split('/').slice(0, 3).join('/');
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  return [...bytes.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
}
