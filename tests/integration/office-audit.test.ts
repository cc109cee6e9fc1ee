import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { canonicalJson, sha256Hex } from '../../functions/src/domain/crypto';
import { keys } from '../../functions/src/adapters/dynamodb/keys';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let supervisor: string;
let staff: string;

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api);
  supervisor = await api.login('audit-sup', 'supervisor');
  staff = await api.login('audit-clerk', 'staff', 'u1');
  await api.post('/ballots', ballot(county.windowTokens.w111!, { answers: { overall: 'unsatisfied' }, comment: '我叫王五，电话13700001111，窗口没人' }), await api.login('audit-voter-1'));
  await api.post('/ballots', ballot(county.windowTokens.w112!, { comment: '很好' }), await api.login('audit-voter-2'));
});
afterAll(() => stack.close());

const log = async (limit = 200) => (await api.get(`/admin/audit-log?limit=${limit}`, supervisor)).body.entries as Array<Record<string, any>>;
const newest = async () => (await log(1))[0]!;

describe('the office audit log', () => {
  it('records a supervisor action with its actor, route, ids, outcome and request id', async () => {
    const r = await api.post(`/admin/rounds/${county.roundId}/close`, undefined, supervisor);
    expect(r.status).toBe(200);
    expect(await newest()).toEqual({
      entryId: expect.any(String),
      at: expect.any(String),
      actor: 'dev:audit-sup',
      role: 'supervisor',
      method: 'POST',
      route: '/admin/rounds/:id/close',
      params: { id: county.roundId },
      status: 200,
      requestId: r.headers.get('x-request-id'),
    });
  });

  it('records a refused action with its code: a state conflict, a validation failure, a role refusal', async () => {
    const again = await api.post(`/admin/rounds/${county.roundId}/close`, undefined, supervisor);
    expect(again.body.error.code).toBe('ROUND_STATE_CONFLICT');
    expect(await newest()).toMatchObject({ actor: 'dev:audit-sup', route: '/admin/rounds/:id/close', status: 409, code: 'ROUND_STATE_CONFLICT', requestId: again.headers.get('x-request-id') });

    const body = { reason: '' };
    const bad = await api.post(`/admin/rounds/${county.roundId}/ballots/nope1/void`, body, supervisor);
    expect(bad.status).toBe(400);
    expect(await newest()).toMatchObject({ route: '/admin/rounds/:id/ballots/:ballot/void', params: { id: county.roundId, ballot: 'nope1' }, status: 400, code: 'VALIDATION_FAILED', bodySha256: sha256Hex(canonicalJson(body)) });

    const forbidden = await api.post(`/admin/rounds/${county.roundId}/open`, undefined, staff);
    expect(forbidden.status).toBe(403);
    expect(await newest()).toMatchObject({ actor: 'dev:audit-clerk', role: 'staff', unitId: 'u1', route: '/admin/rounds/:id/open', status: 403, code: 'FORBIDDEN' });
  });

  it('keeps bodies out of the log: only their digest', async () => {
    const problem = '群众张三反映（电话13800138000）窗口推诿';
    const r = await api.post('/admin/tasks', { targetId: 's11', source: 'manual', problem, deadlineWorkingDays: 5 }, supervisor);
    expect(r.status).toBe(201);
    const entry = await newest();
    expect(entry).toMatchObject({ route: '/admin/tasks', status: 201, bodySha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(entry)).not.toMatch(/张三|13800138000|推诿/);
  });

  it('leaves out citizens and plain reads: no evaluator pseudonym ever lands in it', async () => {
    const before = (await log()).length;
    await api.get(`/rounds/${county.roundId}/tallies`, supervisor);
    await api.post('/ballots', ballot(county.samplingToken, { targetId: 's12' }), await api.login('audit-voter-3'));
    await api.post(`/admin/rounds/${county.roundId}/close`, undefined, await api.login('audit-citizen'));
    expect((await log()).length).toBe(before);
  });

  it('pages newest first with a cursor, and refuses a cursor it did not issue', async () => {
    const all = await log();
    const first = await api.get('/admin/audit-log?limit=2', supervisor);
    expect(first.body.entries).toEqual(all.slice(0, 2));
    const second = await api.get(`/admin/audit-log?limit=2&before=${first.body.next}`, supervisor);
    expect(second.body.entries).toEqual(all.slice(2, 4));
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());
    const forged = await api.get(`/admin/audit-log?before=${Buffer.from('ROUND#x').toString('base64url')}`, supervisor);
    expect([forged.status, forged.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await api.get('/admin/audit-log?limit=0', supervisor)).status).toBe(400);
  });

  it('is readable by the office only', async () => {
    expect((await api.get('/admin/audit-log')).status).toBe(401);
    for (const token of [staff, await api.login('audit-c'), await api.login('audit-m', 'monitor')]) expect((await api.get('/admin/audit-log', token)).body.error.code).toBe('FORBIDDEN');
    expect((await api.get('/admin/audit-log', county.admin)).status).toBe(200);
  });

  it('refuses to overwrite an entry: the adapter writes only new keys', async () => {
    const entry = (await log())[0]!;
    const forged = { ...entry, actor: 'acct:someone-else', status: 200 };
    await expect(stack.deps.store.officeAudit.append(forged as never)).rejects.toMatchObject({ code: 'AUDIT_ENTRY_EXISTS', status: 409 });
    const stored = await stack.db.send(new GetCommand({ TableName: stack.tableName, Key: keys.officeAudit(entry.at, entry.entryId) }));
    expect(stored.Item).toMatchObject({ actor: entry.actor, status: entry.status });
  });
});

