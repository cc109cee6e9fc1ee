import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { renderOpenApiJson } from '../../functions/src/http/docs';
import { ensureTable } from '../../functions/src/local/dynamodb-local';
import { buildAllBundles, type BuiltBundle, type LambdaFunction } from '../../scripts/lambda/bundles';
import { loadTemplate, selectRoute, templateRoutes } from '../../scripts/lambda/template';
import type { ApiClient } from '../support/http';
import type { Role } from '@shared/api/auth';
import { pseudonym, signSession } from '../../functions/src/domain/sessions';
import { ballot, seedSmallCounty } from '../support/fixtures';
import { WechatStandIn } from '../support/wechat-stand-in';

/**
 * The built artefacts themselves — minified, trimmed (scripts/lambda/trims.ts) — answering API
 * Gateway HTTP API v2 events against DynamoDB Local, each request sent to the function the
 * template routes it to. What the unbundled tests cannot show: that the trims left the paths we
 * use working (UTF-8 JSON, GBK CSV, env credentials, EMF lines on stdout).
 */
type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; headers?: Record<string, string> }>;
const routes = templateRoutes(loadTemplate());
const handlers: Record<string, Handler> = {};
let outDir: string;
let built: BuiltBundle[];
const lines: string[] = [];
let restoreStdout: () => void;

const KEYS = { TOKEN_SECRET: 't'.repeat(32), PSEUDONYM_SECRET: 'p'.repeat(32), SESSION_SECRET: 's'.repeat(32) };
/** WeChat, for the functions that call it: the loopback stand-in (the deployed functions always have credentials). */
let wechat: WechatStandIn;
const baseEnv = () => ({
  WECHAT_APPID: 'wx-bundle-test',
  WECHAT_SECRET: 'good',
  WECHAT_API_BASE: wechat.baseUrl,
  DYNAMODB_ENDPOINT: process.env.DDB_TEST_ENDPOINT!,
  AWS_REGION: 'local',
  // The bundles' credential chain is environment-only (as on Lambda); DynamoDB Local accepts any.
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  ...KEYS,
  AUTH_DEV_LOGIN: '1',
});
/** What the template gives a function: the keys only where it reads them (none for exports). */
const envFor = (fn: LambdaFunction, table: string): Record<string, string> => {
  const env: Record<string, string> = { ...baseEnv(), TABLE_NAME: table };
  for (const key of Object.keys(KEYS) as Array<keyof typeof KEYS>) if (!fn.secrets.includes(key)) delete env[key];
  if (!fn.secrets.includes('WECHAT_SECRET')) for (const key of ['WECHAT_APPID', 'WECHAT_SECRET', 'WECHAT_API_BASE']) delete env[key];
  return env;
};

/** Loads a bundle file fresh (its own module instance) with the given environment at init. */
function loadBundle(file: string, env: Record<string, string>): Handler {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return require(file).handler as Handler;
  } finally {
    process.env = saved;
  }
}

beforeAll(async () => {
  wechat = await WechatStandIn.start('good');
  outDir = mkdtempSync(join(tmpdir(), 'lambda-it-'));
  built = await buildAllBundles(outDir);
  const table = `bundle-${randomUUID().slice(0, 8)}`;
  await ensureTable(process.env.DDB_TEST_ENDPOINT, 'local', table);
  for (const b of built) handlers[b.fn.logicalId] = loadBundle(b.file, envFor(b.fn, table));
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = chunk.toString();
    if (text.startsWith('{')) lines.push(...text.trim().split('\n'));
    else return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    return true;
  }) as typeof process.stdout.write;
  restoreStdout = () => (process.stdout.write = write);
}, 60_000);

afterAll(async () => {
  restoreStdout?.();
  rmSync(outDir, { recursive: true, force: true });
  await wechat.close();
});

