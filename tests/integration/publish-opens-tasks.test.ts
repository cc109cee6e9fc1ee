import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';

/**
 * 好差评's rule promises one rectification case per bad review within 15 working days: publishing
 * the round opens them, the unit sees them, and running the step again opens nothing twice.
 */
let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let office: string;

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { schemeId: 'haochaping', channels: ['window'] });
  office = await api.login('ban', 'supervisor');
  const answers = ['very_satisfied', 'unsatisfied', 'satisfied', 'very_unsatisfied', 'basically_satisfied'];
  for (const [i, overall] of answers.entries()) {
    const r = await api.post('/ballots', ballot(county.windowTokens.w111!, { answers: { overall }, comment: `第${i + 1}位群众的意见` }), await api.login(`c${i}`));
    expect(r.status).toBe(201);
  }
  expect((await api.post(`/admin/rounds/${county.roundId}/close`, undefined, office)).status).toBe(200);
});
afterAll(() => stack.close());

describe('publishing a 好差评 round', () => {
  it('opens one task per bad review, due in 15 working days, and says so in its answer', async () => {
    const published = await api.post(`/admin/rounds/${county.roundId}/publish`, {}, office);
    expect(published.status).toBe(201);
    expect(published.body.tasks).toEqual({ created: 2, existing: 0, rules: [{ ruleId: 'haochaping-bad-review', label: '差评整改', tasks: 2 }] });
    const tasks = (await api.get('/tasks', office)).body.tasks as Array<{ targetId: string; source: string; problem: string; roundId: string; deadlineWorkingDays: number }>;
    const mine = tasks.filter((t) => t.roundId === county.roundId);
    expect(mine.map((t) => [t.targetId, t.source]).sort()).toEqual([['s11', 'ballot'], ['s11', 'ballot']]);
    expect(mine.map((t) => t.deadlineWorkingDays)).toEqual([15, 15]);
    expect(mine.map((t) => t.problem).join('|')).toContain('第2位群众的意见');
    expect(mine.map((t) => t.problem).join('|')).toContain('第4位群众的意见');
  });

  it('opens nothing twice when the office runs the rules again', async () => {
    const again = await api.post(`/admin/rounds/${county.roundId}/tasks/from-rules`, undefined, office);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ created: 0, existing: 2, rules: [{ ruleId: 'haochaping-bad-review', label: '差评整改', tasks: 2 }] });
  });

  it('is the office’s step only', async () => {
    const staff = await api.login('keyuan', 'staff', 'u1');
    const r = await api.post(`/admin/rounds/${county.roundId}/tasks/from-rules`, undefined, staff);
    expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });
});
