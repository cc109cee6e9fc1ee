import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ERROR_CATALOGUE } from '@shared/errors';
import { ROUTES } from '../../../functions/src/http/routes';
import type { RouteSpec } from '../../../functions/src/http/route';
import { ensureTable } from '../../../functions/src/local/dynamodb-local';
import { buildBundle, LAMBDA_FUNCTIONS, type BuiltBundle } from '../../../scripts/lambda/bundles';
import { apiClient, type ApiClient } from '../../support/http';
import { ballot, seedSmallCounty } from '../../support/fixtures';
import { startStack, type TestStack } from '../../support/stack';
import { WechatStandIn } from '../../support/wechat-stand-in';

/**
 * Red team, configuration and hygiene (issue 15): each attack replayed over HTTP against the app
 * and, where it concerns the deployment, against the built Lambda bundles. Every attack records
 * how many requests it tried and what came back; the summary is printed at the end and written
 * to test-artifacts/red-team/hygiene.json (docs/security.md quotes the counts).
 *
 *  1. Login fails closed: no WeChat credentials → the Lambda functions refuse to start, and a
 *     local server without dev login refuses every code; `dev-<name>` codes and POST /auth/dev
 *     never give a session in a bundle, whatever AUTH_DEV_LOGIN says.
 *  2. Malformed paths (bad percent-encoding in every route) → 400 MALFORMED_PATH, table unchanged.
 *  3. Content-Encoding attacks on every route with a body (garbage, truncated, bombs, unknown
 *     codings) → 400 / 413 / 415, table unchanged, nothing logged as an unhandled error.
 *  4. Security headers on every kind of response: JSON, errors, downloads, print HTML, H5 files.
 *  5. Evidence links are single-use; the recorded SHA-256 stays the hash of what is served.
 *  6. Content-Disposition survives a hostile round name.
 */
jest.setTimeout(600_000);

type Outcome = Record<string, number>;
const report: Record<string, { tried: number; got: Outcome }> = {};
function record(attack: string, got: string): void {
  const entry = (report[attack] ??= { tried: 0, got: {} });
  entry.tried += 1;
  entry.got[got] = (entry.got[got] ?? 0) + 1;
}
const outcome = (status: number, body: unknown) => `${status} ${(body as { error?: { code?: string } } | undefined)?.error?.code ?? (status < 300 ? 'ok' : '?')}`;

afterAll(() => {
  const dir = resolve(__dirname, '../../../test-artifacts/red-team');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'hygiene.json'), JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(`red team (hygiene):\n${Object.entries(report).map(([a, r]) => `  ${a}: tried ${r.tried} → ${JSON.stringify(r.got)}`).join('\n')}\n`);
});