describe('original comments for the supervising office', () => {
  const path = () => `/admin/rounds/${county.roundId}/targets/s11/original-comments`;

  it('shows the comments as written with their ballot ids, never their writers, and logs the read', async () => {
    const r = await api.get(path(), supervisor);
    expect(r.status).toBe(200);
    expect(r.body.comments.map((c: { text: string }) => c.text)).toEqual(['很好', '我叫王五，电话13700001111，窗口没人']);
    for (const c of r.body.comments) expect(Object.keys(c).sort()).toEqual(['ballotId', 'channel', 'receivedAt', 'text', 'windowId']);
    expect(await newest()).toMatchObject({
      actor: 'dev:audit-sup',
      method: 'GET',
      route: '/admin/rounds/:id/targets/:targetId/original-comments',
      status: 200,
      details: { roundId: county.roundId, targetId: 's11', ballotIds: r.body.comments.map((c: { ballotId: string }) => c.ballotId) },
    });
    // The scrubbed copy is what staff read (when the disclosure policy lets them: disclosure.test.ts).
    const scrubbed = await api.get(`/rounds/${county.roundId}/targets/s11/comments`, supervisor);
    expect(scrubbed.body.comments.map((c: { text: string }) => c.text)).toContain('我叫**，电话***********，窗口没人');
    expect((await api.get(path(), staff)).body.error.code).toBe('FORBIDDEN');
  });

  it('logs the review read of ballots too (their comments are as written)', async () => {
    const r = await api.get(`/admin/rounds/${county.roundId}/ballots?targetId=s11`, supervisor);
    expect(r.status).toBe(200);
    expect(await newest()).toMatchObject({ route: '/admin/rounds/:id/ballots', query: { targetId: 's11' }, details: { ballotCount: 2, ballotIds: r.body.ballots.map((b: { ballotId: string }) => b.ballotId).sort() } });
  });

  it('shows nothing when the read cannot be logged', async () => {
    stack.faults.fail('PutItemCommand', 'before');
    const r = await api.get(path(), supervisor);
    stack.faults.clear();
    expect([r.status, r.body.error.code, r.body.comments]).toEqual([503, 'STORE_UNAVAILABLE', undefined]);
  });
});

describe('other sensitive reads', () => {
  it('logs every read of the representative library (it holds names)', async () => {
    const r = await api.get('/admin/representatives', supervisor);
    expect(r.status).toBe(200);
    expect(await newest()).toMatchObject({ method: 'GET', route: '/admin/representatives', status: 200, details: { representatives: r.body.representatives.length } });
  });
});

describe('when the log cannot be written after a change', () => {
  it('answers the true outcome and puts the entry on the error log line', async () => {
    const other = await startStack();
    const client = apiClient(other.baseUrl);
    const admin = await client.login('audit-admin', 'admin');
    other.faults.fail('PutItemCommand', 'before');
    const r = await client.post('/admin/nodes', { kind: 'category', id: 'c9', name: '测试组', parentId: null }, admin);
    other.faults.clear();
    expect(r.status).toBe(201); // the node is stored (a transaction, not a PutCommand); only the entry failed
    await expect(other.close()).rejects.toThrow(/office audit append failed[\s\S]*\/admin\/nodes/);
  });
});