function event(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}) {
  const [rawPath, rawQueryString = ''] = path.split('?');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    requestContext: { http: { method, path: rawPath, sourceIp: '203.0.113.9', protocol: 'HTTP/1.1', userAgent: 'test' }, requestId: `gw-${randomUUID()}`, stage: '$default', timeEpoch: Date.now() },
    ...(body === undefined ? {} : { body: Buffer.from(body).toString('base64'), isBase64Encoded: true }),
  };
}

/** Sends a request the way the deployed HTTP API would: to the function the template selects. */
async function send(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}, to = handlers) {
  const route = selectRoute(routes, method, path.split('?')[0]!);
  if (!route) throw new Error(`no template route for ${method} ${path}`);
  const r = await to[route.functionId]!(event(method, path, body, headers), {});
  return { ...r, functionId: route.functionId, headers: r.headers ?? {} };
}

async function call(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}, to = handlers) {
  const r = await send(method, path, body, headers, to);
  return { status: r.statusCode, body: JSON.parse(r.body), functionId: r.functionId, headers: r.headers };
}

/** The fixtures' API client over the bundles, so seedSmallCounty can set a county up through them. */
function bundleApi(to: Record<string, Handler>): ApiClient {
  const request = async (method: string, path: string, opts: { body?: unknown; token?: string; raw?: string; contentType?: string } = {}) => {
    const headers: Record<string, string> = { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) };
    const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    if (body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
    const r = await call(method, `/api${path}`, body, headers, to);
    return { status: r.status, body: r.body, headers: new Headers(r.headers) };
  };
  return {
    call: request,
    get: (path, token) => request('GET', path, { token }),
    post: (path, body, token) => request('POST', path, { body, token }),
    del: (path, token) => request('DELETE', path, { token }),
    login: async (name, role = 'citizen', unitId) => mintSession(name, role, unitId),
  } as ApiClient;
}

/**
 * A session as the deployed key signs it. The bundles have no dev login (AUTH_DEV_LOGIN=1 in
 * baseEnv is ignored; tests/integration/red-team/hygiene.test.ts checks it), so the tests sign
 * what a WeChat login or an office login would have issued.
 */
function mintSession(name: string, role: Role = 'citizen', unitId?: string): string {
  const sub = role === 'citizen' || role === 'panel' ? pseudonym(KEYS.PSEUDONYM_SECRET, `dev:${name}`) : `acct:${name}`;
  return signSession(KEYS.SESSION_SECRET, { sub, role, ...(unitId ? { unitId } : {}), exp: Math.floor(Date.now() / 1000) + 3600 });
}

async function login(role: 'admin' | 'citizen'): Promise<string> {
  return mintSession(`bundle-${role}`, role);
}

it('reports ready when the function reaches its table', async () => {
  const r = await call('GET', '/api/ready');
  expect(r).toMatchObject({ status: 200, functionId: 'CitizenFunction', body: { ok: true } });
});

it('reports not ready, with the store error code, when the table is missing', async () => {
  const citizen = built.find((b) => b.fn.name === 'citizen')!;
  const dir = join(outDir, 'missing-table');
  mkdirSync(dir);
  copyFileSync(citizen.file, join(dir, 'index.js'));
  const handler = loadBundle(join(dir, 'index.js'), { ...baseEnv(), TABLE_NAME: `missing-${randomUUID().slice(0, 8)}` });
  const r = await handler(event('GET', '/api/ready'), {});
  expect(r.statusCode).toBe(503);
  expect(JSON.parse(r.body).error.code).toBe('STORE_UNAVAILABLE');
});

