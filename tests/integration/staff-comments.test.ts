import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { TestClock } from '../support/clock';

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
const clock = new TestClock(Date.parse('2026-11-23T01:37:12Z')); // 09:37 CST

beforeAll(async () => {
  stack = await startStack({ overrides: { clock } });
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { opensAt: '2026-11-01T00:00:00Z', closesAt: '2026-12-31T00:00:00Z' });
  const post = async (who: string, token: string, comment: string) =>
    expect((await api.post('/ballots', ballot(token, { answers: { overall: 'unsatisfied' }, comment }), await api.login(who))).status).toBe(201);
  await post('c1', county.windowTokens.w111!, '我叫张三，电话13800138000，王科长让我跑了三趟');
  clock.advance(20 * 60_000);
  await post('c2', county.windowTokens.w112!, '身份证22010219900307123X的材料丢了');
  await post('c3', county.windowTokens.w211!, '学校的事');
  // Staff read a round's comments in full once it is closed (disclosure.test.ts covers an open one).
  expect((await api.post(`/admin/rounds/${county.roundId}/close`, undefined, county.admin)).status).toBe(200);
});
afterAll(() => stack.close());

const comments = async (targetId: string, token: string) => api.get(`/rounds/${county.roundId}/targets/${targetId}/comments`, token);

describe('comments for unit staff', () => {
  it('shows a unit its comments scrubbed, dated by day only, with no evaluator', async () => {
    const r = await comments('s11', await api.login('clerk', 'staff', 'u1'));
    expect(r.status).toBe(200);
    expect(r.body.comments).toHaveLength(2);
    expect(r.body.comments).toEqual(expect.arrayContaining([
      { day: '2026-11-23', channel: 'window', windowId: 'w112', text: '身份证******************的材料丢了' },
      { day: '2026-11-23', channel: 'window', windowId: 'w111', text: '我叫**，电话***********，王科长让我跑了三趟' },
    ]));
  });

  it('refuses staff of another unit (no reading across units)', async () => {
    const r = await comments('s11', await api.login('other-clerk', 'staff', 'u2'));
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
  });

  it('lets the supervising office read any target', async () => {
    const r = await comments('s21', await api.login('office', 'supervisor'));
    expect(r.body.comments.map((c: { text: string }) => c.text)).toEqual(['学校的事']);
  });

  it('refuses citizens', async () => {
    expect((await comments('s11', await api.login('c1'))).status).toBe(403);
  });
});
