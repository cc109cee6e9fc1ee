import type { Plugin } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';

/**
 * Build-time trims that keep each Lambda bundle under 1 MB without touching application code.
 * Each one removes data a Lambda behind API Gateway cannot use; each has a test on the built
 * bundle (tests/integration/lambda-bundles.test.ts) proving the path we do use still works.
 *
 *  - zod locales (≈ 190 KB): `import { z } from 'zod'` makes esbuild keep the whole `z`
 *    namespace, including `z.locales` with ~60 languages. zod itself only loads `en` (its default
 *    error map); we keep `en` and `zhCN`. `z.locales.<other>` is undefined in a bundle.
 *  - iconv-lite code pages (≈ 270 KB): body-parser decodes non-UTF-8 bodies with iconv-lite,
 *    which pulls every single- and double-byte table. JSON bodies must be UTF-8 (body-parser
 *    answers 415 otherwise), so functions that read no text bodies keep none; functions that
 *    import CSV keep the Chinese tables (GBK / GB18030: what Excel in a Chinese locale writes).
 *    A dropped table fails as "Encoding not recognized", which body-parser turns into 415.
 *  - `import { z } from 'zod'` (≈ 100 KB): that form hands esbuild zod's whole namespace as one
 *    value, so nothing in it can be dropped. Our sources are rewritten, at build time only, to
 *    the equivalent `import * as z from 'zod'` (the form zod 4's docs recommend), whose member
 *    accesses esbuild can tree-shake. Switching the sources themselves would retire this trim.
 *  - AWS credential providers (≈ 100 KB): Lambda always hands the function its role's
 *    credentials in environment variables, so the SDK's default chain (SSO, INI files, STS web
 *    identity, IMDS, login, each with its nested client) is replaced by the environment provider.
 *  - bowser (≈ 35 KB): the SDK's browser user-agent parser; never called on Node.
 *  - mime-db (≈ 160 KB): a Lambda function serves no static files, so the only lookups are the
 *    charset of a Content-Type we set (mime.contentType, on every response) and the few short
 *    names Express itself or our code pass to res.type() (`html` for res.send(string), `bin`
 *    for a Buffer, `txt` for sendStatus; LOOKED_UP_EXTENSIONS). Kept: every type with a charset
 *    and the types of those extensions; any other extension would read as
 *    application/octet-stream, Express's own fallback.
 *  - send (≈ 9 KB): Express loads it for res.sendFile and express.static; a Lambda function
 *    serves no files (the CDN does; the local server and tests mount http/h5-files.ts with the
 *    real module). The stub throws if ever called.
 *  - debug (≈ 7 KB): Express, router and finalhandler log through it only when DEBUG names
 *    them; Lambda logs are our JSON lines. The stub is a logger that is never enabled.
 *  - object-inspect (≈ 14 KB): qs → side-channel formats a key with it only in the message of
 *    an error it throws on a missing key; the stub prints the value's type instead.
 *  - qs (≈ 40 KB with side-channel and get-intrinsic): Express 5 parses query strings with
 *    node:querystring ('simple', its default, which we keep) and uses qs only for the 'extended'
 *    parser; body-parser uses it only for urlencoded bodies, which no route accepts. The stub
 *    throws if either is ever switched on, so the change cannot pass silently.
 *  - serverless-http's Azure provider (≈ 10 KB): we are AWS only (provider defaults to aws).
 *  - route summaries (≈ 10 KB): documentation only (withoutRouteSummaries below); the bundles
 *    serve the OpenAPI document built from the untrimmed sources.
 *  - exceljs (≈ 570 KB, the exports function only): `import ExcelJS from 'exceljs'` loads its
 *    Node entry, which adds the streaming reader and writer (unzipper, archiver, tmp and their
 *    glob/bluebird/lodash trees) to the in-memory Workbook we use. The bare entry
 *    (`lib/exceljs.bare.js`, exceljs' own, = Workbook + enums) is used instead, and the
 *    Workbook's CSV module (fast-csv, dayjs; `workbook.csv`) becomes a stub that throws.
 *    `workbook.xlsx.writeBuffer()` — JSZip + pako — is untouched.
 *  - readable-stream (≈ 70 KB once exceljs is trimmed; v2 for JSZip, v3 for exceljs): Node's
 *    own `stream`, of which both are copies (the package exists for old Node and browsers);
 *    its Duplex, PassThrough and Readable are what exceljs and JSZip use. The Excel test on the
 *    exports bundle reads the workbook back with the untrimmed exceljs.
 *  - pdfkit (the paper function): resolved to its CommonJS build (`js/pdfkit.js`). Its ES module
 *    build computes a file URL from `import.meta.url` when it loads, which a CommonJS bundle
 *    does not have ("Invalid URL" at init). Documents start without Helvetica
 *    (domain/paper/pdf/document.ts), so pdfkit's standard-font files, not bundled, are never read.
 *  - brotli (≈ 480 KB, pulled by fontkit for WOFF2 fonts): replaced by Node's own
 *    `zlib.brotliDecompressSync`, which decodes the same format; our fonts are TTF/TTC anyway.
 *  - fontkit (pdfkit's font reader): its ES module build for Node (`dist/module.mjs`, what an
 *    `import` gets) instead of the CommonJS one pdfkit's `require` would get: the same code,
 *    which esbuild can scope-hoist and trim.
 *  - pdfkit's AES (@noble/ciphers, ≈ 22 KB) and PNG decoder (png-js): used only to encrypt a
 *    PDF with a password or to embed a PNG image, neither of which a printed form or letter
 *    does; the stubs throw if either is ever asked for.
 *  - the OpenAPI document (staff function): functions/src/lambda/openapi-document.ts builds it
 *    from every route; in the bundle it becomes the same JSON built now, at bundle time,
 *    brotli-compressed into `openapi.json.br` beside index.js (≈ 18 KB for 900 KB of JSON), read
 *    and inflated on the first request. Otherwise the staff bundle would import every route
 *    module, exceljs included; and as a file beside the code it is not parsed at cold start nor
 *    counted against the code's 1 MB (embedded as base64 it cost ≈ 25 KB of index.js).
 */
