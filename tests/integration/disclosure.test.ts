import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { TestClock } from '../support/clock';
import { tableDigest } from '../support/snapshot';

/** The disclosure policy's timing for staff (the polling attack itself: red-team/anonymity.test.ts). */
const clock = new TestClock(Date.parse('2026-11-23T01:37:12Z'));
let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let staff: string;
let office: string;

beforeAll(async () => {
  stack = await startStack({ overrides: { clock } });
  api = apiClient(stack.baseUrl);
  // k = 0: staff see nothing of the round until it closes.
  county = await seedSmallCounty(api, { schemeId: 'haochaping', channels: ['window', 'sampling'], opensAt: '2026-11-01T00:00:00Z', closesAt: '2026-12-31T00:00:00Z', staffBatch: 0 });
  staff = await api.login('keyuan', 'staff', 'u1');
  office = await api.login('ban', 'supervisor');
  for (let i = 0; i < 12; i++) {
    clock.advance(5 * 60_000);
    const r = await api.post('/ballots', ballot(county.windowTokens.w111!, { answers: { overall: 'unsatisfied' }, comment: `第${i}条：电话1381234${String(i).padStart(4, '0')}` }), await api.login(`c${i}`));
    expect(r.status).toBe(201);
  }
  clock.advance(10 * 60_000);
});
afterAll(() => stack.close());

const s11 = (body: { targets: Array<{ targetId: string; channels: Record<string, { ballots: number }> }> }) => body.targets.find((t) => t.targetId === 's11')!;

describe('when staff see a round', () => {
  it('shows staff nothing of an open round whose k is 0, while the office sees it live', async () => {
    const tallies = await api.get(`/rounds/${county.roundId}/tallies`, staff);
    expect(s11(tallies.body).channels).toEqual({});
    expect(tallies.body.computedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await api.get(`/rounds/${county.roundId}/targets/s11/comments`, staff)).body.comments).toEqual([]);
    const results = await api.get(`/rounds/${county.roundId}/results`, staff);
    expect(results.status).toBe(200);
    expect(results.body.targets.map((t: { targetId: string }) => t.targetId).sort()).toEqual(['s11', 's12']);
    expect(s11((await api.get(`/rounds/${county.roundId}/tallies`, office)).body).channels.window!.ballots).toBe(12);
    expect((await api.get(`/rounds/${county.roundId}/targets/s11/comments`, office)).body.comments).toHaveLength(12);
  });

  it('shows staff the closed round in full: scrubbed, by day, and not in arrival order', async () => {
    expect((await api.post(`/admin/rounds/${county.roundId}/close`, undefined, office)).status).toBe(200);
    expect(s11((await api.get(`/rounds/${county.roundId}/tallies`, staff)).body).channels.window!.ballots).toBe(12);
    const comments = (await api.get(`/rounds/${county.roundId}/targets/s11/comments`, staff)).body.comments as Array<{ day: string; text: string }>;
    expect(comments).toHaveLength(12);
    for (const c of comments) expect(c).toEqual({ day: '2026-11-23', channel: 'window', windowId: 'w111', text: expect.stringMatching(/^第\d+条：电话\*{11}$/) });
    const arrival = Array.from({ length: 12 }, (_, i) => `第${11 - i}条：电话${'*'.repeat(11)}`);
    expect(comments.map((c) => c.text)).not.toEqual(arrival);
  });

  it('refuses a batch size below 5 (other than 0) and creates nothing', async () => {
    const admin = await api.login('admin-2', 'admin');
    const before = await tableDigest(stack.db, stack.tableName);
    const r = await api.post('/admin/rounds', { id: 'r-k3', name: '轮次', period: { kind: 'quarter', label: '第四季度', start: '2026-10-01', end: '2026-12-31' }, schemeId: 'haochaping', targetKind: 'section', channels: ['window'], opensAt: '2026-11-01T00:00:00Z', closesAt: '2026-12-31T00:00:00Z', staffBatch: 3 }, admin);
    expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await tableDigest(stack.db, stack.tableName)).toEqual(before);
  });
});
