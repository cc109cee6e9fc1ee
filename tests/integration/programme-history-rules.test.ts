import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { createProgramme, keepPendingFlags, seedSmallCounty } from '../support/fixtures';
import { randomUUID } from 'node:crypto';

/**
 * Consecutive-round rules read the earlier *published* rounds of the same programme (评议项目):
 * the Nanchuan removal rules over three quarters (programme `nc`, quarterly) and the Tonghe
 * two-year rule (programme `th`, yearly), through the HTTP API.
 */
let stack: TestStack;
let api: ApiClient;
let supervisor: string;
let citizens: string[];

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  supervisor = await api.login('jiwei-1', 'supervisor');
  citizens = [];
  for (let i = 0; i < 30; i++) citizens.push(await api.login(`citizen-${i}`));
  await createProgramme(api, supervisor, { id: 'nc', schemeId: 'nanchuan', name: '南川区“最难办事科室群众评”' });
  await createProgramme(api, supervisor, { id: 'th', schemeId: 'tonghe', name: '通河县群众满意单位评议', cadence: 'year', groupMap: { c1: 'grassroots' } });
});
afterAll(() => stack.close());

const quarter = (q: number) => ({ kind: 'quarter', label: `2026年第${q}季度`, start: `2026-${String(q * 3 - 2).padStart(2, '0')}-01`, end: `2026-${String(q * 3).padStart(2, '0')}-28` });
const ruleIds = (result: { targets: Array<{ targetId: string; consequences: Array<{ ruleId: string; rounds?: string[] }> }> }, id: string) =>
  Object.fromEntries(result.targets.find((t) => t.targetId === id)!.consequences.map((c) => [c.ruleId, c.rounds]));

/** A 南川 quarter: `counts` ballots per section through the sampling link, each ticking 冷 and 懒. */
async function nanchuanQuarter(q: number, counts: Record<string, number>, publish: boolean) {
  const county = await seedSmallCounty(api, { roundId: `nc${q}`, programmeId: 'nc', schemeId: 'nanchuan', channels: ['sampling'], period: quarter(q), importOrg: q === 1 });
  for (const [section, n] of Object.entries(counts))
    for (let i = 0; i < n; i++) {
      const r = await api.post('/ballots', { clientBallotId: randomUUID(), token: county.samplingToken, targetId: section, answers: { problems: section === 's11' ? ['cold', 'lazy', 'shirk'] : ['cold'] } }, citizens[i]);
      expect(r.status).toBe(201);
    }
  expect((await api.post(`/admin/rounds/nc${q}/close`, undefined, supervisor)).status).toBe(200);
  if (publish) await publishKept(`nc${q}`);
}

/** Publishes a closed round once its flags are decided (the test crowd is fast, not stuffing: kept). */
async function publishKept(roundId: string) {
  await keepPendingFlags(api, roundId, supervisor);
  expect((await api.post(`/admin/rounds/${roundId}/publish`, {}, supervisor)).status).toBe(201);
}

describe('南川: consecutive quarters in the worst three', () => {
  it('fires the head and supervising-leader removals from published history, naming the rounds', async () => {
    // s11 is ranked in all three quarters; s21 only in q2 and q3; s12 not in q2 (too few ballots).
    await nanchuanQuarter(1, { s11: 30, s12: 30, s21: 5 }, true);
    await nanchuanQuarter(2, { s11: 30, s12: 5, s21: 30 }, false);
    await nanchuanQuarter(3, { s11: 30, s12: 30, s21: 30 }, false);

    // q2 is closed but unpublished: it is not history. Only q1 is, with its period, so the engine
    // sees that q2 is missing between q1 and q3 (breaking a quarterly streak there is the
    // engine's part: tests/unit/scoring, periods).
    const preview = await api.get('/rounds/nc3/results', supervisor);
    expect(Object.keys(ruleIds(preview.body, 's11'))).toContain('nanchuan-interview');

    await publishKept('nc2');
    await publishKept('nc3');
    const published = (await api.get('/public/rounds/nc3/results')).body;
    expect(published.snapshot.facts.history.map((h: { roundId: string; period: { start: string } }) => [h.roundId, h.period.start])).toEqual([['nc1', '2026-01-01'], ['nc2', '2026-04-01']]);
    expect([published.snapshot.facts.period, published.snapshot.facts.yearStartMonth]).toEqual([{ kind: 'quarter', start: '2026-07-01', end: '2026-09-28' }, 1]);
    const s11 = ruleIds(published.snapshot.results, 's11');
    expect(s11['nanchuan-remove-head']).toEqual(['nc2', 'nc3']);
    expect(s11['nanchuan-remove-supervisor']).toEqual(['nc1', 'nc2', 'nc3']);
    const s21 = ruleIds(published.snapshot.results, 's21');
    expect(s21['nanchuan-remove-head']).toEqual(['nc2', 'nc3']);
    expect(s21['nanchuan-remove-supervisor']).toBeUndefined();
    const s12 = ruleIds(published.snapshot.results, 's12');
    expect(Object.keys(s12).sort()).toEqual(['nanchuan-deduction', 'nanchuan-interview', 'nanchuan-published', 'nanchuan-talk']);

    const actions = (await api.get('/admin/rounds/nc3/consequences', supervisor)).body.actions;
    expect(actions.filter((a: { ruleId: string }) => a.ruleId === 'nanchuan-remove-supervisor')).toEqual([
      // nanchuan-2021.txt "若连续3次评议结果位列前3名,则免去分管领导职务": the 评议 is quarterly, so quarters.
      expect.objectContaining({ targetId: 's11', rank: 1, rounds: ['nc1', 'nc2', 'nc3'], streak: 3, unit: 'quarter', periods: ['2026年第一季度', '2026年第二季度', '2026年第三季度'] }),
    ]);
    // The newspaper names the worst section's main problems from the indicator counts.
    expect(published.snapshot.mainProblems.s11.map((p: { value: string; count: number }) => [p.value, p.count])).toEqual([
      ['cold', 30],
      ['lazy', 30],
      ['shirk', 30],
    ]);
  }, 300_000); // ~270 ballots over HTTP on a shared 2-core machine: a generous deadline, not a speed check
});