export interface TrimOptions {
  /** iconv-lite double-byte tables to keep (file names under encodings/tables). */
  keepIconvTables: readonly string[];
}

/** The compressed OpenAPI document the staff bundle reads beside its index.js. */
export const OPENAPI_FILE = 'openapi.json.br';

export const CHINESE_ICONV_TABLES = ['cp936.json', 'gbk-added.json', 'gb18030-ranges.json'] as const;
const ZOD_NAMED_IMPORT = /^import \{ z \} from 'zod';$/m;
const KEPT_ZOD_LOCALES = { en: 'en.js', zhCN: 'zh-CN.js' };
/** Short names Express (res.send → html/bin, sendStatus → txt) or our routes may look up. */
export const LOOKED_UP_EXTENSIONS = ['html', 'bin', 'txt', 'json', 'csv', 'png', 'xlsx', 'pdf', 'zip'];

/** Route modules, whose `summary` strings only the OpenAPI document reads. */
const ROUTE_MODULE = /[\\/]functions[\\/]src[\\/]http[\\/]routes[\\/][^\\/]+\.ts$/;
/** `summary: '…'`, `summary: "…"` or `summary: \`…\`` (one literal, possibly over several lines). */
const ROUTE_SUMMARY = /(\bsummary:\s*)('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`)/g;

/**
 * Route summaries (≈ 10 KB of English prose in the staff bundle) are documentation: the OpenAPI
 * document is built from the sources at build time and ships as a file beside the bundle
 * (lambda/openapi-document.ts), and nothing at run time reads a route's summary. Each becomes ''.
 */
export function withoutRouteSummaries(source: string): string {
  return source.replace(ROUTE_SUMMARY, "$1''");
}

export function lambdaTrims(options: TrimOptions): Plugin {
  return {
    name: 'lambda-trims',
    setup(build) {
      build.onLoad({ filter: /[\\/](shared|functions)[\\/].*\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const routeDocs = ROUTE_MODULE.test(args.path);
        if (!ZOD_NAMED_IMPORT.test(source) && !routeDocs) return undefined;
        const rewritten = source.replace(ZOD_NAMED_IMPORT, "import * as z from 'zod';");
        return { contents: routeDocs ? withoutRouteSummaries(rewritten) : rewritten, loader: 'ts' };
      });

      build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({ path: 'lambda-env-credentials', namespace: 'lambda-trims' }));
      build.onLoad({ filter: /^lambda-env-credentials$/, namespace: 'lambda-trims' }, () => ({
        contents: "import { fromEnv } from '@aws-sdk/credential-provider-env';\nexport const defaultProvider = (init) => fromEnv(init);\n",
        loader: 'js',
        // Resolved beside the package it replaces (the env provider is its own dependency).
        resolveDir: dirname(require.resolve('@aws-sdk/credential-provider-node/package.json')),
      }));
      build.onResolve({ filter: /^bowser$/ }, () => ({ path: 'bowser', namespace: 'lambda-trims' }));
      build.onLoad({ filter: /^bowser$/, namespace: 'lambda-trims' }, () => ({
        contents: "export default { parse() { throw new Error('bowser is not bundled: browser user agents are not parsed on Lambda'); } };",
        loader: 'js',
      }));

      build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
        contents: Object.entries(KEPT_ZOD_LOCALES)
          .map(([name, file]) => `export { default as ${name} } from "./${file}";`)
          .join('\n'),
        loader: 'js',
        resolveDir: dirname(args.path),
      }));

      build.onLoad({ filter: /[\\/]iconv-lite[\\/]encodings[\\/]sbcs-data-generated\.js$/ }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
      if (options.keepIconvTables.length === 0)
        build.onLoad({ filter: /[\\/]iconv-lite[\\/]encodings[\\/]dbcs-data\.js$/ }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
      build.onLoad({ filter: /[\\/]iconv-lite[\\/]encodings[\\/]tables[\\/][^\\/]+\.json$/ }, (args) => {
        const file = args.path.split(/[\\/]/).pop()!;
        if (options.keepIconvTables.includes(file)) return undefined;
        // Required lazily (inside the codec's table() getter), so this throws only when asked for.
        return { contents: `throw new Error("Encoding not recognized: table ${file} is not bundled in this function");`, loader: 'js' };
      });

      build.onResolve({ filter: /^exceljs$/ }, () => ({ path: join(dirname(require.resolve('exceljs/package.json')), 'lib/exceljs.bare.js') }));
      build.onLoad({ filter: /[\\/]exceljs[\\/]lib[\\/]csv[\\/]csv\.js$/ }, () => ({
        contents: "module.exports = class CSV { constructor() { throw new Error('exceljs CSV is not bundled: use domain/exports/csv.ts'); } };",
        loader: 'js',
      }));
      // No static files and no DEBUG logging on Lambda: see the header for both.
      build.onLoad({ filter: /[\\/]node_modules[\\/]send[\\/]index\.js$/ }, () => ({
        contents: "module.exports = function send() { throw new Error('send is not bundled: a Lambda function serves no files (res.sendFile, express.static)'); };",
        loader: 'js',
      }));
      build.onLoad({ filter: /[\\/]node_modules[\\/]debug[\\/]src[\\/]index\.js$/ }, () => ({
        contents: 'const off = () => {}; off.enabled = false; off.extend = () => off; off.log = off; off.destroy = off; module.exports = () => off; module.exports.enabled = () => false;',
        loader: 'js',
      }));
      build.onLoad({ filter: /[\\/]object-inspect[\\/]index\.js$/ }, () => ({ contents: 'module.exports = (value) => `[${typeof value}]`;', loader: 'js' }));
      build.onLoad({ filter: /[\\/]serverless-http[\\/]lib[\\/]provider[\\/]azure[\\/]index\.js$/ }, () => ({
        contents: "module.exports = () => { throw new Error('serverless-http: the Azure provider is not bundled'); };",
        loader: 'js',
      }));
      build.onResolve({ filter: /^qs$/ }, () => ({ path: 'qs', namespace: 'lambda-trims' }));
      build.onLoad({ filter: /^qs$/, namespace: 'lambda-trims' }, () => ({
        contents: "const off = () => { throw new Error('qs is not bundled: keep Express\\'s simple query parser and JSON bodies'); };\nmodule.exports = { parse: off, stringify: off };",
        loader: 'js',
      }));
      build.onResolve({ filter: /^pdfkit$/ }, () => ({ path: require.resolve('pdfkit') /* its "require" export: js/pdfkit.js */ }));
      build.onResolve({ filter: /^fontkit$/ }, () => ({ path: join(dirname(require.resolve('fontkit')), 'module.mjs') }));
      build.onResolve({ filter: /^@noble\/ciphers\/aes$/ }, () => ({ path: 'noble-aes', namespace: 'lambda-trims' }));
      build.onLoad({ filter: /^noble-aes$/, namespace: 'lambda-trims' }, () => ({
        contents: "const off = () => { throw new Error('PDF encryption is not bundled: printed forms and letters carry no password'); };\nmodule.exports = { cbc: off, ecb: off };",
        loader: 'js',
      }));
      build.onResolve({ filter: /^png-js$/ }, () => ({ path: 'png-js', namespace: 'lambda-trims' }));
      build.onLoad({ filter: /^png-js$/, namespace: 'lambda-trims' }, () => ({
        contents: "module.exports = class PNG { constructor() { throw new Error('PNG images are not bundled: printed forms and letters draw vectors and text only'); } };",
        loader: 'js',
      }));
      build.onResolve({ filter: /^brotli\/decompress\.js$/ }, () => ({ path: 'brotli-decompress', namespace: 'lambda-trims' }));
      build.onLoad({ filter: /^brotli-decompress$/, namespace: 'lambda-trims' }, () => ({
        contents: "const { brotliDecompressSync } = require('node:zlib');\nmodule.exports = (buffer) => new Uint8Array(brotliDecompressSync(buffer));",
        loader: 'js',
      }));
      build.onResolve({ filter: /^readable-stream$/ }, () => ({ path: 'node:stream', external: true }));

      build.onLoad({ filter: /[\\/]functions[\\/]src[\\/]lambda[\\/]openapi-document\.ts$/ }, async () => {
        // Loaded only when a bundle imports the module (staff): the build then loads every route.
        const { WHOLE_API } = await import('../../functions/src/http/docs');
        const outfile = build.initialOptions.outfile;
        if (!outfile) throw new Error('lambda-trims: the OpenAPI document is written beside outfile, and there is none');
        writeFileSync(join(dirname(outfile), OPENAPI_FILE), brotliCompressSync(Buffer.from(WHOLE_API.openapi(), 'utf8')));
        return {
          contents: [
            "import { brotliDecompressSync } from 'node:zlib';",
            "import { readFileSync } from 'node:fs';",
            "import { join } from 'node:path';",
            'let json;',
            `export const openApiJson = () => (json ??= brotliDecompressSync(readFileSync(join(__dirname, ${JSON.stringify(OPENAPI_FILE)}))).toString('utf8'));`,
          ].join('\n'),
          loader: 'js',
        };
      });

      build.onLoad({ filter: /[\\/]mime-db[\\/]db\.json$/ }, (args) => {
        const db = JSON.parse(readFileSync(args.path, 'utf8')) as Record<string, { extensions?: string[]; charset?: string }>;
        const kept = Object.fromEntries(Object.entries(db).filter(([, v]) => v.charset || v.extensions?.some((e) => LOOKED_UP_EXTENSIONS.includes(e))));
        return { contents: JSON.stringify(kept), loader: 'json' };
      });
    },
  };
}