it('imports a GBK-encoded CSV through the staff function and serves the names back through the citizen one', async () => {
  const admin = await login('admin');
  const csv = ['kind,id,name,parentId,formKey', 'category,gc1,综合管理组,,', 'unit,gu1,市场监督管理局,gc1,', 'section,gs1,登记注册科,gu1,'].join('\n');
  const imported = await call('POST', '/api/admin/nodes/import', iconv.encode(csv, 'gbk'), { 'content-type': 'text/csv; charset=gbk', authorization: `Bearer ${admin}` });
  expect({ status: imported.status, functionId: imported.functionId }).toEqual({ status: 201, functionId: 'StaffFunction' });
  const org = await call('GET', '/api/org?ids=gc1,gu1,gs1');
  expect(org.functionId).toBe('CitizenFunction');
  expect(org.body.nodes.map((n: { name: string }) => n.name)).toEqual(['综合管理组', '市场监督管理局', '登记注册科']);
});

it("returns a window poster code (WeChat's wxacode) as a base64 PNG through API Gateway", async () => {
  const admin = await login('admin');
  const csv = ['kind,id,name,parentId,formKey', 'category,pc1,社会服务组,,', 'unit,pu1,人社局,pc1,', 'section,ps1,社保科,pu1,', 'window,pw1,社保1号窗口,ps1,'].join('\n');
  const auth = { authorization: `Bearer ${admin}` };
  expect((await call('POST', '/api/admin/nodes/import', csv, { 'content-type': 'text/csv', ...auth })).status).toBe(201);
  expect((await call('POST', '/api/admin/windows/pw1/qr', undefined, auth)).status).toBe(200);
  const route = selectRoute(routes, 'GET', '/api/admin/windows/pw1/code.png')!;
  const r = await handlers[route.functionId]!(event('GET', '/api/admin/windows/pw1/code.png', undefined, auth), {});
  expect({ status: r.statusCode, type: r.headers?.['content-type'], base64: (r as { isBase64Encoded?: boolean }).isBase64Encoded }).toEqual({ status: 200, type: 'image/png', base64: true });
  expect(Buffer.from(r.body, 'base64')).toEqual(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake-image')]));
  expect(wechat.calls.find((c) => c.path === '/wxa/getwxacodeunlimit')?.body).toMatchObject({ page: 'pages/rate/index' });
});

it('answers 415 for a body in a code page the function does not carry', async () => {
  const r = await call('POST', '/api/ballots', iconv.encode('{}', 'shift_jis'), { 'content-type': 'application/json; charset=shift_jis' });
  expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
});

it('logs a forged-token ballot as one request line and one rejection metric, without the token', async () => {
  const citizen = await login('citizen');
  const token = 'W.forged-token-value.1.xyz';
  lines.length = 0;
  const r = await call('POST', '/api/ballots', JSON.stringify({ clientBallotId: randomUUID(), token, answers: { overall: 'satisfied' } }), { authorization: `Bearer ${citizen}` });
  expect(r.status).toBe(403);
  const parsed = lines.map((l) => JSON.parse(l));
  const request = parsed.find((l) => l.msg === 'request');
  expect(request).toMatchObject({ route: '/api/ballots', method: 'POST', status: 403, code: 'TOKEN_INVALID', requestId: r.headers['x-request-id'] });
  const metric = parsed.find((l) => l.msg === 'metric');
  expect(metric).toMatchObject({ BallotsRejected: 1, Code: 'TOKEN_INVALID', _aws: { CloudWatchMetrics: [{ Namespace: 'Pingyi', Dimensions: [['Code']] }] } });
  expect(lines.join('\n')).not.toContain(token);
  expect(lines.join('\n')).not.toContain('203.0.113.9');
  expect(lines.join('\n')).not.toContain(citizen);
});

it('runs the daily reminder job the template schedules, in the staff bundle, once per task and day', async () => {
  const events = loadTemplate().Resources.StaffFunction!.Properties.Events as Record<string, { Type: string; Properties: { Input?: string } }>;
  const schedule = Object.values(events).find((e) => e.Type === 'ScheduleV2')!;
  const job = JSON.parse(schedule.Properties.Input!);
  const admin = await login('admin');
  const auth = { authorization: `Bearer ${admin}` };
  const csv = ['kind,id,name,parentId,formKey', 'category,jc1,审批服务组,,', 'unit,ju1,行政审批局,jc1,', 'section,js1,投资项目科,ju1,'].join('\n');
  expect((await call('POST', '/api/admin/nodes/import', csv, { 'content-type': 'text/csv', ...auth })).status).toBe(201);
  expect((await call('POST', '/api/admin/tasks', JSON.stringify({ targetId: 'js1', source: 'manual', problem: '办事指南未公开', deadlineWorkingDays: 1 }), auth)).status).toBe(201);
  const run = handlers.StaffFunction as unknown as (event: unknown, context: unknown) => Promise<{ rectification: { sent: number; skipped: number } }>;
  expect((await run(job, {})).rectification).toEqual({ sent: 1, skipped: 0 });
  expect((await run(job, {})).rectification).toEqual({ sent: 0, skipped: 1 });
  expect(lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'job' && l.job === job.job)).toHaveLength(2);
  await expect(run({ job: 'drop-table' }, {})).rejects.toThrow(/unknown job/);
});

