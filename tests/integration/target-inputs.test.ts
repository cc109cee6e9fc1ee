import { commitmentOf } from '@shared/draw';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { tableDigest } from '../support/snapshot';
import { libraryCsv, outbox, tokenOf } from '../support/panel';

/**
 * The office's per-target inputs (issue 14 item 4), through HTTP on DynamoDB Local. Two rounds
 * on the small county (fixtures.ts: s11 户政科, s12 出入境管理科, s21 基础教育科):
 * - `gq` on the 甘泉 scheme (window + 评议会), ballots by QR;
 * - `th` on the 通河 scheme with the county's only category mapped to 社会服务组, where the
 *   phone survey and the hearing sheets arrive as imported tallies.
 */
let stack: TestStack;
let api: ApiClient;
let gq: SmallCounty;
let th: SmallCounty;
let supervisor: string;
let voter = 0;

const unchanged = async (action: () => Promise<unknown>) => {
  const before = await tableDigest(stack.db, stack.tableName);
  await action();
  expect(await tableDigest(stack.db, stack.tableName)).toEqual(before);
};
const byId = (body: { targets: Array<{ targetId: string }> }) => Object.fromEntries(body.targets.map((t) => [t.targetId, t as any]));
const vote = async (window: string, overall: string) => expect((await api.post('/ballots', ballot(gq.windowTokens[window]!, { answers: { overall } }), await api.login(`citizen-${voter++}`))).status).toBe(201);
const patch = (round: string, targetId: string, body: unknown) => api.call('PATCH', `/admin/rounds/${round}/target-inputs/${targetId}`, { body, token: supervisor });
const bulk = (round: string, body: unknown) => api.call('PATCH', `/admin/rounds/${round}/target-inputs`, { body, token: supervisor });
const tally = (ballots: number, answers: Record<string, Record<string, number>>) => ({ ballots, answers });
/** n 通河 hearing sheets marking every 评议内容 好 (20 points × 5 = 100 each). */
const allGood = (n: number) => tally(n, Object.fromEntries(['openness', 'lawful', 'service', 'integrity', 'institutions'].map((i) => [i, { good: n }])));

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  gq = await seedSmallCounty(api, { roundId: 'gq', schemeId: 'ganquan', channels: ['window', 'hearing'] });
  th = await seedSmallCounty(api, { roundId: 'th', schemeId: 'tonghe', channels: ['phone', 'hearing'], groupMap: { c1: 'service' }, importOrg: false });
  supervisor = await api.login('jiwei-inputs', 'supervisor');
  // 甘泉 window forms: s11 3 satisfied; s12 1 satisfied, 1 not; s21 1 satisfied.
  for (const o of ['satisfied', 'satisfied', 'satisfied']) await vote('w111', o);
  for (const o of ['satisfied', 'unsatisfied']) await vote('w121', o);
  await vote('w211', 'satisfied');
});
afterAll(() => stack.close());

