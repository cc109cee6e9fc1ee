import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '@shared/api/auth';
import { ROUTES } from '../../functions/src/http/routes';
import type { RouteSpec } from '../../functions/src/http/route';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient, type ApiResponse } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { ACCESS_MATRIX, CALLERS, renderAccessTable, type Caller } from '../support/access-matrix';

/**
 * The authorisation matrix (OWASP API1/API3/API5): every route of the real route table, called
 * as anonymous and as every role, against the expectation written in tests/support/access-matrix.ts
 * — not derived from the route specs, so loosening a route's `auth` fails here.
 */
let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
const tokens = {} as Record<Exclude<Caller, 'anonymous'>, string>;
let staffU2: string;
let taskU1: string;
let taskU2: string;
let evidenceU2: string;
/** Every response body any caller got in this file, scanned at the end for evaluator identities. */
const seen: Array<{ who: string; what: string; text: string }> = [];

// Several tests here sweep every route × every role, one request at a time (a few hundred, some of
// them exports and PDFs): on a 2-core machine at a load average of 20 one sweep took over two
// minutes. A deadline for a sweep, not a speed claim.
jest.setTimeout(15 * 60_000);

const ROUND = 'r1';
const DIRECTED_ROUND = 'r2';

async function call(who: string, method: string, path: string, opts: { body?: unknown; token?: string; raw?: string; contentType?: string } = {}): Promise<ApiResponse> {
  const r = await api.call(method, path, opts);
  seen.push({ who, what: `${method} ${path}`, text: typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? '') });
  return r;
}

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { roundId: ROUND, schemeId: 'ganquan', channels: ['window'] });
  tokens.admin = county.admin;
  for (const role of ['citizen', 'panel', 'monitor', 'inspector', 'supervisor'] as const) tokens[role] = await api.login(`matrix-${role}`, role);
  tokens.staff = await api.login('matrix-staff-u1', 'staff', 'u1');
  staffU2 = await api.login('matrix-staff-u2', 'staff', 'u2');

  // Ballots with comments on both units, from dev-login and WeChat-login citizens.
  const wechatCitizen = (await api.post('/auth/wechat', { code: 'dev-wxmatrix1' })).body.token as string;
  const vote = async (token: string, window: string, overall: string, comment: string) =>
    expect((await api.post('/ballots', ballot(county.windowTokens[window]!, { answers: { overall }, comment }), token)).status).toBe(201);
  await vote(wechatCitizen, 'w111', 'unsatisfied', '我叫李四，电话13912345678，户政窗口午休不办');
  await vote(await api.login('matrix-voter-2'), 'w121', 'satisfied', '出入境办得快');
  await vote(await api.login('matrix-voter-3'), 'w211', 'unsatisfied', '教育局窗口推诿，身份证110101199003071234');
  await vote(await api.login('matrix-voter-4'), 'w211', 'satisfied', '还可以');
  // A directed round beside it, for return rates per target.
  await seedSmallCounty(api, { roundId: DIRECTED_ROUND, importOrg: false, channels: ['directed'] });
  expect((await api.post(`/admin/rounds/${ROUND}/target-inputs`, { targets: ['s11', 's12', 's21'].map((targetId) => ({ targetId, served: 4 })) }, county.admin)).status).toBe(200);

  // A task per unit; unit u2's carries an evidence file.
  const task = async (targetId: string) => (await api.post('/admin/tasks', { targetId, roundId: ROUND, source: 'manual', problem: '窗口午休无人', deadlineWorkingDays: 10 }, county.admin)).body.taskId as string;
  taskU1 = await task('s11');
  taskU2 = await task('s21');
  expect((await api.post(`/tasks/${taskU2}/start`, { measures: '午间轮岗', owner: '赵科长' }, staffU2)).status).toBe(200);
  const file = Buffer.from('%PDF-1.4 轮岗表');
  const link = await api.post(`/tasks/${taskU2}/evidence/uploads`, { fileName: '轮岗表.pdf', contentType: 'application/pdf', size: file.length }, staffU2);
  expect((await fetch(`${stack.baseUrl}${link.body.upload.url}`, { method: 'PUT', headers: link.body.upload.headers, body: file })).status).toBe(200);
  evidenceU2 = link.body.evidenceId;
  expect((await api.post(`/tasks/${taskU2}/evidence`, { evidenceId: evidenceU2, fileName: '轮岗表.pdf', contentType: 'application/pdf' }, staffU2)).status).toBe(200);
});
afterAll(() => stack.close());