describe('通河: two years running last among 基层执法单位', () => {
  /** One year: phone survey and hearing tallies imported, 政风建设年 and 工作考核 entered per unit. */
  async function tongheYear(year: number, work: Record<string, number>) {
    const id = `th${year}`;
    await seedSmallCounty(api, {
      roundId: id,
      programmeId: 'th',
      schemeId: 'tonghe',
      channels: ['phone', 'hearing'],
      period: { kind: 'year', label: `${year}年度`, start: `${year}-01-01`, end: `${year}-12-31` },
      importOrg: false,
      groupMap: { c1: 'grassroots' },
    });
    const hearing = { ballots: 3, answers: { openness: { good: 3 }, lawful: { good: 3 }, service: { good: 3 }, integrity: { good: 3 }, institutions: { good: 3 } } };
    const targets = Object.entries(work).map(([targetId, w]) => ({
      targetId,
      inputs: { style_year: 80, work: w },
      channels: { phone: { ballots: 100, answers: { overall: { satisfied: 90, unsatisfied: 10 } } }, hearing },
    }));
    const entered = await api.post(`/admin/rounds/${id}/target-inputs`, { targets }, supervisor);
    expect(entered.status).toBe(200);
    // The hearing divides by representatives present (tonghe-2011.txt): all three came.
    const rows = Object.keys(work).map((targetId) => ({ targetId, set: { 'present.hearing': 3 } }));
    expect((await api.call('PATCH', `/admin/rounds/${id}/target-inputs`, { body: { rows }, token: supervisor })).status).toBe(200);
    expect((await api.post(`/admin/rounds/${id}/close`, undefined, supervisor)).status).toBe(200);
    await publishKept(id);
    return (await api.get(`/public/rounds/${id}/results`)).body.snapshot.results;
  }

  it('recommends moving the head only in the second consecutive year last', async () => {
    // The three sections stand in for 基层执法单位 (c1 → grassroots); the work assessment decides the order.
    const y1 = await tongheYear(2011, { s11: 70, s12: 90, s21: 85 });
    expect(Object.keys(ruleIds(y1, 's11'))).not.toContain('tonghe-move-head');
    const y2 = await tongheYear(2012, { s11: 72, s12: 95, s21: 85 });
    expect(ruleIds(y2, 's11')['tonghe-move-head']).toEqual(['th2011', 'th2012']);
    // tonghe-2011.txt "对连续两年排名末位的基层执法单位": counted in years, from the rounds' own periods.
    const moveHead = y2.targets.find((t: { targetId: string }) => t.targetId === 's11').consequences.find((c: { ruleId: string }) => c.ruleId === 'tonghe-move-head');
    expect(moveHead).toMatchObject({ unit: 'year', periods: ['2011年', '2012年'], streak: 2 });
    expect(Object.keys(ruleIds(y2, 's12'))).not.toContain('tonghe-move-head');
    // s12 first two years running → promotion basis; in 2013 s21 falls last for the first time.
    expect(ruleIds(y2, 's12')['tonghe-promotion-basis']).toEqual(['th2011', 'th2012']);
    const y3 = await tongheYear(2013, { s11: 99, s12: 90, s21: 60 });
    expect(Object.keys(ruleIds(y3, 's11'))).not.toContain('tonghe-move-head');
    expect(Object.keys(ruleIds(y3, 's21'))).not.toContain('tonghe-move-head');
    expect(y3.targets.find((t: { targetId: string }) => t.targetId === 's21').rank).toBe(3);
  });

  it('refuses imported tallies for ballot channels and changes nothing', async () => {
    const r = await api.post('/admin/rounds/th2013/target-inputs', { targets: [{ targetId: 's11', channels: { window: { ballots: 1, answers: {} } } }] }, supervisor);
    expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