describe('甘泉: inputs set field by field', () => {
  it('keeps 服务人次 when misconduct is entered afterwards (it used to replace the record and break the round)', async () => {
    expect((await api.post('/admin/rounds/gq/target-inputs', { targets: [{ targetId: 's11', served: 5 }, { targetId: 's12', served: 4 }, { targetId: 's21', served: 2 }] }, supervisor)).status).toBe(200);
    expect((await api.post('/admin/rounds/gq/target-inputs', { targets: [{ targetId: 's11', misconduct: 1 }] }, supervisor)).status).toBe(200);
    const r = await api.get('/rounds/gq/results', supervisor);
    expect(r.status).toBe(200);
    const t = byId(r.body);
    // 回收率 = 回收 ÷ 办事人数 (ganquan-2014.txt: "测评表回收率不足60%的视为“不满意”等次"): 3 ÷ 5 = 60 %.
    expect(t.s11.components.return_rate.value).toBe(0.6);
    expect(t.s11.misconduct).toBe(1);
    // "发现被测评单位及其相关人员有违纪违法行为的,移交纪检监察或司法机关调查处理"
    expect(t.s11.consequences.map((c: { ruleId: string }) => c.ruleId)).toContain('ganquan-misconduct');
    expect(t.s11.missing).toBeUndefined();
  });

  it('refuses 服务人次 below the forms already returned, naming the unit and the field, and stores nothing', async () => {
    await unchanged(async () => {
      const r = await patch('gq', 's11', { set: { served: 2 } });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('SERVED_BELOW_RETURNED');
      expect(r.body.error.details.problems[0]).toMatchObject({ targetId: 's11', field: 'served', code: 'SERVED_BELOW_RETURNED' });
      expect(r.body.error.details.message).toBe('户政科（s11）：服务人次 2 少于已回收的 3 份评价表');
    });
  });

  it('flags a unit whose later forms push returned above served, and still scores the round', async () => {
    // s21: 2 served, 1 returned; two more forms come back → 3 returned.
    await vote('w211', 'satisfied');
    await vote('w211', 'unsatisfied');
    const r = await api.get('/rounds/gq/results', supervisor);
    expect(r.status).toBe(200);
    const t = byId(r.body);
    expect(t.s21.flags.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining(['served_below_returned', 'inputs_pending']));
    expect(t.s21.missing).toEqual([{ field: 'served', label: '服务人次（2）少于已回收的 3 份', reason: 'served_below_returned' }]);
    expect(t.s21.components.return_rate.value).toBeNull();
    // 满意度 = 满意 ÷ 回收 still stands: 2 ÷ 3.
    expect(t.s21.components.satisfaction.value).toBeCloseTo(2 / 3, 9);
    // s11 (3 of 3) and s12 (1 of 2) are ranked as before.
    expect(t.s11.rank).toBe(1);
    expect(t.s12.components.satisfaction.value).toBe(0.5);
  });

  it('lists 待录入 per target in the inputs table', async () => {
    expect((await patch('gq', 's12', { set: { served: null } })).status).toBe(200);
    const table = await api.get('/admin/rounds/gq/target-inputs', supervisor);
    expect(table.status).toBe(200);
    expect(table.body.columns.map((c: { field: string }) => c.field)).toEqual(['served', 'misconduct', 'present.hearing']);
    const t = byId(table.body);
    expect(t.s11.fields).toEqual({ served: 5, misconduct: 1 });
    expect(t.s12.missing).toEqual([{ field: 'served', label: '服务人次' }]);
    const results = await api.get('/rounds/gq/results', supervisor);
    expect(results.status).toBe(200);
    expect(byId(results.body).s12.missing).toEqual([{ field: 'served', label: '服务人次', reason: 'missing' }]);
  });
});

describe('the store: setting A then B equals setting B then A', () => {
  it('gives two targets the same fields when the same two changes land in opposite orders', async () => {
    const a = { misconduct: 2 };
    const b = { 'present.hearing': 3 };
    for (const [targetId, first, second] of [['s12', a, b], ['s21', b, a]] as const) {
      expect((await patch('gq', targetId, { set: first })).status).toBe(200);
      expect((await patch('gq', targetId, { set: second })).status).toBe(200);
    }
    const t = byId((await api.get('/admin/rounds/gq/target-inputs', supervisor)).body);
    const { served: _s, ...s21 } = t.s21.fields;
    expect(t.s12.fields).toEqual({ misconduct: 2, 'present.hearing': 3 });
    expect(s21).toEqual(t.s12.fields);
  });
});

