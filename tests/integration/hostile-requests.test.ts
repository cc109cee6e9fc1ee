import { randomUUID } from 'node:crypto';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { tableDigest } from '../support/snapshot';
import { TestClock } from '../support/clock';
import { ERROR_CATALOGUE } from '@shared/errors';

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let citizen: string;
const clock = new TestClock();
const t: Record<string, string> = {};

beforeAll(async () => {
  stack = await startStack({ overrides: { clock } });
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api);
  const admin = county.admin;
  citizen = await api.login('hostile-citizen');
  const round = (id: string, channels: string[]) =>
    api.post('/admin/rounds', {
      id, name: id, period: { kind: 'quarter', label: 'Q', start: '2026-10-01', end: '2026-12-31' }, schemeId: 'test-pipeline', targetKind: 'section', channels,
      opensAt: new Date(clock.now().getTime() - 3600_000).toISOString(), closesAt: new Date(clock.now().getTime() + 86400_000 * 30).toISOString(),
    }, admin);
  await round('r2', ['sampling']);
  await api.post('/admin/rounds/r2/open', undefined, admin);
  t.r2Sampling = (await api.post('/admin/rounds/r2/sampling-link', undefined, admin)).body.token;
  await round('r3', ['sampling']);
  await api.post('/admin/rounds/r3/open', undefined, admin);
  t.r3Sampling = (await api.post('/admin/rounds/r3/sampling-link', undefined, admin)).body.token;
  await api.post('/admin/rounds/r3/close', undefined, admin);
  await round('r4', ['sampling']);
  t.r4Sampling = (await api.post('/admin/rounds/r4/sampling-link', undefined, admin)).body.token; // r4 stays a draft
  t.revoked = county.windowTokens.w121!;
  await api.del('/admin/windows/w121/qr', admin);
  t.rotatedOld = county.windowTokens.w112!;
  await api.post('/admin/windows/w112/qr', undefined, admin);
  const inviteUntil = (memberId: string, ms: number) =>
    api.post('/admin/rounds/r1/invitations', { members: [{ memberId }], expiresAt: new Date(clock.now().getTime() + ms).toISOString() }, admin);
  t.expiring = (await inviteUntil('late', 3600_000)).body.invitations[0].token;
  t.used = (await inviteUntil('used', 7 * 86400_000)).body.invitations[0].token;
  expect((await api.post('/ballots', ballot(t.used!, { targetId: 's11' }))).status).toBe(201);
  clock.advance(2 * 3600_000); // the first invitation is now expired; sessions (12 h) still valid
});
afterAll(() => stack.close());

type Case = {
  name: string;
  method?: 'GET' | 'POST' | 'DELETE';
  path?: string;
  body?: () => unknown;
  raw?: string;
  contentType?: string;
  auth?: 'citizen' | 'admin' | 'none' | 'garbage';
  status: number;
  code: keyof typeof ERROR_CATALOGUE;
};

const valid = () => ballot(county.windowTokens.w111!);
const forge = (token: string) => token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');

