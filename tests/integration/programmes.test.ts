import { randomUUID } from 'node:crypto';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { createProgramme, keepPendingFlags, seedSmallCounty } from '../support/fixtures';

/**
 * Programmes (评议项目) through the HTTP API on DynamoDB Local. The seed sentence the streak
 * tests implement (nanchuan-2021.txt): “若连续2次评议结果位列前3名，则免去科室负责人职务；若连续3次
 * 评议结果位列前3名，则免去分管领导职务。”
 *
 * Hand computation: in every quarter of programme `ncp` only s11 (户政科) gets the 30 ballots a
 * section needs to be ranked (lowSampleBelow 30), each ticking 冷 懒 推, so s11 is ranked 1st of 1
 * four quarters running (nc1–nc4). At nc4 its streak is 4: 免去科室负责人职务 names the last two
 * rounds (nc3, nc4), 免去分管领导职务 the last three (nc2, nc3, nc4). Neither a practice round on
 * the same scheme in another programme (s12 alone, closed, never published) nor a round of this
 * programme that was cancelled may change that.
 *
 * The its run in order: each builds on the rounds the one before left.
 */
let stack: TestStack;
let api: ApiClient;
let supervisor: string;
let citizens: string[];

const quarter = (year: number, q: number) => ({ kind: 'quarter', label: `${year}年第${q}季度`, start: `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`, end: `${year}-${String(q * 3).padStart(2, '0')}-28` });
type Result = { targets: Array<{ targetId: string; rank: number | null; consequences: Array<{ ruleId: string; rounds?: string[] }> }> };
const ruleIds = (result: Result, id: string) => Object.fromEntries(result.targets.find((t) => t.targetId === id)!.consequences.map((c) => [c.ruleId, c.rounds]));

/** A 南川 round: `counts` sampling ballots per section (s11-like sections tick 冷 懒 推, others 冷). */
async function nanchuanRound(id: string, opts: { programmeId?: string; period: ReturnType<typeof quarter>; counts: Record<string, number>; importOrg?: boolean; targetIds?: string[]; close?: boolean; publish?: boolean }) {
  const county = await seedSmallCounty(api, { roundId: id, schemeId: 'nanchuan', channels: ['sampling'], period: opts.period, importOrg: opts.importOrg ?? false, ...(opts.programmeId ? { programmeId: opts.programmeId } : {}), ...(opts.targetIds ? { targetIds: opts.targetIds } : {}) });
  for (const [section, n] of Object.entries(opts.counts))
    for (let i = 0; i < n; i++) {
      const problems = section.startsWith('s11') ? ['cold', 'lazy', 'shirk'] : ['cold'];
      const r = await api.post('/ballots', { clientBallotId: randomUUID(), token: county.samplingToken, targetId: section, answers: { problems } }, citizens[i]);
      expect(r.status).toBe(201);
    }
  if (opts.close !== false) expect((await api.post(`/admin/rounds/${id}/close`, undefined, supervisor)).status).toBe(200);
  if (opts.publish) {
    // A test crowd is honest but fast (a burst flag): decided before publishing (STUFFING_UNDECIDED).
    await keepPendingFlags(api, id, supervisor);
    expect((await api.post(`/admin/rounds/${id}/publish`, {}, supervisor)).status).toBe(201);
  }
  return county;
}

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  supervisor = await api.login('jiwei-prog', 'supervisor');
  citizens = [];
  for (let i = 0; i < 30; i++) citizens.push(await api.login(`prog-citizen-${i}`));
  await createProgramme(api, supervisor, { id: 'ncp', schemeId: 'nanchuan', name: '南川区“最难办事科室群众评”' });
  await nanchuanRound('nc1', { programmeId: 'ncp', period: quarter(2026, 1), counts: { s11: 30 }, importOrg: true, publish: true });
  await nanchuanRound('nc2', { programmeId: 'ncp', period: quarter(2026, 2), counts: { s11: 30 }, publish: true });
});
afterAll(() => stack.close());

