import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { commitmentOf } from '@shared/draw';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { tableDigest } from '../support/snapshot';
import { libraryCsv, outbox, tokenOf } from '../support/panel';
import { recount } from '../../functions/src/domain/recount';

let stack: TestStack;
let api: ApiClient;
let tonghe: SmallCounty;
let efficiency: SmallCounty;

const unchanged = async (action: () => Promise<unknown>) => {
  const before = await tableDigest(stack.db, stack.tableName);
  await action();
  expect(await tableDigest(stack.db, stack.tableName)).toEqual(before);
};
const csv = (rows: string[]) => ({ raw: rows.join('\n'), contentType: 'text/csv' });

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  tonghe = await seedSmallCounty(api, { roundId: 'th', schemeId: 'tonghe', channels: ['phone', 'hearing'], groupMap: { c1: 'enforcement' } });
  efficiency = await seedSmallCounty(api, { roundId: 'eo', schemeId: 'efficiency-office', channels: ['monitor', 'inspection', 'directed'], groupMap: { c1: 'enforcement' }, importOrg: false });
  expect((await api.call('POST', '/admin/representatives/import', { ...csv([libraryCsv()]), token: tonghe.admin })).status).toBe(201);
});
afterAll(() => stack.close());

describe('a 通河 hearing (听证评议) with a blank item', () => {
  const sheets = new Map<string, string>(); // member → hearing token
  let members: string[];

  it('draws three representatives and opens a hearing for 户政科 and 出入境管理科', async () => {
    const values = { 县纠风办: 'jf-2026-aa', 公证员: 'gz-2026-bb' };
    const strata = [{ id: 'public', weight: 1 }, { id: 'deputies', weight: 1 }, { id: 'retired', weight: 1 }];
    const c = await api.post('/admin/rounds/th/draws', { id: 'hd', label: '听证会评议代表', n: 3, strata, commitments: Object.entries(values).map(([party, v]) => ({ party, commitment: commitmentOf(v) })) }, tonghe.admin);
    expect(c.status).toBe(201);
    const d = await api.post('/admin/draws/hd/reveal', { reveals: Object.entries(values).map(([party, value]) => ({ party, value })) }, tonghe.admin);
    expect(d.body.status).toBe('drawn');
    members = d.body.selection.flatMap((s: { ids: string[] }) => s.ids);
    const h = await api.post('/admin/rounds/th/hearings', { id: 'h1', name: '执法监督组听证会', drawId: 'hd', targetIds: ['s11', 's12'], expiresAt: new Date(Date.now() + 86400_000).toISOString() }, tonghe.admin);
    expect(h.status).toBe(201);
    expect(h.body).toMatchObject({ representatives: 3, targetIds: ['s11', 's12'] });
    for (const m of await outbox(stack)) sheets.set(m.memberId, tokenOf(m.page));
    expect([...sheets.keys()].sort()).toEqual([...members].sort());
    const landing = await api.get(`/landing/${encodeURIComponent(sheets.get(members[0]!)!)}`);
    expect(landing.body.channel).toBe('hearing');
    expect(Object.keys(landing.body.rounds[0].forms)).toEqual(['hearing']);
  });

  it('refuses a second hearing for a unit already in one', async () => {
    await unchanged(async () => {
      const r = await api.post('/admin/rounds/th/hearings', { id: 'h2', name: '重复', drawId: 'hd', targetIds: ['s12'], expiresAt: new Date(Date.now() + 86400_000).toISOString() }, tonghe.admin);
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('TARGET_IN_OTHER_HEARING');
    });
  });

  it('counts each representative’s sheet once; a blank item counts as 一般', async () => {
    const all = (v: string) => ({ openness: v, lawful: v, service: v, integrity: v, institutions: v });
    const [a, b, c] = members.map((m) => sheets.get(m)!);
    expect((await api.post('/ballots', ballot(a!, { targetId: 's11', answers: all('good') }))).status).toBe(201); // 100
    // 好 × 3 + 一般 + 制度建设 left blank (= 一般): 60 + 10 + 10 = 80
    expect((await api.post('/ballots', ballot(b!, { targetId: 's11', answers: { openness: 'good', lawful: 'good', service: 'good', integrity: 'fair' } }))).status).toBe(201);
    expect((await api.post('/ballots', ballot(c!, { targetId: 's11', answers: all('poor') }))).status).toBe(201); // 25
    expect((await api.post('/ballots', ballot(a!, { targetId: 's12', answers: all('fairly_good') }))).status).toBe(201); // 75
    const again = await api.post('/ballots', ballot(a!, { targetId: 's11', answers: all('poor') }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVITATION_USED');
    const outside = await api.post('/ballots', ballot(a!, { targetId: 's21', answers: all('good') }));
    expect(outside.status).toBe(422);
  });

  it('shows the chair a live tally with the scheme’s hearing score', async () => {
    const r = await api.get('/rounds/th/hearings/h1/tally', tonghe.admin);
    expect(r.status).toBe(200);
    const [s11, s12] = r.body.targets;
    expect(s11).toMatchObject({ targetId: 's11', targetName: '户政科', sheets: 3, expected: 3 });
    expect(s11.answers.institutions).toEqual({ good: 1, fair: 1, poor: 1 });
    expect(s11.score).toBeCloseTo((100 + 80 + 25) / 3, 9);
    expect(s12).toMatchObject({ sheets: 1, score: 75 });
    const rate = await api.get('/rounds/th/return-rate?channel=hearing', tonghe.admin);
    expect(rate.body).toMatchObject({ invited: 6, answered: 4 });
  });

  it('imports the telephone survey: bad rows import nothing, a re-import counts nothing twice', async () => {
    await unchanged(async () => {
      const r = await api.call('POST', '/admin/rounds/th/phone-survey', { ...csv(['callId,targetId,overall', 'c1,s11,satisfied', 'c2,s99,satisfied', 'c3,s11,happy', 'c1,s11,satisfied']), token: tonghe.admin });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('CSV_INVALID');
      expect(r.body.error.details.errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).toEqual(['3:targetId', '4:overall', '5:callId']);
    });
    const good = csv(['callId,targetId,overall', 'c1,s11,satisfied', 'c2,s11,satisfied', 'c3,s11,unsatisfied', 'c4,s11,satisfied']);
    expect((await api.call('POST', '/admin/rounds/th/phone-survey', { ...good, token: tonghe.admin })).body).toEqual({ rows: 4, accepted: 4, replayed: 0 });
    expect((await api.call('POST', '/admin/rounds/th/phone-survey', { ...good, token: tonghe.admin })).body).toEqual({ rows: 4, accepted: 0, replayed: 4 });
    await unchanged(async () => {
      const changed = await api.call('POST', '/admin/rounds/th/phone-survey', { ...csv(['callId,targetId,overall', 'c5,s11,satisfied', 'c3,s11,satisfied']), token: tonghe.admin });
      expect(changed.status).toBe(400);
      expect(changed.body.error.details.errors).toEqual([{ line: 3, field: 'callId', message: '该通话此前已导入且答案不同' }]);
    });
  });

  it('feeds the hearing component and the total: 75 × 40% + 80 × 20% + 68.33 × 20% + 90 × 20%', async () => {
    const inputs = ['s11', 's12', 's21'].map((targetId) => ({ targetId, inputs: { style_year: 80, work: 90 } }));
    expect((await api.post('/admin/rounds/th/target-inputs', { targets: inputs }, tonghe.admin)).status).toBe(200);
    // tonghe-2011.txt: the hearing score divides by the representatives present (3 came for s11).
    const present = await api.call('PATCH', '/admin/rounds/th/target-inputs/s11', { body: { set: { 'present.hearing': 3 } }, token: tonghe.admin });
    expect(present.status).toBe(200);
    const r = await api.get('/rounds/th/results', tonghe.admin);
    expect(r.status).toBe(200);
    const s11 = r.body.targets.find((t: { targetId: string }) => t.targetId === 's11');
    expect(s11.components.survey.value).toBe(75);
    expect(s11.components.hearing.value).toBeCloseTo(205 / 3, 9);
    expect(s11.total).toBeCloseTo(30 + 16 + 205 / 15 + 18, 9);
    const report = await recount(stack.deps, 'th');
    expect(report).toMatchObject({ ballots: 8, tallied: 8, mismatches: [] });
  });
});

describe('效能办 monitor points, inspections and the composite', () => {
  const sheet = (kind: string, answers: Record<string, string>, extra: Record<string, unknown> = {}) => ({ clientBallotId: randomUUID(), roundId: 'eo', targetId: 's11', kind, answers, ...extra });

  it('files instant and monthly sheets from monitor accounts, one per account, section and period', async () => {
    const mp1 = await api.login('monitor-point-1', 'monitor');
    const mp2 = await api.login('monitor-point-2', 'monitor');
    const first = sheet('instant', { instant: 'excellent' });
    expect((await api.post('/sheets', first, mp1)).status).toBe(201);
    expect((await api.post('/sheets', first, mp1)).status).toBe(200); // retry → same receipt
    await unchanged(async () => {
      const twice = await api.post('/sheets', sheet('instant', { instant: 'bad' }), mp1);
      expect(twice.status).toBe(409);
      expect(twice.body.error.code).toBe('DUPLICATE_BALLOT');
      const mixed = await api.post('/sheets', sheet('instant', { instant: 'good', monthly: 'good' }), mp2);
      expect(mixed.status).toBe(422);
      expect(mixed.body.error.code).toBe('ANSWERS_INVALID');
      const noMonth = await api.post('/sheets', sheet('monthly', { monthly: 'good' }), mp1);
      expect(noMonth.body.error.code).toBe('VALIDATION_FAILED');
      const inspectorOnly = await api.post('/sheets', sheet('inspection', { grade: 'good' }, { visitedOn: '2026-11-20' }), mp1);
      expect(inspectorOnly.status).toBe(403);
      expect(inspectorOnly.body.error.code).toBe('SHEET_KIND_NOT_ALLOWED');
      expect((await api.post('/sheets', sheet('instant', { instant: 'good' }), await api.login('someone'))).status).toBe(403);
    });
    expect((await api.post('/sheets', sheet('instant', { instant: 'good' }), mp2)).status).toBe(201);
    expect((await api.post('/sheets', sheet('monthly', { monthly: 'good' }, { month: '2026-11' }), mp1)).status).toBe(201);
    const again = await api.post('/sheets', sheet('monthly', { monthly: 'excellent' }, { month: '2026-11' }), mp1);
    expect(again.status).toBe(409);
  });

  it('files an inspection record with notes and evidence references, kept on the immutable ballot', async () => {
    const inspector = await api.login('inspector-1', 'inspector');
    const r = await api.post('/sheets', sheet('inspection', { grade: 'fair' }, { visitedOn: '2026-11-20', notes: '暗访：窗口人员离岗15分钟，群众等候。', evidence: [{ kind: 'photo', ref: 'oss://evidence/2026/11/20/a1.jpg' }] }), inspector);
    expect(r.status).toBe(201);
    expect(r.body.receipt.channel).toBe('inspection');
    const scan = await stack.db.send(new ScanCommand({ TableName: stack.tableName }));
    const stored = scan.Items!.find((i) => i.entity === 'ballot' && i.channel === 'inspection')!;
    expect(stored.sheet).toEqual({ kind: 'inspection', visitedOn: '2026-11-20', notes: '暗访：窗口人员离岗15分钟，群众等候。', evidence: [{ kind: 'photo', ref: 'oss://evidence/2026/11/20/a1.jpg' }] });
    expect(JSON.stringify(stored)).not.toContain('inspector-1');
  });

  it('feeds the composite: 20% instant + 20% monthly + 10% inspection + 50% concentrated, by hand', async () => {
    expect((await api.post('/ballots', ballot(efficiency.invitations[0]!.token, { targetId: 's11', answers: { grade: 'excellent' } }))).status).toBe(201);
    const r = await api.get('/rounds/eo/results', efficiency.admin);
    expect(r.status).toBe(200);
    const s11 = r.body.targets.find((t: { targetId: string }) => t.targetId === 's11');
    // instant (90 + 75) ÷ (2 × 90) = 0.9167; monthly 75 ÷ 90 = 0.8333; inspection 60 ÷ 90 = 0.6667; concentrated 90 ÷ 90 = 1
    expect(s11.components.monitor_instant.value).toBeCloseTo(165 / 180, 9);
    expect(s11.components.monitor_monthly.value).toBeCloseTo(75 / 90, 9);
    expect(s11.components.inspection.value).toBeCloseTo(60 / 90, 9);
    expect(s11.components.concentrated.value).toBe(1);
    const composite = 0.2 * (165 / 180) + 0.2 * (75 / 90) + 0.1 * (60 / 90) + 0.5 * 1; // 0.91667
    expect(s11.components.composite.value).toBeCloseTo(composite, 9);
    expect(s11.total).toBeCloseTo(composite * 80 + 20, 9); // 93.33, no rectification records
    expect((await recount(stack.deps, 'eo')).mismatches).toEqual([]);
  });
});