const CASES: Case[] = [
  { name: 'text body without JSON content type', raw: 'overall=satisfied', contentType: 'text/plain', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'truncated JSON', raw: '{"clientBallotId":', status: 400, code: 'MALFORMED_JSON' },
  { name: 'a JSON array instead of an object', body: () => [valid()], status: 400, code: 'VALIDATION_FAILED' },
  { name: 'clientBallotId that is not a UUID', body: () => ({ ...valid(), clientBallotId: '1' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'answers of the wrong type', body: () => ({ ...valid(), answers: 5 }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'an answer value of the wrong type', body: () => ({ ...valid(), answers: { overall: true } }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'an extra field', body: () => ({ ...valid(), evaluator: 'someone-else' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a 501-character comment', body: () => ({ ...valid(), comment: '慢'.repeat(501) }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a body over 16 KB', body: () => ({ ...valid(), comment: 'x'.repeat(20_000) }), status: 413, code: 'BODY_TOO_LARGE' },
  // zod drops a __proto__ key, so what is left lacks the required item: rejected, nothing polluted.
  { name: '__proto__ in answers', raw: `{"clientBallotId":"${randomUUID()}","token":"TOKEN","answers":{"__proto__":{"polluted":1}}}`, status: 422, code: 'ANSWERS_INVALID' },
  { name: 'SQL text as target id', body: () => ballot(county.samplingToken, { targetId: "' OR 1=1 --" }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'script text as an answer', body: () => ({ ...valid(), answers: { overall: '<script>' } }), status: 422, code: 'ANSWERS_INVALID' },
  { name: 'a forged window token', body: () => ballot(forge(county.windowTokens.w111!)), status: 403, code: 'TOKEN_INVALID' },
  { name: 'a garbage token', body: () => ballot('hello'), status: 403, code: 'TOKEN_INVALID' },
  { name: 'a window token with its version changed', body: () => ballot(county.windowTokens.w111!.replace('.1.', '.2.')), status: 403, code: 'TOKEN_INVALID' },
  { name: 'a forged sampling token', body: () => ballot(forge(county.samplingToken), { targetId: 's11' }), status: 403, code: 'TOKEN_INVALID' },
  { name: 'a forged invitation token', body: () => ballot(forge(county.invitations[0]!.token), { targetId: 's11' }), status: 403, code: 'TOKEN_INVALID' },
  { name: 'a revoked window token', body: () => ballot(t.revoked!), status: 403, code: 'TOKEN_REVOKED' },
  { name: 'a rotated (superseded) window token', body: () => ballot(t.rotatedOld!), status: 403, code: 'TOKEN_REVOKED' },
  { name: "another round's sampling token", body: () => ballot(t.r2Sampling!, { roundId: 'r1', targetId: 's11' }), status: 403, code: 'TOKEN_WRONG_ROUND' },
  { name: 'a closed round', body: () => ballot(t.r3Sampling!, { targetId: 's11' }), status: 409, code: 'ROUND_CLOSED' },
  { name: 'a round not yet opened', body: () => ballot(t.r4Sampling!, { targetId: 's11' }), status: 409, code: 'ROUND_NOT_OPEN' },
  { name: 'a window ballot for a round without the window channel', body: () => ({ ...valid(), roundId: 'r2' }), status: 422, code: 'CHANNEL_NOT_ALLOWED' },
  { name: 'an expired invitation', body: () => ballot(t.expiring!, { targetId: 's11' }), status: 410, code: 'INVITATION_EXPIRED' },
  { name: 'an invitation used twice for one target', body: () => ballot(t.used!, { targetId: 's11' }), status: 409, code: 'INVITATION_USED' },
  { name: 'no session for a window ballot', body: valid, auth: 'none', status: 401, code: 'UNAUTHENTICATED' },
  { name: 'a forged session token', body: valid, auth: 'garbage', status: 401, code: 'UNAUTHENTICATED' },
  { name: 'an unknown answer item', body: () => ({ ...valid(), answers: { overall: 'satisfied', mood: 'good' } }), status: 422, code: 'ANSWERS_INVALID' },
  { name: 'an unknown option', body: () => ({ ...valid(), answers: { overall: 'delighted' } }), status: 422, code: 'ANSWERS_INVALID' },
  { name: 'a required item missing', body: () => ({ ...valid(), answers: { speed: 'good' } }), status: 422, code: 'ANSWERS_INVALID' },
  { name: 'a multi item given a single value', body: () => ({ ...valid(), answers: { overall: 'satisfied', problems: 'cold' } }), status: 422, code: 'ANSWERS_INVALID' },
  { name: 'a repeated option in a multi item', body: () => ({ ...valid(), answers: { overall: 'satisfied', problems: ['cold', 'cold'] } }), status: 422, code: 'ANSWERS_INVALID' },
  { name: 'a sampling ballot without a target', body: () => ballot(county.samplingToken), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a sampling ballot for an unknown target', body: () => ballot(county.samplingToken, { targetId: 'nope' }), status: 404, code: 'TARGET_NOT_FOUND' },
  { name: 'a sampling ballot for a window (wrong level)', body: () => ballot(county.samplingToken, { targetId: 'w111' }), status: 422, code: 'TARGET_NOT_IN_ROUND' },
  { name: 'an unknown API route', method: 'GET', path: '/nope', status: 404, code: 'NOT_FOUND' },
  { name: 'an admin route without a session', path: '/admin/rounds/r1/close', auth: 'none', status: 401, code: 'UNAUTHENTICATED' },
  { name: 'an admin route as a citizen', path: '/admin/rounds/r1/close', auth: 'citizen', status: 403, code: 'FORBIDDEN' },
  { name: 'tallies as a citizen', method: 'GET', path: '/rounds/r1/tallies', auth: 'citizen', status: 403, code: 'FORBIDDEN' },
  { name: 'a round on an unknown scheme', path: '/admin/rounds', auth: 'admin', body: () => ({ id: 'rx', name: 'x', period: { kind: 'year', label: '2026', start: '2026-01-01', end: '2026-12-31' }, schemeId: 'nowhere', targetKind: 'unit', channels: ['window'], opensAt: '2026-01-01T00:00:00Z', closesAt: '2026-12-31T00:00:00Z' }), status: 422, code: 'SCHEME_UNKNOWN' },
  { name: 'opening a round twice', path: '/admin/rounds/r1/open', auth: 'admin', status: 409, code: 'ROUND_STATE_CONFLICT' },
  { name: 'a node under a parent of the wrong kind', path: '/admin/nodes', auth: 'admin', body: () => ({ id: 'w999', kind: 'window', name: '窗口', parentId: 'u1' }), status: 422, code: 'PARENT_INVALID' },
  { name: 'a node id that exists', path: '/admin/nodes', auth: 'admin', body: () => ({ id: 'u1', kind: 'unit', name: '重复', parentId: 'c1' }), status: 409, code: 'ALREADY_EXISTS' },
  { name: 'a CSV with one bad row among good ones', path: '/admin/nodes/import', auth: 'admin', raw: 'kind,id,name,parentId,formKey\nunit,u9,新单位,c1,\nsection,s99,新科室,nowhere,\n', contentType: 'text/csv', status: 400, code: 'CSV_INVALID' },
  { name: 'a CSV sent as JSON', path: '/admin/nodes/import', auth: 'admin', body: () => ({ csv: 'kind,id' }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
];

describe('hostile and malformed requests', () => {
  it('has at least 30 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(30));

  it.each(CASES.map((c) => [c.name, c] as const))('answers %s with the documented error and changes nothing', async (_name, c) => {
    const before = await tableDigest(stack.db, stack.tableName);
    const token = c.auth === 'none' ? undefined : c.auth === 'garbage' ? 'abc.def' : c.auth === 'admin' ? await api.login('admin-1', 'admin') : citizen;
    const path = c.path ?? '/ballots';
    const method = c.method ?? 'POST';
    const raw = c.raw?.replace('TOKEN', county.windowTokens.w111!);
    const res = await api.call(method, path, raw !== undefined ? { raw, contentType: c.contentType, token } : { body: c.body?.(), token });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: c.status, code: c.code });
    expect(res.body.error.message).toBe(ERROR_CATALOGUE[c.code].zh);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+|stack/i);
    expect(await tableDigest(stack.db, stack.tableName)).toEqual(before);
  });
});