it('serves the OpenAPI document from the staff function, identical to docs/openapi.json', async () => {
  const r = await call('GET', '/api/openapi.json');
  expect(r.functionId).toBe('StaffFunction');
  expect(r.status).toBe(200);
  expect(r.body).toEqual(JSON.parse(renderOpenApiJson()));
});

it('renders a published round as Excel, CSV and print HTML through the exports function, which holds no keys', async () => {
  // A fresh table and fresh module instances, so the other tests' org nodes stay out of this round.
  const table = `bundle-x-${randomUUID().slice(0, 8)}`;
  await ensureTable(process.env.DDB_TEST_ENDPOINT, 'local', table);
  const fresh: Record<string, Handler> = {};
  for (const b of built) {
    const dir = join(outDir, `fresh-${b.fn.name}`);
    mkdirSync(dir);
    copyFileSync(b.file, join(dir, 'index.js'));
    fresh[b.fn.logicalId] = loadBundle(join(dir, 'index.js'), envFor(b.fn, table));
  }
  const api = bundleApi(fresh);
  const county = await seedSmallCounty(api, { roundId: 'rx', schemeId: 'ganquan', channels: ['window'] });
  const votes: Array<[string, number, number]> = [['w111', 3, 1], ['w121', 2, 0], ['w211', 1, 1]];
  let n = 0;
  for (const [w, yes, no] of votes)
    for (const overall of [...Array(yes).fill('satisfied'), ...Array(no).fill('unsatisfied')])
      expect((await api.post('/ballots', ballot(county.windowTokens[w]!, { answers: { overall } }), await api.login(`x-citizen-${n++}`))).status).toBe(201);
  const supervisor = await api.login('x-jiwei', 'supervisor');
  expect((await api.post('/admin/rounds/rx/target-inputs', { targets: [{ targetId: 's11', served: 5 }, { targetId: 's12', served: 2 }, { targetId: 's21', served: 3 }] }, supervisor)).status).toBe(200);
  expect((await api.post('/admin/rounds/rx/close', undefined, supervisor)).status).toBe(200);
  const published = await api.post('/admin/rounds/rx/publish', {}, supervisor);
  expect(published.status).toBe(201);

  // Excel: the trimmed exceljs (bare entry, Node streams for readable-stream) writes a workbook
  // the full exceljs reads back; sent base64 through API Gateway as a binary type.
  const xlsx = await send('GET', '/api/public/rounds/rx/results.xlsx?version=1', undefined, {}, fresh);
  expect({ fn: xlsx.functionId, status: xlsx.statusCode, base64: (xlsx as { isBase64Encoded?: boolean }).isBase64Encoded }).toEqual({ fn: 'ExportsFunction', status: 200, base64: true });
  expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(xlsx.body, 'base64') as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['评议结果', '处理措施', '版本']);
  const sheet = wb.getWorksheet('评议结果')!;
  expect(sheet.getCell('A1').value).toBe('测试轮次（2026年第四季度）评议结果');
  expect((sheet.getRow(4).values as unknown[]).slice(1, 6)).toEqual(['执法监督组', 1, '出入境管理科', 's12', 2]);
  expect(wb.getWorksheet('版本')!.getCell('B4').value).toBe(published.body.hash);

  const csv = await send('GET', '/api/public/rounds/rx/results.csv', undefined, {}, fresh);
  expect({ fn: csv.functionId, status: csv.statusCode }).toEqual({ fn: 'ExportsFunction', status: 200 });
  const csvText = ((csv as { isBase64Encoded?: boolean }).isBase64Encoded ? Buffer.from(csv.body, 'base64').toString('utf8') : csv.body);
  expect(csvText).toContain('执法监督组,1,出入境管理科,s12,2,');
  expect(csvText).toContain(published.body.hash);
  const print = await send('GET', '/api/public/rounds/rx/print', undefined, {}, fresh);
  expect({ fn: print.functionId, status: print.statusCode, type: print.headers['content-type'] }).toEqual({ fn: 'ExportsFunction', status: 200, type: 'text/html; charset=utf-8' });
  expect(print.body).toContain('基础教育科');

  const missing = await call('GET', '/api/public/rounds/nope/results.xlsx', undefined, {}, fresh);
  expect({ fn: missing.functionId, status: missing.status, code: missing.body.error.code }).toEqual({ fn: 'ExportsFunction', status: 404, code: 'PUBLICATION_NOT_FOUND' });
});

