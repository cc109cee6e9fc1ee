import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { TestClock } from '../support/clock';

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
const clock = new TestClock();

beforeAll(async () => {
  stack = await startStack({ overrides: { clock } });
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api);
});
afterAll(() => stack.close());

const createAccount = (body: unknown, token = county.admin) => api.post('/admin/accounts', body, token);

describe('office accounts bound to WeChat', () => {
  it('binds a WeChat identity once with the admin’s code and logs it in as staff of its unit', async () => {
    const created = await createAccount({ accountId: 'wang-u1', name: '王科长', role: 'staff', unitId: 'u1' });
    expect(created.status).toBe(201);
    expect(created.body.bindCode).toMatch(/^[0-9A-Z]{8}$/);

    const before = await api.post('/auth/wechat/office', { code: 'dev-wang' });
    expect(before.body.error.code).toBe('NOT_BOUND');

    const bound = await api.post('/auth/wechat/bind', { code: 'dev-wang', bindCode: created.body.bindCode });
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({ role: 'staff', unitId: 'u1' });

    const later = await api.post('/auth/wechat/office', { code: 'dev-wang' });
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ role: 'staff', unitId: 'u1' });
    // The office session reads its own unit and nothing else.
    expect((await api.get(`/rounds/${county.roundId}/targets/s11/comments`, later.body.token)).status).toBe(200);
    expect((await api.get(`/rounds/${county.roundId}/targets/s21/comments`, later.body.token)).status).toBe(403);

    const reuse = await api.post('/auth/wechat/bind', { code: 'dev-li', bindCode: created.body.bindCode });
    expect(reuse.status).toBe(403);
    expect(reuse.body.error.code).toBe('BIND_CODE_INVALID');
  });

  it('keeps the same person’s citizen login a citizen', async () => {
    const citizen = await api.post('/auth/wechat', { code: 'dev-wang' });
    expect(citizen.body.role).toBe('citizen');
  });

  it('refuses an expired binding code', async () => {
    const created = await createAccount({ accountId: 'zhao-sup', name: '赵主任', role: 'supervisor' });
    clock.advance(8 * 86400_000);
    const r = await api.post('/auth/wechat/bind', { code: 'dev-zhao', bindCode: created.body.bindCode });
    expect(r.body.error.code).toBe('BIND_CODE_INVALID');
  });

  it('refuses a staff account without an existing unit, and account creation by a supervisor', async () => {
    const admin = await api.login('admin-1', 'admin');
    expect((await createAccount({ accountId: 'x1', name: '某人', role: 'staff', unitId: 'nope' }, admin)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await createAccount({ accountId: 'x2', name: '某人', role: 'admin' }, await api.login('sup', 'supervisor'))).status).toBe(403);
  });
});

describe('window poster codes', () => {
  it('serves the current QR of a window as PNG, and nothing once revoked', async () => {
    const r = await fetch(`${stack.baseUrl}/api/admin/windows/w111/code.png`, { headers: { authorization: `Bearer ${await api.login('admin-1', 'admin')}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await r.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    const admin = await api.login('admin-1', 'admin');
    await api.del('/admin/windows/w121/qr', admin);
    const revoked = await api.get('/admin/windows/w121/code.png', admin);
    expect(revoked.status).toBe(404);
  });
});