describe('programmes', () => {
  it('refuses a round whose scheme is not its programme’s, or an unknown programme, and creates nothing', async () => {
    const body = (over: Record<string, unknown>) => ({ id: 'bad1', name: '错配', period: quarter(2026, 3), schemeId: 'ganquan', targetKind: 'section', channels: ['window'], opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString(), ...over });
    const mismatch = await api.post('/admin/rounds', body({ programmeId: 'ncp' }), supervisor);
    expect([mismatch.status, mismatch.body.error.code, mismatch.body.error.details]).toEqual([422, 'PROGRAMME_SCHEME_MISMATCH', { programmeId: 'ncp', programmeSchemeId: 'nanchuan', schemeId: 'ganquan' }]);
    const unknown = await api.post('/admin/rounds', body({ programmeId: 'nowhere', schemeId: 'nanchuan', channels: ['sampling'] }), supervisor);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'PROGRAMME_NOT_FOUND']);
    const level = await api.post('/admin/rounds', body({ programmeId: 'ncp', schemeId: 'nanchuan', channels: ['sampling'], targetKind: 'unit' }), supervisor);
    expect([level.status, level.body.error.code]).toEqual([422, 'PROGRAMME_TARGETS_MISMATCH']);
    expect((await api.get('/rounds/bad1')).status).toBe(404);
    const view = await api.get('/admin/programmes/ncp', supervisor);
    expect(view.body.rounds.map((r: { id: string }) => r.id)).toEqual(['nc1', 'nc2']);
  });

  it('gives a round created without a programme one of its own, which it shares with no one', async () => {
    // A one-section practice round on the same scheme, opened, answered and closed, never published.
    await nanchuanRound('prac', { period: quarter(2026, 3), counts: { s12: 3 }, targetIds: ['s12'] });
    const round = await api.get('/rounds/prac');
    expect(round.body.round.programmeId).toBe('round-prac');
    const solo = await api.get('/admin/programmes/round-prac', supervisor);
    expect(solo.status).toBe(200);
    expect(solo.body.programme).toMatchObject({ id: 'round-prac', schemeId: 'nanchuan', cadence: 'quarter', soloRound: 'prac', targetIds: ['s12'] });
    expect(solo.body.rounds.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([['prac', 'closed']]);
    expect(solo.body.schemeCurrent).toBe(true);
    const list = await api.get('/admin/programmes', supervisor);
    expect(list.body.programmes.map((p: { id: string; roundCount: number }) => [p.id, p.roundCount]).sort()).toEqual([['ncp', 2], ['round-prac', 1]]);
  });

  it('cancels only with a reason, in the office audit log; a cancelled round refuses ballots and publication; a published round cannot be cancelled', async () => {
    const county = await nanchuanRound('ncx', { programmeId: 'ncp', period: quarter(2026, 3), counts: { s11: 2 }, close: false });
    const noReason = await api.post('/admin/rounds/ncx/cancel', {}, supervisor);
    expect([noReason.status, noReason.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await api.get('/rounds/ncx')).body.round.status).toBe('open');

    // A second round over the same quarter of the programme is refused while ncx stands.
    const twin = { id: 'ncy', name: '重复的第三季度', period: quarter(2026, 3), schemeId: 'nanchuan', programmeId: 'ncp', targetKind: 'section', channels: ['sampling'], opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString() };
    const clash = await api.post('/admin/rounds', twin, supervisor);
    expect([clash.status, clash.body.error.code, clash.body.error.details.roundIds]).toEqual([409, 'ROUND_PERIOD_OVERLAP', ['ncx']]);
    expect((await api.get('/rounds/ncy')).status).toBe(404);

    const reason = '抽样链接误发给了内部人员，本轮作废重评';
    const cancelled = await api.post('/admin/rounds/ncx/cancel', { reason }, supervisor);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: 'ncx', status: 'cancelled', cancelReason: reason });

    const entries = (await api.get('/admin/audit-log?limit=20', supervisor)).body.entries as Array<Record<string, any>>;
    const cancels = entries.filter((e) => e.route === '/admin/rounds/:id/cancel' && e.params.id === 'ncx');
    expect(cancels.map((e) => [e.actor, e.status, e.code, e.details])).toEqual([
      ['dev:jiwei-prog', 200, undefined, { from: 'open', reason, programmeId: 'ncp' }],
      ['dev:jiwei-prog', 400, 'VALIDATION_FAILED', undefined],
    ]);

    const ballot = await api.post('/ballots', { clientBallotId: randomUUID(), token: county.samplingToken, targetId: 's11', answers: { problems: ['cold'] } }, citizens[5]);
    expect([ballot.status, ballot.body.error.code]).toEqual([409, 'ROUND_CANCELLED']);
    const publish = await api.post('/admin/rounds/ncx/publish', {}, supervisor);
    expect([publish.status, publish.body.error.code]).toEqual([409, 'ROUND_STATE_CONFLICT']);
    const sheet = await api.get('/admin/rounds/ncx/consequences', supervisor);
    expect([sheet.status, sheet.body.error.code]).toEqual([409, 'ROUND_CANCELLED']);
    const again = await api.post('/admin/rounds/ncx/cancel', { reason }, supervisor);
    expect([again.status, again.body.error.code]).toEqual([409, 'ROUND_STATE_CONFLICT']);

    const published = await api.post('/admin/rounds/nc1/cancel', { reason: '误操作' }, supervisor);
    expect([published.status, published.body.error.code, published.body.error.details]).toEqual([409, 'ROUND_STATE_CONFLICT', { roundId: 'nc1', from: 'published', to: 'cancelled' }]);
    expect((await api.get('/rounds/nc1')).body.round.status).toBe('published');

    const view = await api.get('/admin/programmes/ncp', supervisor);
    expect(view.body.rounds.map((r: { id: string; status: string; cancelReason?: string }) => [r.id, r.status, r.cancelReason])).toEqual([
      ['nc1', 'published', undefined],
      ['nc2', 'published', undefined],
      ['ncx', 'cancelled', reason],
    ]);
  });

  it('keeps s11’s streak across the practice round in another programme and the cancelled round in its own', async () => {
    await nanchuanRound('nc3', { programmeId: 'ncp', period: quarter(2026, 3), counts: { s11: 30 }, publish: true });
    await nanchuanRound('nc4', { programmeId: 'ncp', period: quarter(2026, 4), counts: { s11: 30 }, publish: true });
    const published = (await api.get('/public/rounds/nc4/results')).body.snapshot;
    expect(published.facts.history.map((h: { roundId: string; period: { kind: string; start: string } }) => [h.roundId, h.period.kind, h.period.start])).toEqual([
      ['nc1', 'quarter', '2026-01-01'],
      ['nc2', 'quarter', '2026-04-01'],
      ['nc3', 'quarter', '2026-07-01'],
    ]);
    expect(published.results.targets.find((t: { targetId: string }) => t.targetId === 's11').rank).toBe(1);
    const s11 = ruleIds(published.results, 's11');
    expect(s11['nanchuan-remove-head']).toEqual(['nc3', 'nc4']);
    expect(s11['nanchuan-remove-supervisor']).toEqual(['nc2', 'nc3', 'nc4']);
    const actions = (await api.get('/admin/rounds/nc4/consequences', supervisor)).body.actions;
    expect(actions.filter((a: { ruleId: string }) => a.ruleId === 'nanchuan-remove-supervisor')).toEqual([expect.objectContaining({ targetId: 's11', rank: 1, rounds: ['nc2', 'nc3', 'nc4'], streak: 4 })]);
  });

  it('carries a renamed section’s history once the office links it, and refuses a link that does not fit its kind', async () => {
    // 户政科 (s11) is renamed 户籍管理科 and gets a new id; in 2027 Q1 it is again the worst.
    expect((await api.post('/admin/nodes', { id: 's11n', kind: 'section', name: '户籍管理科', parentId: 'u1' }, supervisor)).status).toBe(201);
    await nanchuanRound('nc5', { programmeId: 'ncp', period: quarter(2027, 1), counts: { s11n: 30 } });
    const before = (await api.get('/rounds/nc5/results', supervisor)).body as Result;
    expect(Object.keys(ruleIds(before, 's11n')).sort()).toEqual(['nanchuan-deduction', 'nanchuan-interview', 'nanchuan-published', 'nanchuan-talk']);

    const bad = await api.post('/admin/programmes/ncp/links', { kind: 'rename', from: ['s11'], to: ['s11n', 's12'] }, supervisor);
    expect([bad.status, bad.body.error.code]).toEqual([422, 'TARGET_LINK_INVALID']);
    const unknown = await api.post('/admin/programmes/ncp/links', { kind: 'rename', from: ['s11'], to: ['s99'] }, supervisor);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'TARGET_NOT_FOUND']);
    const link = await api.post('/admin/programmes/ncp/links', { kind: 'rename', from: ['s11'], to: ['s11n'], note: '户政科更名为户籍管理科' }, supervisor);
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({ kind: 'rename', from: ['s11'], to: ['s11n'], by: 'dev:jiwei-prog' });

    // Five quarters running first (nc1–nc4 as 户政科, nc5 as 户籍管理科).
    const after = (await api.get('/rounds/nc5/results', supervisor)).body as Result;
    expect(ruleIds(after, 's11n')['nanchuan-remove-head']).toEqual(['nc4', 'nc5']);
    expect(ruleIds(after, 's11n')['nanchuan-remove-supervisor']).toEqual(['nc3', 'nc4', 'nc5']);
    const view = await api.get('/admin/programmes/ncp', supervisor);
    expect(view.body.links.map((l: { kind: string; from: string[]; to: string[] }) => [l.kind, l.from, l.to])).toEqual([['rename', ['s11'], ['s11n']]]);
    const entries = (await api.get('/admin/audit-log?limit=5', supervisor)).body.entries as Array<Record<string, any>>;
    expect(entries.find((e) => e.route === '/admin/programmes/:id/links' && e.status === 201)).toMatchObject({ params: { id: 'ncp' }, details: { kind: 'rename', from: ['s11'], to: ['s11n'] } });
  });
});