it('serves the inputs template and takes it back filled through the workbooks function (the trimmed exceljs reads and writes)', async () => {
  const table = `bundle-w-${randomUUID().slice(0, 8)}`;
  await ensureTable(process.env.DDB_TEST_ENDPOINT, 'local', table);
  const fresh: Record<string, Handler> = {};
  for (const b of built) {
    const dir = join(outDir, `fresh-w-${b.fn.name}`);
    mkdirSync(dir);
    copyFileSync(b.file, join(dir, 'index.js'));
    fresh[b.fn.logicalId] = loadBundle(join(dir, 'index.js'), envFor(b.fn, table));
  }
  const api = bundleApi(fresh);
  await seedSmallCounty(api, { roundId: 'rw', schemeId: 'tonghe', channels: ['phone', 'hearing'], groupMap: { c1: 'service' } });
  const auth = { authorization: `Bearer ${await api.login('w-jiwei', 'supervisor')}` };

  const template = await send('GET', '/api/admin/rounds/rw/target-inputs.xlsx', undefined, auth, fresh);
  expect({ fn: template.functionId, status: template.statusCode, base64: (template as { isBase64Encoded?: boolean }).isBase64Encoded }).toEqual({ fn: 'WorkbooksFunction', status: 200, base64: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(template.body, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('单位录入')!;
  const work = (ws.getRow(1).values as unknown[]).indexOf('工作考核分');
  expect(work).toBeGreaterThan(0);
  for (let r = 2; r <= ws.rowCount; r++) ws.getRow(r).getCell(work).value = 80 + r;
  const filled = Buffer.from(await wb.xlsx.writeBuffer());

  const xlsx = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ...auth };
  const r = await call('POST', '/api/admin/rounds/rw/target-inputs.xlsx', filled, xlsx, fresh);
  expect({ fn: r.functionId, status: r.status, changed: r.body.changed?.length }).toEqual({ fn: 'WorkbooksFunction', status: 200, changed: ws.rowCount - 1 });
  ws.getRow(2).getCell(work).value = '八十';
  const bad = await call('POST', '/api/admin/rounds/rw/target-inputs.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), xlsx, fresh);
  expect({ status: bad.status, code: bad.body.error.code, place: bad.body.error.details.problems[0].message.split('：')[0] }).toEqual({ status: 422, code: 'WORKBOOK_INVALID', place: '工作表“单位录入”第2行“工作考核分”列' });
});