describe('甘泉 评议会: the chair’s live tally', () => {
  it('shows the hearing score (满意 ÷ sheets), not null', async () => {
    const admin = gq.admin;
    expect((await api.call('POST', '/admin/representatives/import', { raw: libraryCsv(), contentType: 'text/csv', token: admin })).status).toBe(201);
    const values = { 县纪委: 'jw-2014-aa', 公证员: 'gz-2014-bb' };
    const draw = await api.post('/admin/rounds/gq/draws', { id: 'gqd', label: '评议会质询团', n: 3, strata: [{ id: 'public', weight: 1 }, { id: 'deputies', weight: 1 }, { id: 'retired', weight: 1 }], commitments: Object.entries(values).map(([party, v]) => ({ party, commitment: commitmentOf(v) })) }, admin);
    expect(draw.status).toBe(201);
    const revealed = await api.post('/admin/draws/gqd/reveal', { reveals: Object.entries(values).map(([party, value]) => ({ party, value })) }, admin);
    const members: string[] = revealed.body.selection.flatMap((s: { ids: string[] }) => s.ids);
    const before = new Set((await outbox(stack)).map((m) => m.memberId));
    const h = await api.post('/admin/rounds/gq/hearings', { id: 'gqh', name: '甘泉县评议会', drawId: 'gqd', targetIds: ['s11', 's12'], expiresAt: new Date(Date.now() + 86400_000).toISOString() }, admin);
    expect(h.status).toBe(201);
    const tokens = new Map((await outbox(stack)).filter((m) => !before.has(m.memberId)).map((m) => [m.memberId, tokenOf(m.page)]));
    const [a, b, c] = members.map((m) => tokens.get(m)!);
    // "对评议对象现场进行评议并公布结果" (ganquan-2014.txt): s11 满意, 满意, 不满意; s12 满意.
    for (const [token, targetId, overall] of [[a, 's11', 'satisfied'], [b, 's11', 'satisfied'], [c, 's11', 'unsatisfied'], [a, 's12', 'satisfied']] as const)
      expect((await api.post('/ballots', ballot(token!, { targetId, answers: { overall } }))).status).toBe(201);
    const r = await api.get('/rounds/gq/hearings/gqh/tally', admin);
    expect(r.status).toBe(200);
    const [s11, s12] = r.body.targets;
    expect(s11).toMatchObject({ targetId: 's11', sheets: 3, expected: 3 });
    expect(s11.score).toBeCloseTo(2 / 3, 9);
    expect(s12).toMatchObject({ sheets: 1, score: 1 });
  });
});

