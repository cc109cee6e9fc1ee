import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { tableDigest } from '../support/snapshot';
import { ROUTES } from '../../functions/src/http/routes';

/**
 * Property: whatever arrives — random JSON, or a valid body with one field mutated — the API
 * never answers 5xx, and a refused request (4xx) leaves the store exactly as it was.
 */
// Sweeps over every route, one request (and here one table scan) at a time: a deadline for a
// sweep on a busy 2-core machine, not a speed claim.
jest.setTimeout(15 * 60_000);
let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let admin: string;
let citizen: string;

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api);
  admin = await api.login('fuzz-admin', 'admin');
  citizen = await api.login('fuzz-citizen');
});
afterAll(() => stack.close());

/** A valid body per JSON route, so mutations start from something the schema accepts. */
function validBody(path: string): Record<string, unknown> {
  const now = Date.now();
  switch (path) {
    case '/ballots':
      return { clientBallotId: randomUUID(), token: county.windowTokens.w111!, answers: { overall: 'satisfied' } };
    case '/admin/rounds':
      return { id: 'fz1', name: '模糊', period: { kind: 'year', label: '2026', start: '2026-01-01', end: '2026-12-31' }, schemeId: 'test-pipeline', targetKind: 'section', channels: ['window'], opensAt: new Date(now).toISOString(), closesAt: new Date(now + 86400_000).toISOString() };
    case '/admin/nodes':
      return { id: 'fzu', kind: 'unit', name: '模糊单位', parentId: 'c1' };
    case '/auth/dev':
      return { name: 'fz', role: 'citizen' };
    case '/auth/wechat':
    case '/auth/wechat/office':
      return { code: 'dev-fz' };
    case '/auth/wechat/bind':
      return { code: 'dev-fz', bindCode: 'ABCDEFGH' };
    case '/admin/accounts':
      return { accountId: 'fz-acct', name: '模糊', role: 'supervisor' };
    default:
      return {};
  }
}

const concrete = (path: string) => path.replace(':id', 'r1').replace(':targetId', 's11');
const jsonRoutes = ROUTES.filter((r) => r.method === 'post' && r.body);

const mutation = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 600 }),
  fc.constantFrom('<script>alert(1)</script>', "' OR 1=1 --", '__proto__', '\u0000', '𠮷'.repeat(300), 'W.w111.1.AAAAAAAAAA'),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 1 }), { maxKeys: 3 }),
);

describe.each(jsonRoutes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s under random input', (_name, route) => {
  it('never answers 5xx and changes nothing when it refuses', async () => {
    const base = validBody(route.path);
    const keys = Object.keys(base);
    const bodies = fc.oneof(
      fc.json({ maxDepth: 3 }).map((raw) => ({ raw })),
      fc.record({ key: keys.length > 0 ? fc.constantFrom(...keys, 'extra') : fc.constant('extra'), value: mutation }).map(({ key, value }) => ({ raw: JSON.stringify({ ...base, [key]: value }) })),
    );
    // One scan per request: the digest after a refusal must equal the one before it, and is then
    // the next request's "before"; only an accepted request (which may write) needs a fresh one.
    let before = await tableDigest(stack.db, stack.tableName);
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom(admin, citizen, undefined), async ({ raw }, token) => {
        const r = await api.call('POST', concrete(route.path), { raw, token });
        expect(r.status).toBeLessThan(500);
        expect(r.body?.error?.code ?? 'ok').toEqual(expect.any(String));
        const after = await tableDigest(stack.db, stack.tableName);
        if (r.status >= 400) expect(after).toEqual(before);
        before = after;
      }),
      { numRuns: 40 },
    );
  });
});
