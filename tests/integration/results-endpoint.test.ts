import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { schemeId: 'ganquan', channels: ['window'] });
  // s11 (two windows): 5 satisfied of 6 → 83.3%; s12: 4 of 4; s21: 3 of 4 = 75%.
  const votes: Array<[string, string[]]> = [
    ['w111', ['satisfied', 'satisfied', 'satisfied', 'unsatisfied']],
    ['w112', ['satisfied', 'satisfied']],
    ['w121', ['satisfied', 'satisfied', 'satisfied', 'satisfied']],
    ['w211', ['satisfied', 'satisfied', 'satisfied', 'unsatisfied']],
  ];
  let n = 0;
  for (const [w, answers] of votes)
    for (const overall of answers) expect((await api.post('/ballots', ballot(county.windowTokens[w]!, { answers: { overall } }), await api.login(`p${n++}`))).status).toBe(201);
});
afterAll(() => stack.close());

describe('GET /api/rounds/:id/results', () => {
  it('lists what is missing (待录入) before the served counts are entered, and scores the rest', async () => {
    const r = await api.get(`/rounds/${county.roundId}/results`, county.admin);
    expect(r.status).toBe(200);
    const s11 = r.body.targets.find((t: { targetId: string }) => t.targetId === 's11');
    expect(s11.missing).toEqual([{ field: 'served', label: '服务人次', reason: 'missing' }]);
    expect(s11.components.satisfaction.value).toBeCloseTo(5 / 6, 9);
    expect(s11.components.return_rate.value).toBeNull();
  });

  it('scores the live tallies with the round’s scheme: satisfaction, grade and rank in group', async () => {
    // 办事人数: s21 handed out 10 forms and got 4 back (40% < 60% → 不满意 whatever the satisfaction).
    const served = await api.post(`/rounds/${county.roundId}/target-inputs`.replace('/rounds', '/admin/rounds'), { targets: [{ targetId: 's11', served: 8 }, { targetId: 's12', served: 5 }, { targetId: 's21', served: 10 }] }, county.admin);
    expect(served.status).toBe(200);
    const r = await api.get(`/rounds/${county.roundId}/results`, county.admin);
    expect({ status: r.status, error: r.body.error }).toEqual({ status: 200, error: undefined });
    const byId = Object.fromEntries(r.body.targets.map((t: { targetId: string }) => [t.targetId, t]));
    expect(byId.s11.components.satisfaction.value).toBeCloseTo(5 / 6, 9);
    expect(byId.s12.components.satisfaction.value).toBe(1);
    expect(byId.s21.components.satisfaction.value).toBe(0.75);
    expect(byId.s12.grade.id).toBe('satisfied');
    expect(byId.s11.grade.id).toBe('unsatisfied'); // 83.3% < 85%
    expect(byId.s21.components.return_rate.value).toBe(0.4);
    expect(byId.s21.grade.id).toBe('unsatisfied');
    expect(byId.s21.flags.map((f: { id: string }) => f.id)).toContain('low_return_rate');
    expect([byId.s12.rank, byId.s11.rank, byId.s21.rank]).toEqual([1, 2, 3]);
    // Last place (and not below 75%) still triggers the no-awards rule.
    expect(byId.s21.consequences.map((c: { ruleId: string }) => c.ruleId)).toContain('ganquan-no-awards');
  });

  it('refuses citizens', async () => {
    const r = await api.get(`/rounds/${county.roundId}/results`, await api.login('nosy'));
    expect(r.status).toBe(403);
  });
});