describe('通河 社会服务组: inputs checked at write, merged, audited, locked after publication', () => {
  // Phone survey (满意 of calls) and hearing sheets typed in as imported tallies, 到会 2 each.
  const phone = { s11: tally(4, { overall: { satisfied: 3, unsatisfied: 1 } }), s12: tally(2, { overall: { satisfied: 1, unsatisfied: 1 } }), s21: tally(4, { overall: { satisfied: 4 } }) };

  it('keeps the hearing tallies when 工作考核 is entered afterwards (it used to wipe them)', async () => {
    const rows = (['s11', 's12', 's21'] as const).map((targetId) => ({ targetId, set: { 'channels.phone': phone[targetId], 'channels.hearing': allGood(2), 'present.hearing': 2 } }));
    expect((await bulk('th', { rows })).status).toBe(200);
    const work = await api.post('/admin/rounds/th/target-inputs', { targets: ['s11', 's12', 's21'].map((targetId) => ({ targetId, inputs: { work: 90 } })) }, supervisor);
    expect(work.status).toBe(200);
    const r = await api.get('/rounds/th/results', supervisor);
    expect(r.status).toBe(200);
    const t = byId(r.body);
    // "社会服务组群众满意度测评占评议总分的60%" + 听证 20% + 工作考核 20% (tonghe-2011.txt):
    // s11 75 × 0.6 + 100 × 0.2 + 90 × 0.2 = 83; s12 50 × 0.6 + 20 + 18 = 68; s21 100 × 0.6 + 20 + 18 = 98.
    expect(t.s11.total).toBeCloseTo(83, 9);
    expect(t.s12.total).toBeCloseTo(68, 9);
    expect(t.s21.total).toBeCloseTo(98, 9);
    expect(r.body.groups[0].order).toEqual(['s21', 's11', 's12']);
  });

  it('refuses 政风建设年 for a 社会服务组 unit, out-of-range scores, unknown fields and targets; a bad row stores no row', async () => {
    await unchanged(async () => {
      const style = await patch('th', 's11', { set: { 'inputs.style_year': 80 } });
      expect(style.status).toBe(422);
      expect(style.body.error.code).toBe('INPUT_NOT_APPLICABLE');
      // "社会服务组群众满意度测评占评议总分的60%,采用电话测评方式进行": no 政风建设年 part.
      expect(style.body.error.details.message).toBe('户政科（s11）属于社会服务组，“政风建设年”活动评议分不适用于该组别');
      const high = await patch('th', 's11', { set: { 'inputs.work': 101 } });
      expect(high.body.error.code).toBe('INPUT_OUT_OF_RANGE');
      expect(high.body.error.details.message).toBe('户政科（s11）：工作考核分应为 0–100 之间的数，收到 101');
      const unknown = await patch('th', 's11', { set: { 'inputs.speed': 80 } });
      expect(unknown.body.error.code).toBe('INPUT_FIELD_UNKNOWN');
      const outside = await patch('th', 'w111', { set: { 'inputs.work': 80 } });
      expect(outside.body.error.code).toBe('TARGET_NOT_IN_ROUND');
      const mixed = await bulk('th', { rows: [{ targetId: 's12', set: { 'inputs.work': 70 } }, { targetId: 's21', set: { 'inputs.style_year': 90 } }] });
      expect(mixed.status).toBe(422);
      expect(mixed.body.error.details.problems.map((p: { targetId: string; field: string }) => `${p.targetId}:${p.field}`)).toEqual(['s21:inputs.style_year']);
    });
    expect((await api.get('/rounds/th/results', supervisor)).status).toBe(200);
  });

  it('answers 409 to a clerk whose expected old value is stale, and lets exactly one of two racing clerks win', async () => {
    await unchanged(async () => {
      const stale = await patch('th', 's11', { set: { 'inputs.work': 85 }, expected: { 'inputs.work': 80 } });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('INPUT_CONFLICT');
      expect(stale.body.error.details).toMatchObject({ targetId: 's11', field: 'inputs.work', expected: 80, current: 90 });
    });
    const ok = await patch('th', 's11', { set: { 'inputs.work': 85 }, expected: { 'inputs.work': 90 } });
    expect(ok.status).toBe(200);
    expect(ok.body.changed).toEqual([{ targetId: 's11', field: 'inputs.work', old: 90, new: 85 }]);
    const race = await Promise.all([86, 87].map((v) => patch('th', 's21', { set: { 'inputs.work': v }, expected: { 'inputs.work': 90 } })));
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = race.find((r) => r.status === 200)!.body.changed[0].new;
    // Put s21 back to 90 for the totals below.
    expect((await patch('th', 's21', { set: { 'inputs.work': 90 }, expected: { 'inputs.work': winner } })).status).toBe(200);
  });

  it('clears a field explicitly (null): that unit shows 待录入 and the others are still ranked', async () => {
    expect((await patch('th', 's12', { set: { 'inputs.work': null } })).body.changed).toEqual([{ targetId: 's12', field: 'inputs.work', old: 90, new: null }]);
    const r = await api.get('/rounds/th/results', supervisor);
    expect(r.status).toBe(200);
    const t = byId(r.body);
    expect(t.s12.missing).toEqual([{ field: 'inputs.work', label: '工作考核分', reason: 'missing' }]);
    expect(t.s12.total).toBeNull();
    // s11: 45 + 20 + 85 × 0.2 = 82.
    expect(t.s11.total).toBeCloseTo(82, 9);
    expect(r.body.groups[0].order).toEqual(['s21', 's11']);
  });

  it('writes every change to the round audit log with who, when, old and new', async () => {
    const r = await api.get('/admin/rounds/th/audit', supervisor);
    const work = r.body.entries.filter((e: { action: string; details: { field: string; targetId: string } }) => e.action === 'set_target_input' && e.details.targetId === 's11' && e.details.field === 'inputs.work');
    expect(work.map((e: { details: { old: unknown; new: unknown } }) => [e.details.old, e.details.new])).toEqual([
      [null, 90],
      [90, 85],
    ]);
    expect(work[1].actor).toMatch(/jiwei-inputs/);
    expect(Date.parse(work[1].at)).not.toBeNaN();
  });

  it('lists an imported tally that ballots later duplicate instead of breaking the round; clearing it settles the unit', async () => {
    // One telephone survey call for 基础教育科 arrives as a ballot on the phone channel, where an imported tally already sits.
    const csv = await api.call('POST', '/admin/rounds/th/phone-survey', { raw: 'callId,targetId,overall\nc1,s21,satisfied', contentType: 'text/csv', token: supervisor });
    expect(csv.status).toBe(201);
    const r = await api.get('/rounds/th/results', supervisor);
    expect(r.status).toBe(200);
    const s21 = byId(r.body).s21;
    expect(s21.missing).toEqual([{ field: 'channels.phone', label: '导入的电话测评计数（该渠道已有评价表入账，未计入）', reason: 'invalid' }]);
    expect(s21.flags.map((f: { id: string }) => f.id)).toContain('imported_tally_clash');
    // The ballot counts, not the tally: 1 of 1 满意 = 100.
    expect(s21.components.survey.value).toBe(100);
    expect((await patch('th', 's21', { set: { 'channels.phone': null } })).status).toBe(200);
    expect(byId((await api.get('/rounds/th/results', supervisor)).body).s21.missing).toBeUndefined();
  });

  it('refuses to publish while an input is pending, naming the units and fields', async () => {
    expect((await api.post('/admin/rounds/th/close', undefined, th.admin)).status).toBe(200);
    await unchanged(async () => {
      const r = await api.post('/admin/rounds/th/publish', {}, supervisor);
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('INPUTS_INCOMPLETE');
      expect(r.body.error.details.targets).toEqual([{ targetId: 's12', name: '出入境管理科', missing: [{ field: 'inputs.work', label: '工作考核分' }] }]);
      expect(r.body.error.details.message).toBe('以下单位还有数据待录入或待更正，不能发布：出入境管理科（工作考核分）');
    });
    expect((await patch('th', 's12', { set: { 'inputs.work': 70 } })).status).toBe(200);
    expect((await api.post('/admin/rounds/th/publish', {}, supervisor)).status).toBe(201);
  });

  it('locks inputs once published: a change needs a correction reason and shows publicly only in a correction version', async () => {
    const publicTotal = async () => byId((await api.get('/public/rounds/th/results')).body.snapshot.results).s12.total;
    // s12 published: 50 × 0.6 + 20 + 70 × 0.2 = 64.
    expect(await publicTotal()).toBeCloseTo(64, 9);
    await unchanged(async () => {
      const r = await patch('th', 's12', { set: { 'inputs.work': 75 } });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('INPUTS_LOCKED');
    });
    expect((await patch('th', 's12', { set: { 'inputs.work': 75 }, correctionReason: '工作考核分复核后更正' })).status).toBe(200);
    expect(await publicTotal()).toBeCloseTo(64, 9);
    expect(byId((await api.get('/rounds/th/results', supervisor)).body).s12.total).toBeCloseTo(65, 9);
    const audit = (await api.get('/admin/rounds/th/audit', supervisor)).body.entries.find((e: { action: string }) => e.action === 'correct_target_input');
    expect(audit).toMatchObject({ reason: '工作考核分复核后更正', details: { targetId: 's12', field: 'inputs.work', old: 70, new: 75 } });
    expect((await api.post('/admin/rounds/th/publish', { reason: '工作考核分复核后更正' }, supervisor)).status).toBe(201);
    expect(await publicTotal()).toBeCloseTo(65, 9);
  });
});