/** Every item of a table, canonical, to compare before and after an attack. */
async function tableImage(stack: TestStack): Promise<string> {
  const items: unknown[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await stack.db.send(new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return createHash('sha256')
    .update(items.map((i) => JSON.stringify(i, Object.keys(i as object).sort())).sort().join('\n'))
    .digest('hex');
}

const SECURITY_HEADERS = ['x-content-type-options', 'x-frame-options', 'referrer-policy', 'content-security-policy'] as const;
function expectSecurityHeaders(headers: Headers | Record<string, string | undefined>, what: string): void {
  const get = (n: string) => (headers instanceof Headers ? headers.get(n) : headers[n]) ?? undefined;
  expect({ what, nosniff: get('x-content-type-options'), frame: get('x-frame-options'), referrer: get('referrer-policy'), frameAncestors: get('content-security-policy')?.includes("frame-ancestors 'none'") }).toEqual({
    what,
    nosniff: 'nosniff',
    frame: 'DENY',
    referrer: 'no-referrer',
    frameAncestors: true,
  });
}

/** Decodes to more than every body limit (JSON, CSV 2 MB, evidence 10 MB). */
const BOMB_BYTES = 16 * 1024 * 1024;

/** Bad percent-encodings: truncated, overlong, surrogate, non-hex, beyond U+10FFFF, lone `%`. */
const BAD_ESCAPES = ['%E0%A4%A', '%', '%C0%AF', '%FF', '%ED%A0%80', '%zz', '%%41', '%E0%A4', '%F8%88%80%80%80', '%C3', 'a%', '%u0041', '%F4%90%80%80', '%80'];

/** A concrete path of a route with one parameter (or a static segment) spoiled by a bad escape. */
function spoiledPaths(spec: RouteSpec<any>, bad: string): string[] {
  const segments = spec.path.split('/');
  const params = segments.map((s, i) => (s.startsWith(':') ? i : -1)).filter((i) => i >= 0);
  const concrete = (spoil: number) => '/api' + segments.map((s, i) => (i === spoil ? (s.startsWith(':') ? `x${bad}` : `${s}${bad}`) : s.startsWith(':') ? `sample-${s.slice(1)}` : s)).join('/');
  const last = segments.length - 1;
  return [...new Set([...params.map(concrete), concrete(last)])];
}

describe('over HTTP', () => {
  let stack: TestStack;
  let api: ApiClient;
  let citizen: string;

  beforeAll(async () => {
    stack = await startStack();
    api = apiClient(stack.baseUrl);
    citizen = await api.login('red-team-citizen');
  });
  afterAll(async () => stack?.close());

  it('refuses every WeChat login on a local server with neither credentials nor dev login', async () => {
    const closed = await startStack({ env: { AUTH_DEV_LOGIN: '0' } });
    try {
      const closedApi = apiClient(closed.baseUrl);
      for (let i = 0; i < 100; i++) {
        const path = i % 2 === 0 ? '/auth/wechat' : '/auth/wechat/office';
        const r = await closedApi.post(path, { code: `dev-bot-${String(i).padStart(4, '0')}` });
        record('local server, AUTH_DEV_LOGIN=0, no WeChat credentials: dev-<name> codes', outcome(r.status, r.body));
        expect({ i, status: r.status, code: r.body.error?.code, token: r.body.token }).toEqual({ i, status: 503, code: 'WECHAT_NOT_CONFIGURED', token: undefined });
      }
      const dev = await closedApi.post('/auth/dev', { name: 'bot', role: 'admin' });
      record('local server, AUTH_DEV_LOGIN=0: POST /auth/dev', outcome(dev.status, dev.body));
      expect([dev.status, dev.body.error.code]).toEqual([403, 'FORBIDDEN']);
    } finally {
      await closed.close();
    }
  });

  it('answers 400 MALFORMED_PATH for a bad percent-escape in any segment of any route, and changes nothing', async () => {
    const before = await tableImage(stack);
    let n = 0;
    for (const spec of ROUTES) {
      // Every route gets every escape in turn across its segments: ≈ 14 paths a route.
      for (const bad of BAD_ESCAPES) {
        const paths = spoiledPaths(spec, bad);
        const path = paths[n++ % paths.length]!;
        const r = await fetch(`${stack.baseUrl}${path}`, { method: spec.method.toUpperCase(), headers: { authorization: `Bearer ${citizen}`, 'content-type': 'application/json' }, body: spec.method === 'get' ? undefined : '{}' });
        const body = await r.json().catch(() => undefined);
        record('malformed path (HTTP)', outcome(r.status, body));
        expect({ path, status: r.status, code: body?.error?.code }).toEqual({ path, status: 400, code: 'MALFORMED_PATH' });
        if (n % 97 === 0) expectSecurityHeaders(r.headers, path);
      }
    }
    for (const path of ['/%E0%A4%A', '/js/%C0%AF.js', '/api/landing/%E0%A4%A', '/api/public/rounds/%ED%A0%80/print']) {
      const r = await fetch(`${stack.baseUrl}${path}`);
      record('malformed path (HTTP)', outcome(r.status, await r.json().catch(() => undefined)));
      expect([path, r.status]).toEqual([path, 400]);
    }
    expect(await tableImage(stack)).toBe(before);
  });

  it('answers queries with bad escapes without a 5xx', async () => {
    const gets = ROUTES.filter((r) => r.method === 'get');
    for (const spec of gets) {
      const path = '/api' + spec.path.replace(/:(\w+)/g, 'sample-$1');
      for (const bad of BAD_ESCAPES.slice(0, 4)) {
        const r = await fetch(`${stack.baseUrl}${path}?after=${bad}&version=${bad}&limit=${bad}`, { headers: { authorization: `Bearer ${citizen}` } });
        const body = await r.json().catch(() => undefined);
        record('bad escapes in the query (HTTP)', outcome(r.status, body));
        expect({ path, status: r.status < 500 }).toEqual({ path, status: true });
      }
    }
  });

  /** Content-Encoding attacks: what the body is, which coding it claims, and the one answer allowed. */
  const json = Buffer.from(JSON.stringify({ code: 'wx-x', clientBallotId: randomUUID(), token: 'x', answers: {} }));
  const ENCODING_ATTACKS: Array<{ name: string; encoding: string; body: () => Buffer; expect: [number, string] }> = [
    { name: 'gzip header, plain body', encoding: 'gzip', body: () => json, expect: [400, 'BODY_ENCODING_INVALID'] },
    { name: 'br header, plain body', encoding: 'br', body: () => json, expect: [400, 'BODY_ENCODING_INVALID'] },
    { name: 'deflate header, plain body', encoding: 'deflate', body: () => json, expect: [400, 'BODY_ENCODING_INVALID'] },
    { name: 'GZIP (upper case), random bytes', encoding: 'GZIP', body: () => Buffer.from(randomUUID().repeat(8)), expect: [400, 'BODY_ENCODING_INVALID'] },
    { name: 'gzip, truncated', encoding: 'gzip', body: () => gzipSync(json).subarray(0, 20), expect: [400, 'BODY_ENCODING_INVALID'] },
    { name: 'gzip bomb (16 MB of zeros)', encoding: 'gzip', body: () => gzipSync(Buffer.alloc(BOMB_BYTES)), expect: [413, 'BODY_TOO_LARGE'] },
    { name: 'br bomb (16 MB of zeros)', encoding: 'br', body: () => brotliCompressSync(Buffer.alloc(BOMB_BYTES)), expect: [413, 'BODY_TOO_LARGE'] },
    { name: 'deflate bomb (16 MB of zeros)', encoding: 'deflate', body: () => deflateSync(Buffer.alloc(BOMB_BYTES)), expect: [413, 'BODY_TOO_LARGE'] },
    { name: 'unknown coding', encoding: 'compress', body: () => json, expect: [415, 'UNSUPPORTED_MEDIA_TYPE'] },
    { name: 'two codings', encoding: 'gzip, gzip', body: () => gzipSync(gzipSync(json)), expect: [415, 'UNSUPPORTED_MEDIA_TYPE'] },
    { name: 'x-gzip', encoding: 'x-gzip', body: () => gzipSync(json), expect: [415, 'UNSUPPORTED_MEDIA_TYPE'] },
  ];

  it('answers 400, 413 or 415 for bodies that do not decode, decode past the limit or use an unknown coding, on every route with a body', async () => {
    const before = await tableImage(stack);
    const bodies = new Map(ENCODING_ATTACKS.map((a) => [a.name, a.body()]));
    const withBody = ROUTES.filter((r) => r.body || r.bodyType);
    for (const spec of withBody) {
      const path = '/api' + spec.path.replace(/:(\w+)/g, 'sample-$1');
      const contentType = spec.bodyType === 'binary' ? 'application/octet-stream' : (spec.bodyType ?? 'application/json');
      for (const attack of ENCODING_ATTACKS) {
        const r = await fetch(`${stack.baseUrl}${path}`, { method: spec.method.toUpperCase(), headers: { authorization: `Bearer ${citizen}`, 'content-type': contentType, 'content-encoding': attack.encoding }, body: new Uint8Array(bodies.get(attack.name)!) });
        const body = await r.json().catch(() => undefined);
        record(`content-encoding: ${attack.name} (HTTP)`, outcome(r.status, body));
        expect({ route: `${spec.method} ${spec.path}`, attack: attack.name, got: [r.status, body?.error?.code] }).toEqual({ route: `${spec.method} ${spec.path}`, attack: attack.name, got: attack.expect });
      }
    }
    expect(await tableImage(stack)).toBe(before);
  });

  it('sends nosniff, frame protection, a referrer policy and a CSP with every kind of response, the print HTML and the H5 files included', async () => {
    const health = await fetch(`${stack.baseUrl}/api/health`);
    expectSecurityHeaders(health.headers, 'health');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'none'");
    const missing = await fetch(`${stack.baseUrl}/api/nothing-here`);
    expectSecurityHeaders(missing.headers, 'API 404');
    const unknownFile = await fetch(`${stack.baseUrl}/not-a-file.js`);
    expect({ status: unknownFile.status, type: unknownFile.headers.get('content-type') }).toEqual({ status: 404, type: expect.stringContaining('application/json') });
    expectSecurityHeaders(unknownFile.headers, 'non-API 404');
    for (const what of ['health', 'API 404', 'non-API 404']) record('security headers present', `${what}: yes`);

    // The H5 files, from a build with an inline script: allowed by its hash, nothing else inline.
    const h5 = mkdtempSync(join(tmpdir(), 'h5-'));
    const inline = 'document.documentElement.style.fontSize="20px"';
    writeFileSync(join(h5, 'index.html'), `<!doctype html><html><head><script>${inline}</script><script src="/js/app.js"></script></head><body></body></html>`);
    mkdirSync(join(h5, 'js'));
    writeFileSync(join(h5, 'js', 'app.js'), 'void 0');
    const served = await startStack({ staticDir: h5 });
    try {
      for (const path of ['/', '/index.html', '/js/app.js']) {
        const r = await fetch(`${served.baseUrl}${path}`);
        expect([path, r.status]).toEqual([path, 200]);
        expectSecurityHeaders(r.headers, `H5 ${path}`);
        const csp = r.headers.get('content-security-policy')!;
        expect(csp).toContain(`script-src 'self' 'sha256-${createHash('sha256').update(inline).digest('base64')}'`);
        expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
        record('security headers present', `H5 ${path}: yes`);
      }
    } finally {
      await served.close();
      rmSync(h5, { recursive: true, force: true });
    }
  });

  it('gives a hostile round name back only inside escaped Content-Disposition parameters, and the print HTML its own CSP', async () => {
    const hostile = '评议"结果\\"; filename="evil.exe';
    const county = await seedSmallCounty(api, { roundId: 'rt', name: hostile, schemeId: 'ganquan', channels: ['window'] });
    let n = 0;
    for (const w of ['w111', 'w121', 'w211']) expect((await api.post('/ballots', ballot(county.windowTokens[w]!, { answers: { overall: 'satisfied' } }), await api.login(`rt-citizen-${n++}`))).status).toBe(201);
    const supervisor = await api.login('rt-jiwei', 'supervisor');
    expect((await api.post('/admin/rounds/rt/target-inputs', { targets: [{ targetId: 's11', served: 5 }, { targetId: 's12', served: 2 }, { targetId: 's21', served: 3 }] }, supervisor)).status).toBe(200);
    expect((await api.post('/admin/rounds/rt/close', undefined, supervisor)).status).toBe(200);
    expect((await api.post('/admin/rounds/rt/publish', {}, supervisor)).status).toBe(201);

    for (const file of ['results.csv', 'results.xlsx']) {
      const r = await fetch(`${stack.baseUrl}/api/public/rounds/rt/${file}`);
      expect(r.status).toBe(200);
      expectSecurityHeaders(r.headers, file);
      const header = r.headers.get('content-disposition')!;
      const m = /^attachment; filename="([^"\\]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(header);
      expect({ file, parsed: m !== null }).toEqual({ file, parsed: true });
      expect(decodeURIComponent(m![2]!)).toBe(`${hostile}评议结果-第1版.${file.split('.')[1]}`);
      record('hostile file name in Content-Disposition', 'parameters intact');
    }
    const print = await fetch(`${stack.baseUrl}/api/public/rounds/rt/print`);
    expect(print.status).toBe(200);
    expectSecurityHeaders(print.headers, 'print');
    expect(print.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(await print.text()).toContain('评议&quot;结果\\&quot;');
    record('security headers present', 'print HTML: yes');
  });

  it('lets an evidence link store once: replays and racing PUTs are refused, and the recorded hash stays the served bytes', async () => {
    const supervisor = await api.login('ev-jiwei', 'supervisor');
    const staff = await api.login('ev-keyuan', 'staff', 'u1');
    const task = await api.post('/admin/tasks', { targetId: 's11', source: 'manual', problem: '窗口午间无人', deadlineWorkingDays: 5 }, supervisor);
    expect(task.status).toBe(201);
    const taskId = task.body.taskId as string;

    // Sequential: upload, confirm, then replay the link with other bytes, before and after confirmation.
    const first = Buffer.from('%PDF-1.4 第一份');
    const link = await api.post(`/tasks/${taskId}/evidence/uploads`, { fileName: '整改.pdf', contentType: 'application/pdf', size: 64 }, staff);
    const put = (body: Buffer) => fetch(`${stack.baseUrl}${link.body.upload.url}`, { method: 'PUT', headers: link.body.upload.headers, body: new Uint8Array(body) });
    expect((await put(first)).status).toBe(200);
    const early = await put(Buffer.from('%PDF-1.4 replaced before confirm'));
    record('evidence link replayed', outcome(early.status, await early.json()));
    expect(early.status).toBe(409);
    const confirmed = await api.post(`/tasks/${taskId}/evidence`, { evidenceId: link.body.evidenceId, fileName: '整改.pdf', contentType: 'application/pdf' }, staff);
    const recorded = (confirmed.body.evidence as Array<{ evidenceId: string; sha256: string }>).find((e) => e.evidenceId === link.body.evidenceId)!;
    expect(recorded.sha256).toBe(createHash('sha256').update(first).digest('hex'));
    for (let i = 0; i < 20; i++) {
      const r = await put(Buffer.from(`%PDF-1.4 replaced after confirm ${i}`));
      const body = await r.json();
      record('evidence link replayed', outcome(r.status, body));
      expect([r.status, body.error.code]).toEqual([409, 'UPLOAD_LINK_USED']);
    }
    const download = await api.get(`/tasks/${taskId}/evidence/${link.body.evidenceId}`, staff);
    const served = Buffer.from(await (await fetch(`${stack.baseUrl}${download.body.url}`)).arrayBuffer());
    expect(createHash('sha256').update(served).digest('hex')).toBe(recorded.sha256);

    // Racing: 10 PUTs of different bytes to one fresh link; one stores, the rest are refused.
    const raced = await api.post(`/tasks/${taskId}/evidence/uploads`, { fileName: '照片.png', contentType: 'image/png', size: 64 }, staff);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => fetch(`${stack.baseUrl}${raced.body.upload.url}`, { method: 'PUT', headers: raced.body.upload.headers, body: `png-${i}` }).then(async (r) => ({ status: r.status, body: await r.json() }))),
    );
    for (const a of answers) record('evidence link, 10 racing PUTs', outcome(a.status, a.body));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.body.error.code === 'UPLOAD_LINK_USED')).toHaveLength(9);
  });

});