const key = (spec: RouteSpec<any>) => `${spec.method.toUpperCase()} ${spec.path}`;

/**
 * Params for a route. `existing`: ids of real objects staff of unit u1 may see (GET routes read
 * real data, so their answers are worth scanning); otherwise well-formed ids of nothing, so a
 * state-changing call that gets past authorisation changes nothing.
 */
function pathFor(spec: RouteSpec<any>, existing: boolean): string {
  const p = spec.path;
  const id = () => {
    if (!existing) return 'Tzzzz9';
    if (/^\/(admin\/|public\/)?rounds\//.test(p)) return ROUND;
    if (/^\/(admin\/)?tasks\//.test(p)) return taskU1;
    if (p.startsWith('/admin/windows/')) return 'w111';
    return 'Tzzzz9';
  };
  const values: Record<string, () => string> = {
    id,
    targetId: () => (existing ? 's11' : 'Tzzzz9'),
    token: () => (existing && p.startsWith('/landing/') ? county.windowTokens.w111! : 'Tzzzz9zzzz9'),
    evidenceId: () => 'Ezzzz9zzzz',
    hearingId: () => 'Tzzzz9',
    ballot: () => 'Tzzzz9',
    digest: () => '0'.repeat(64),
    flagId: () => 'B-0123456789abcdef',
    serial: () => 'ZZZZ-ZZZZ-ZZZZ',
    batchId: () => 'Bzzzz9',
    code: () => 'ZZZZ-ZZZZ-ZZZZ-ZZZZ',
  };
  return p.replace(/:(\w+)/g, (_m, name: string) => {
    const v = values[name];
    if (!v) throw new Error(`no test value for :${name} in ${p}: add one`);
    return v();
  });
}

/** A body that cannot pass validation (so nothing is written), of the content type the route reads. */
function badBody(spec: RouteSpec<any>): { body?: unknown; raw?: string; contentType?: string } {
  if (spec.bodyType === 'text/csv') return { raw: '', contentType: 'text/csv' };
  if (spec.bodyType === 'binary') return { raw: '', contentType: 'application/octet-stream' };
  if (spec.body) return { body: {} };
  return {};
}

function request(spec: RouteSpec<any>, caller: Caller) {
  const existing = spec.method === 'get';
  return {
    method: spec.method.toUpperCase(),
    path: pathFor(spec, existing),
    opts: { ...badBody(spec), ...(caller === 'anonymous' ? {} : { token: tokens[caller] }) },
  };
}

const allowed = (rule: (typeof ACCESS_MATRIX)[string], caller: Caller) =>
  rule === 'public' || rule === 'optional' || (caller !== 'anonymous' && (rule as readonly Role[]).includes(caller));

/** Codes that mean "authorisation stopped this request". */
const AUTH_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'FORBIDDEN', 'TASK_OUT_OF_SCOPE']);