describe('against the built Lambda bundles', () => {
  type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; headers?: Record<string, string> }>;
  let outDir: string;
  let built: BuiltBundle[];
  let wechat: WechatStandIn;
  let table: string;
  const KEYS = { TOKEN_SECRET: 't'.repeat(32), PSEUDONYM_SECRET: 'p'.repeat(32), SESSION_SECRET: 's'.repeat(32) };
  const storeEnv = () => ({ DYNAMODB_ENDPOINT: process.env.DDB_TEST_ENDPOINT!, AWS_REGION: 'local', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', TABLE_NAME: table, ...KEYS });
  let copies = 0;

  /** Loads a fresh copy of a bundle (its own module instance) with exactly this environment at init. */
  function loadBundle(b: BuiltBundle, env: Record<string, string>): Handler {
    const dir = join(outDir, `copy-${copies++}`);
    mkdirSync(dir);
    const file = join(dir, 'index.js');
    copyFileSync(b.file, file);
    const saved = process.env;
    process.env = { PATH: saved.PATH, ...env };
    try {
      return require(file).handler as Handler;
    } finally {
      process.env = saved;
    }
  }

  const event = (method: string, rawPath: string, body?: string, headers: Record<string, string> = {}) => ({
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: '',
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    requestContext: { http: { method, path: rawPath, sourceIp: '203.0.113.7', protocol: 'HTTP/1.1', userAgent: 'red-team' }, requestId: randomUUID(), stage: '$default', timeEpoch: Date.now() },
    ...(body === undefined ? {} : { body: Buffer.from(body).toString('base64'), isBase64Encoded: true }),
  });

  /** The bundles' JSON log lines (request lines, metrics, unhandled errors), kept off the test output. */
  const lines: string[] = [];
  let restoreStdout: (() => void) | undefined;

  beforeAll(async () => {
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = chunk.toString();
      if (!text.startsWith('{')) return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      lines.push(...text.trim().split('\n'));
      return true;
    }) as typeof process.stdout.write;
    restoreStdout = () => (process.stdout.write = write);
    wechat = await WechatStandIn.start('good');
    outDir = mkdtempSync(join(tmpdir(), 'red-team-bundles-'));
    built = [];
    for (const fn of LAMBDA_FUNCTIONS) built.push(await buildBundle(fn, outDir));
    table = `redteam-${randomUUID().slice(0, 8)}`;
    await ensureTable(process.env.DDB_TEST_ENDPOINT, 'local', table);
  }, 180_000);
  afterAll(async () => {
    restoreStdout?.();
    rmSync(outDir, { recursive: true, force: true });
    await wechat?.close();
  });

  afterEach(() => {
    // A client error is never an unhandled error with a stack in the function's log.
    const errors = lines.filter((l) => /"level":"error"|"stack"/.test(l));
    lines.length = 0;
    expect(errors).toEqual([]);
  });
  const bundle = (name: string) => built.find((b) => b.fn.name === name)!;

  it('refuses to start the citizen and staff functions without WeChat credentials, whatever AUTH_DEV_LOGIN says', () => {
    const variants: Array<Record<string, string>> = [{}, { AUTH_DEV_LOGIN: '1' }, { WECHAT_APPID: 'wx-only-id', AUTH_DEV_LOGIN: '1' }, { WECHAT_APPID: '', WECHAT_SECRET: '', AUTH_DEV_LOGIN: '1' }];
    for (const name of ['citizen', 'staff'])
      for (const variant of variants) {
        let handler: Handler | undefined;
        let error: string | undefined;
        try {
          handler = loadBundle(bundle(name), { ...storeEnv(), ...variant });
        } catch (e) {
          error = (e as Error).message;
        }
        record('bundle init without WeChat credentials', handler ? 'STARTED' : 'refused to start');
        expect({ name, variant, started: handler !== undefined, error }).toEqual({ name, variant, started: false, error: expect.stringContaining('WECHAT_APPID and WECHAT_SECRET must be set') });
      }
  });

  it('gives no session for dev-<name> codes or POST /api/auth/dev in a configured bundle with AUTH_DEV_LOGIN=1', async () => {
    const env = { ...storeEnv(), WECHAT_APPID: 'wx-red-team', WECHAT_SECRET: 'good', WECHAT_API_BASE: wechat.baseUrl, AUTH_DEV_LOGIN: '1' };
    const citizen = loadBundle(bundle('citizen'), env);
    const staff = loadBundle(bundle('staff'), env);
    for (let i = 0; i < 100; i++) {
      const path = ['/api/auth/wechat', '/api/auth/wechat/office', '/api/auth/wechat/bind'][i % 3]!;
      const r = await citizen(event('POST', path, JSON.stringify({ code: `dev-bot-${String(i).padStart(4, '0')}`, ...(path.endsWith('bind') ? { bindCode: 'ABCDEFGH' } : {}) })), {});
      const body = JSON.parse(r.body);
      record('bundle, AUTH_DEV_LOGIN=1: dev-<name> WeChat codes', outcome(r.statusCode, body));
      expect({ i, status: r.statusCode, token: body.token }).toEqual({ i, status: expect.any(Number), token: undefined });
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
    }
    for (const [name, handler] of [['citizen', citizen], ['staff', staff]] as const)
      for (const role of ['citizen', 'admin', 'supervisor']) {
        const r = await handler(event('POST', '/api/auth/dev', JSON.stringify({ name: 'bot', role })), {});
        const body = JSON.parse(r.body);
        record('bundle, AUTH_DEV_LOGIN=1: POST /api/auth/dev', outcome(r.statusCode, body));
        expect({ name, role, status: r.statusCode, code: body.error?.code }).toEqual({ name, role, status: 404, code: 'NOT_FOUND' });
      }
    // The control: a real WeChat code still logs in.
    const real = await citizen(event('POST', '/api/auth/wechat', JSON.stringify({ code: 'wx-realperson' })), {});
    expect([real.statusCode, typeof JSON.parse(real.body).token]).toEqual([200, 'string']);
  });

  it('answers malformed paths and encodings with 4xx and the security headers in every function', async () => {
    const env = { ...storeEnv(), WECHAT_APPID: 'wx-red-team', WECHAT_SECRET: 'good', WECHAT_API_BASE: wechat.baseUrl };
    const handlers: Record<string, Handler> = { citizen: loadBundle(bundle('citizen'), env), staff: loadBundle(bundle('staff'), env), workbooks: loadBundle(bundle('workbooks'), env), exports: loadBundle(bundle('exports'), { DYNAMODB_ENDPOINT: env.DYNAMODB_ENDPOINT, AWS_REGION: 'local', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', TABLE_NAME: table }) };
    const templates = ['/api/landing/{bad}', '/api/public/rounds/x{bad}/print', '/api/admin/rounds/{bad}', '/api/{bad}', '/api/org{bad}', '/api/public/rounds/r1/results.csv{bad}'];
    for (const [name, handler] of Object.entries(handlers))
      for (const template of templates)
        for (const bad of BAD_ESCAPES) {
          const path = template.replace('{bad}', bad);
          const r = await handler(event('GET', path), {});
          const body = JSON.parse(r.body);
          record('malformed path (bundles)', outcome(r.statusCode, body));
          expect({ name, path, status: r.statusCode, code: body.error?.code }).toEqual({ name, path, status: 400, code: 'MALFORMED_PATH' });
          expectSecurityHeaders(r.headers ?? {}, `${name} ${path}`);
        }
    for (const attack of [
      { encoding: 'gzip', body: 'not gzip', expect: 400 },
      { encoding: 'br', body: 'not brotli', expect: 400 },
      { encoding: 'deflate', body: 'not deflate', expect: 400 },
      { encoding: 'gzip', body: gzipSync(Buffer.alloc(BOMB_BYTES)).toString('latin1'), expect: 413 },
      { encoding: 'compress', body: '{}', expect: 415 },
    ]) {
      const ev = event('POST', '/api/ballots', undefined, { 'content-type': 'application/json', 'content-encoding': attack.encoding });
      const r = await handlers.citizen!({ ...ev, body: Buffer.from(attack.body, 'latin1').toString('base64'), isBase64Encoded: true }, {});
      record('content-encoding attacks on POST /api/ballots (citizen bundle)', outcome(r.statusCode, JSON.parse(r.body)));
      expect({ encoding: attack.encoding, status: r.statusCode }).toEqual({ encoding: attack.encoding, status: attack.expect });
      expectSecurityHeaders(r.headers ?? {}, `ballot ${attack.encoding}`);
    }
  });
});

it('got only codes of the error catalogue wherever it got an HTTP answer', () => {
  const codes = Object.values(report).flatMap((r) => Object.keys(r.got).map((k) => /^\d{3} (\S+)$/.exec(k)?.[1]).filter((c): c is string => c !== undefined));
  expect(codes.length).toBeGreaterThan(0);
  expect(codes.filter((c) => c !== 'ok' && !(c in ERROR_CATALOGUE))).toEqual([]);
});