describe('the authorisation matrix', () => {
  it('has an expectation for every route and no stale ones', () => {
    expect(ROUTES.map(key).sort()).toEqual(Object.keys(ACCESS_MATRIX).sort());
  });

  it.each(CALLERS)('answers every route as %s exactly as the matrix says', async (caller) => {
    const problems: string[] = [];
    for (const spec of ROUTES) {
      const rule = ACCESS_MATRIX[key(spec)]!;
      const { method, path, opts } = request(spec, caller);
      const r = await call(caller, method, path, opts);
      const code: string | undefined = r.body?.error?.code;
      const got = `${r.status}${code ? ` ${code}` : ''}`;
      if (allowed(rule, caller)) {
        if ((code && AUTH_CODES.has(code)) || r.status >= 500) problems.push(`${key(spec)}: allowed for ${caller} but got ${got}`);
      } else {
        const want = caller === 'anonymous' ? '401 UNAUTHENTICATED' : '403 FORBIDDEN';
        if (got !== want) problems.push(`${key(spec)}: must refuse ${caller} with ${want}, got ${got}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses a forged or foreign session on every route that reads one', async () => {
    const forged = tokens.admin.slice(0, -1) + (tokens.admin.endsWith('A') ? 'B' : 'A');
    const problems: string[] = [];
    for (const spec of ROUTES.filter((s) => ACCESS_MATRIX[key(s)] !== 'public')) {
      const { method, path, opts } = request(spec, 'admin');
      const r = await call('forged', method, path, { ...opts, token: forged });
      if (`${r.status} ${r.body?.error?.code}` !== '401 UNAUTHENTICATED') problems.push(`${key(spec)}: ${r.status} ${r.body?.error?.code}`);
    }
    expect(problems).toEqual([]);
  });

  it('refuses a caller without a session before reading the body: a wrong type or a broken body is still 401', async () => {
    const problems: string[] = [];
    for (const spec of ROUTES.filter((s) => (s.body || s.bodyType) && Array.isArray(ACCESS_MATRIX[key(s)]))) {
      const { method, path } = request(spec, 'anonymous');
      for (const opts of [{ raw: '{"broken', contentType: 'application/json' }, { raw: 'not,what,you,expect', contentType: 'text/plain' }]) {
        const r = await call('anonymous', method, path, opts);
        if (`${r.status} ${r.body?.error?.code}` !== '401 UNAUTHENTICATED') problems.push(`${key(spec)} (${opts.contentType}): ${r.status} ${r.body?.error?.code}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('is the table docs/access.md shows', () => {
    const doc = readFileSync(resolve(__dirname, '../../docs/access.md'), 'utf8');
    const table = renderAccessTable();
    if (!doc.includes(table)) throw new Error(`docs/access.md is out of date; its role matrix should read:\n\n${table}`);
  });
});

describe('object-level access (API1): staff of unit u1 and unit u2', () => {
  const u1 = () => tokens.staff;
  // Staff read a round's numbers and comments in full once it is closed (the disclosure policy;
  // open rounds in batches: red-team/anonymity.test.ts); scoping is what these tests hold.
  beforeAll(async () => expect((await api.post(`/admin/rounds/${ROUND}/close`, undefined, county.admin)).status).toBe(200));

  it("refuses another unit's comments, scrubbed or original", async () => {
    expect((await call('staff-u1', 'GET', `/rounds/${ROUND}/targets/s21/comments`, { token: u1() })).body.error.code).toBe('FORBIDDEN');
    expect((await call('staff-u1', 'GET', `/admin/rounds/${ROUND}/targets/s21/original-comments`, { token: u1() })).body.error.code).toBe('FORBIDDEN');
    const own = await call('staff-u2', 'GET', `/rounds/${ROUND}/targets/s21/comments`, { token: staffU2 });
    expect(own.body.comments.map((c: { text: string }) => c.text).sort()).toEqual(['教育局窗口推诿，身份证******************', '还可以']);
  });

  it("shows staff their own unit's targets only in tallies, results and return rates", async () => {
    const ids = (r: ApiResponse) => r.body.targets.map((t: { targetId: string }) => t.targetId).sort();
    for (const path of [`/rounds/${ROUND}/tallies`, `/rounds/${ROUND}/results`, `/rounds/${DIRECTED_ROUND}/return-rate`]) {
      const mine = await call('staff-u1', 'GET', path, { token: u1() });
      expect({ path, status: mine.status, ids: ids(mine) }).toEqual({ path, status: 200, ids: ['s11', 's12'] });
      const theirs = await call('staff-u2', 'GET', path, { token: staffU2 });
      expect({ path, ids: ids(theirs) }).toEqual({ path, ids: ['s21'] });
      const office = await call('supervisor', 'GET', path, { token: tokens.supervisor });
      expect({ path, ids: ids(office) }).toEqual({ path, ids: ['s11', 's12', 's21'] });
    }
    const results = await call('staff-u1', 'GET', `/rounds/${ROUND}/results`, { token: u1() });
    expect(results.body.groups.flatMap((g: { order: string[]; notRanked: string[] }) => [...g.order, ...g.notRanked]).sort()).toEqual(['s11', 's12']);
    expect(results.body.targets.every((t: { rankedCount: number }) => t.rankedCount === 3)).toBe(true);
    // The groups' cuts keep their sentences but name only the unit's own targets.
    type Cut = { within: string[]; confident: string[]; possible: string[]; tie: { targetIds: string[] } | null };
    const cutIds = (r: ApiResponse) => (r.body.groups as Array<{ cuts?: Cut[] }>).flatMap((g) => (g.cuts ?? []).flatMap((c) => [...c.within, ...c.confident, ...c.possible, ...(c.tie?.targetIds ?? [])]));
    const officeView = await call('supervisor', 'GET', `/rounds/${ROUND}/results`, { token: tokens.supervisor });
    expect(cutIds(officeView)).toContain('s21');
    expect(new Set(cutIds(results))).toEqual(new Set(cutIds(officeView).filter((id) => id === 's11' || id === 's12')));
  });

  it("refuses another unit's tasks and evidence, reading and acting", async () => {
    const list = await call('staff-u1', 'GET', '/tasks', { token: u1() });
    expect(list.body.tasks.map((t: { taskId: string }) => t.taskId)).toEqual([taskU1]);
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/tasks/${taskU2}`],
      ['GET', `/tasks/${taskU2}/evidence/${evidenceU2}`],
      ['POST', `/tasks/${taskU2}/start`, { measures: '我来', owner: '某人' }],
      ['POST', `/tasks/${taskU2}/evidence/uploads`, { fileName: 'a.pdf', contentType: 'application/pdf', size: 10 }],
      ['POST', `/tasks/${taskU2}/evidence`, { evidenceId: evidenceU2, fileName: 'a.pdf', contentType: 'application/pdf' }],
      ['POST', `/tasks/${taskU2}/submit`, {}],
    ];
    for (const [method, path, body] of attempts) {
      const r = await call('staff-u1', method, path, { token: u1(), ...(body ? { body } : {}) });
      expect({ path, status: r.status, code: r.body.error?.code }).toEqual({ path, status: 403, code: 'TASK_OUT_OF_SCOPE' });
    }
    const theirs = await call('staff-u2', 'GET', `/tasks/${taskU2}/evidence/${evidenceU2}`, { token: staffU2 });
    expect(theirs.status).toBe(200);
  });
});

describe('mass assignment (API3): bodies with fields the client may not set', () => {
  const smuggled = { evaluator: 'someone-else', voidedBy: 'acct:x', createdBy: 'acct:x' };

  it('refuses an unknown field on every JSON route, naming it', async () => {
    const problems: string[] = [];
    for (const spec of ROUTES.filter((s) => s.body)) {
      const rule = ACCESS_MATRIX[key(spec)]!;
      const caller: Caller = rule === 'public' || rule === 'optional' ? 'anonymous' : (rule as readonly Role[]).includes('admin') ? 'admin' : (rule[0] as Caller);
      const { method, path } = request(spec, caller);
      const r = await call(caller, method, path, { body: smuggled, ...(caller === 'anonymous' ? {} : { token: tokens[caller] }) });
      const issues: Array<{ code: string; message: string }> = r.body?.error?.details?.issues ?? [];
      const named = issues.some((i) => i.code === 'unrecognized_keys' && i.message.includes('evaluator'));
      if (r.status !== 400 || !named) problems.push(`${key(spec)}: ${r.status} ${JSON.stringify(issues).slice(0, 200)}`);
    }
    expect(problems).toEqual([]);
  });

  it('refuses a staff body that tries to move a task to another unit or status, and changes nothing', async () => {
    for (const extra of [{ unitId: 'u2' }, { status: 'closed' }, { targetId: 's21' }]) {
      const r = await call('staff-u1', 'POST', `/tasks/${taskU1}/start`, { token: tokens.staff, body: { measures: '整改', owner: '王科长', ...extra } });
      expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const task = await call('staff-u1', 'GET', `/tasks/${taskU1}`, { token: tokens.staff });
    expect(task.body).toMatchObject({ unitId: 'u1', targetId: 's11', status: 'open' });
  });
});

describe('evaluator identity (API3: excessive data exposure)', () => {
  it('reaches no caller: no response in this file holds a pseudonym or an openid from the store', async () => {
    // A sweep as the office over every readable route with real ids, so the scan sees full answers.
    for (const spec of ROUTES.filter((s) => s.method === 'get'))
      for (const who of ['supervisor', 'admin', 'staff'] as const) await call(who, 'GET', pathFor(spec, true), { token: tokens[who] });
    await call('supervisor', 'GET', `/admin/rounds/${ROUND}/ballots`, { token: tokens.supervisor });
    await call('supervisor', 'GET', '/admin/audit-log?limit=200', { token: tokens.supervisor });

    const items = (await stack.db.send(new ScanCommand({ TableName: stack.tableName }))).Items ?? [];
    const secrets = new Set<string>();
    for (const item of items) {
      if (item.entity === 'ballot' && typeof item.evaluator === 'string') secrets.add(item.evaluator);
      if (String(item.PK).startsWith('BINDING#')) secrets.add(String(item.PK).slice('BINDING#'.length));
    }
    expect(secrets.size).toBeGreaterThanOrEqual(4); // the four voters: the scan below has something to find
    secrets.add('local-openid-wxmatrix1');
    const leaks = seen.filter((s) => [...secrets].some((x) => s.text.includes(x))).map((s) => `${s.who} ${s.what}`);
    expect(leaks).toEqual([]);
    expect(seen.length).toBeGreaterThan(ROUTES.length * CALLERS.length);
  });
});
