import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { commitmentOf } from '@shared/draw';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, keepPendingFlags, seedSmallCounty, SMALL_COUNTY_CSV } from '../support/fixtures';
import { tableDigest } from '../support/snapshot';
import { libraryCsv, outbox, tokenOf } from '../support/panel';

/**
 * Stored, versioned schemes (issue 16) through HTTP on DynamoDB Local: a county clones a preset,
 * edits it into a new version, and runs rounds on it; every number is computed by hand here.
 *
 *  - 通河 with the city statistics bureau's finished survey score entered in place of the phone
 *    ballots: hearing ballots, inputs, close, publish, public results, Excel, both recounts.
 *  - 甘泉 at 80% instead of 85%: which posts change grade (preview and a real round).
 *  - A round pinned to version 1 keeps scoring by version 1 after version 2 exists.
 */
let stack: TestStack;
let api: ApiClient;
let admin: string;
let supervisor: string;
let voter = 0;
const dir = mkdtempSync(join(tmpdir(), 'stored-schemes-'));

type Target = { targetId: string; rank: number | null; total: number | null; grade?: { id: string; label: string } | null; components: Record<string, { value: number | null }>; consequences: Array<{ ruleId: string }> };
const byId = (targets: Target[]) => Object.fromEntries(targets.map((t) => [t.targetId, t]));
const rules = (t: Target) => t.consequences.map((c) => c.ruleId).sort();
const unchanged = async (action: () => Promise<unknown>) => {
  const before = await tableDigest(stack.db, stack.tableName);
  await action();
  expect(await tableDigest(stack.db, stack.tableName)).toEqual(before);
};
const raw = async (path: string) => {
  const r = await fetch(`${stack.baseUrl}/api${path}`);
  const bytes = Buffer.from(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, bytes, text: bytes.toString('utf8') };
};
const root = resolve(__dirname, '../..');

/** Runs `npx <args>` without blocking this process (whose HTTP server the child may call). */
function runScript(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('npx', args, { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

async function publish(roundId: string): Promise<{ results: { targets: Target[] }; scheme: Record<string, any>; round: { schemeId: string; schemeVersion?: number }; schemeDigest: string }> {
  expect((await api.post(`/admin/rounds/${roundId}/close`, undefined, supervisor)).status).toBe(200);
  await keepPendingFlags(api, roundId, supervisor);
  const p = await api.post(`/admin/rounds/${roundId}/publish`, {}, supervisor);
  expect([p.status, p.body?.error?.code]).toEqual([201, undefined]);
  const r = await api.get(`/public/rounds/${roundId}/results`);
  expect(r.status).toBe(200);
  return r.body.snapshot;
}

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  admin = await api.login('admin-1', 'admin');
  supervisor = await api.login('jiwei-schemes', 'supervisor');
  expect((await api.call('POST', '/admin/nodes/import', { raw: SMALL_COUNTY_CSV, contentType: 'text/csv', token: admin })).status).toBe(201);
  expect((await api.call('POST', '/admin/representatives/import', { raw: libraryCsv(), contentType: 'text/csv', token: admin })).status).toBe(201);
}, 300_000);
afterAll(() => stack.close());

describe('通河 with the statistics bureau’s survey score entered instead of phone ballots', () => {
  let body: Record<string, any>;
  let snapshot: Awaited<ReturnType<typeof publish>>;

  it('clones the preset as version 1 of the county’s own scheme; the preset stays read-only', async () => {
    const c = await api.post('/admin/schemes', { from: { schemeId: 'tonghe' }, schemeId: 'tonghe-2026', name: '通河县2026年群众满意单位评议' }, admin);
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ schemeId: 'tonghe-2026', version: 1, basedOn: { schemeId: 'tonghe', version: 1, preset: true }, author: 'dev:admin-1', preset: false });
    expect(c.body.body).toMatchObject({ id: 'tonghe-2026', name: '通河县2026年群众满意单位评议' });
    body = c.body.body;
    await unchanged(async () => {
      const edit = await api.post('/admin/schemes/tonghe/versions', { basedOnVersion: 1, body }, admin);
      expect([edit.status, edit.body.error.code]).toEqual([409, 'SCHEME_READ_ONLY']);
      const taken = await api.post('/admin/schemes', { from: { schemeId: 'tonghe' }, schemeId: 'tonghe-2026', name: '重复' }, admin);
      expect([taken.status, taken.body.error.code]).toEqual([409, 'ALREADY_EXISTS']);
      expect((await api.post('/admin/schemes', { from: { schemeId: 'tonghe' }, schemeId: 'x2', name: '公众' }, await api.login('someone'))).status).toBe(403);
    });
  });

  it('refuses a body whose weights do not add up, naming the field in Chinese, and saves nothing', async () => {
    const total = body.components.find((c: { id: string }) => c.id === 'total');
    const bad = { ...body, components: body.components.map((c: { id: string }) => (c.id === 'total' ? { ...total, parts: total.parts.map((p: { component: string; weight: number }) => (p.component === 'work' ? { ...p, weight: 0.3 } : p)) } : c)) };
    await unchanged(async () => {
      const r = await api.post('/admin/schemes/tonghe-2026/versions', { basedOnVersion: 1, body: bad }, admin);
      expect([r.status, r.body.error.code]).toEqual([422, 'SCHEME_INVALID']);
      expect(r.body.error.message).toBe('权重合计须为100%，现为110%（评议总成绩权重）');
      expect(r.body.error.details.problems).toEqual([{ path: 'components.total.parts', message: '权重合计须为100%，现为110%（评议总成绩权重）' }]);
    });
    const live = await api.post('/admin/schemes/validate', { body: bad }, admin);
    expect(live.body.problems.map((p: { message: string }) => p.message)).toEqual(['权重合计须为100%，现为110%（评议总成绩权重）']);
  });

  it('saves version 2: the survey becomes an entered score and the phone channel goes', async () => {
    // The default form (the phone question) stays: every scheme keeps one; no channel serves it now.
    body = {
      ...body,
      channels: ['hearing'],
      channelForms: { hearing: 'hearing' },
      components: body.components.map((c: { id: string }) => (c.id === 'survey' ? { kind: 'input', id: 'survey', label: '市统计局群众满意度调查得分', min: 0, max: 100 } : c)),
    };
    const v2 = await api.post('/admin/schemes/tonghe-2026/versions', { basedOnVersion: 1, body, note: '电话测评改由市统计局调查得分录入' }, admin);
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, basedOn: { schemeId: 'tonghe-2026', version: 1 }, note: '电话测评改由市统计局调查得分录入' });
    await unchanged(async () => {
      const stale = await api.post('/admin/schemes/tonghe-2026/versions', { basedOnVersion: 1, body }, admin);
      expect([stale.status, stale.body.error.code, stale.body.error.details.latestVersion]).toEqual([409, 'SCHEME_VERSION_STALE', 2]);
    });
    const diff = await api.get('/admin/schemes/tonghe-2026/diff?from=1&to=2', admin);
    expect(diff.status).toBe(200);
    const paths = diff.body.changes.map((c: { path: string }) => c.path);
    expect(paths).toEqual(expect.arrayContaining(['channels', 'channelForms.phone', 'components.survey.kind', 'components.survey.label']));
    expect(diff.body.changes.find((c: { path: string }) => c.path === 'components.survey.kind')).toMatchObject({ before: 'proportion', after: 'input' });
    const list = await api.get('/admin/schemes', admin);
    expect(list.body.schemes.find((s: { schemeId: string }) => s.schemeId === 'tonghe-2026')).toMatchObject({ latestVersion: 2, preset: false, inUse: false });
  });

  it('runs a round on version 2: three hearing sheets per unit, the survey score and the other inputs entered', async () => {
    await seedSmallCounty(api, { roundId: 'th26', schemeId: 'tonghe-2026', channels: ['hearing'], groupMap: { c1: 'enforcement' }, importOrg: false, targetIds: ['s11', 's12', 's21'] });
    const round = (await api.get('/rounds/th26')).body;
    expect(round.round).toMatchObject({ schemeId: 'tonghe-2026', schemeVersion: 2 });
    const phone = await api.post('/admin/rounds', { id: 'th26p', name: '电话', period: { kind: 'year', label: '2026年', start: '2026-01-01', end: '2026-12-31' }, schemeId: 'tonghe-2026', targetKind: 'section', channels: ['phone'], opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString() }, admin);
    expect([phone.status, phone.body.error.code]).toEqual([422, 'CHANNEL_NOT_ALLOWED']);

    const values = { 县纠风办: 'jf-2026-st', 公证员: 'gz-2026-st' };
    const strata = [{ id: 'public', weight: 1 }, { id: 'deputies', weight: 1 }, { id: 'retired', weight: 1 }];
    expect((await api.post('/admin/rounds/th26/draws', { id: 'hd26', label: '听证会评议代表', n: 3, strata, commitments: Object.entries(values).map(([party, v]) => ({ party, commitment: commitmentOf(v) })) }, admin)).status).toBe(201);
    const drawn = await api.post('/admin/draws/hd26/reveal', { reveals: Object.entries(values).map(([party, value]) => ({ party, value })) }, admin);
    const members: string[] = drawn.body.selection.flatMap((s: { ids: string[] }) => s.ids);
    expect(members).toHaveLength(3);
    const h = await api.post('/admin/rounds/th26/hearings', { id: 'h26', name: '执法监督组听证会', drawId: 'hd26', targetIds: ['s11', 's12', 's21'], expiresAt: new Date(Date.now() + 86400_000).toISOString() }, admin);
    expect(h.status).toBe(201);
    const sheets = new Map((await outbox(stack)).filter((m) => members.includes(m.memberId)).map((m) => [m.memberId, tokenOf(m.page)]));
    const [a, b, c] = members.map((m) => sheets.get(m)!);
    const all = (v: string) => ({ openness: v, lawful: v, service: v, integrity: v, institutions: v });
    // 好 20 / 较好 15 / 一般 10 / 差 5 per item, five items.
    const cast: Array<[string, string, Record<string, string>]> = [
      [a!, 's11', all('good')], // 100
      [b!, 's11', { openness: 'good', lawful: 'good', service: 'good', integrity: 'fair', institutions: 'fair' }], // 80
      [c!, 's11', all('poor')], // 25 → s11 Σ 205
      [a!, 's12', all('fairly_good')], // 75
      [b!, 's12', all('good')], // 100
      [c!, 's12', all('fair')], // 50 → s12 Σ 225
      [a!, 's21', all('good')], // 100
      [b!, 's21', all('good')], // 100
      [c!, 's21', all('fairly_good')], // 75 → s21 Σ 275
    ];
    for (const [token, targetId, answers] of cast) expect((await api.post('/ballots', ballot(token, { targetId, answers }))).status).toBe(201);

    const inputs: Record<string, Record<string, number>> = {
      s11: { survey: 92, style_year: 80, work: 90 },
      s12: { survey: 85, style_year: 80, work: 95 },
      s21: { survey: 70, style_year: 60, work: 80 },
    };
    const set = await api.post('/admin/rounds/th26/target-inputs', { targets: Object.entries(inputs).map(([targetId, i]) => ({ targetId, inputs: i })) }, supervisor);
    expect(set.status).toBe(200);
    const rows = Object.keys(inputs).map((targetId) => ({ targetId, set: { 'present.hearing': 3 } }));
    expect((await api.call('PATCH', '/admin/rounds/th26/target-inputs', { body: { rows }, token: supervisor })).status).toBe(200);
  }, 300_000);

  /*
   * By hand: hearing = Σ sheets ÷ 3 present: s11 205/3 = 68.333, s12 225/3 = 75, s21 275/3 = 91.667.
   * Total = survey × 40% + 政风建设年 × 20% + hearing × 20% + work × 20%:
   *   s11 36.8 + 16 + 13.667 + 18 = 84.467; s12 34 + 16 + 15 + 19 = 84; s21 28 + 12 + 18.333 + 16 = 74.333.
   * Ranks 1, 2, 3; 40% of 3 units, floored, is 1 place: s11 alone is 群众满意单位.
   */
  const check = (targets: Target[]) => {
    const t = byId(targets);
    expect(t.s11!.components.survey!.value).toBe(92);
    expect(t.s11!.components.hearing!.value).toBeCloseTo(205 / 3, 9);
    expect(t.s12!.components.hearing!.value).toBeCloseTo(75, 9);
    expect(t.s21!.components.hearing!.value).toBeCloseTo(275 / 3, 9);
    expect(t.s11!.total).toBeCloseTo(36.8 + 16 + 205 / 15 + 18, 9);
    expect(t.s12!.total).toBeCloseTo(84, 9);
    expect(t.s21!.total).toBeCloseTo(28 + 12 + 275 / 15 + 16, 9);
    expect(['s11', 's12', 's21'].map((id) => t[id]!.rank)).toEqual([1, 2, 3]);
    expect(rules(t.s11!)).toEqual(['tonghe-satisfied-unit']);
    expect(rules(t.s12!)).toEqual([]);
    expect(rules(t.s21!)).toEqual([]);
  };

  it('scores live by version 2', async () => {
    const r = await api.get('/rounds/th26/results', supervisor);
    expect(r.status).toBe(200);
    check(r.body.targets);
  });

  it('publishes the same numbers, embedding version 2 whole in the snapshot', async () => {
    snapshot = await publish('th26');
    check(snapshot.results.targets);
    expect(snapshot.round).toMatchObject({ schemeId: 'tonghe-2026', schemeVersion: 2 });
    expect(snapshot.scheme.components.find((c: { id: string }) => c.id === 'survey')).toMatchObject({ kind: 'input', label: '市统计局群众满意度调查得分' });
    const stored = await api.get('/admin/schemes/tonghe-2026?version=2', admin);
    expect(snapshot.schemeDigest).toBe(stored.body.scheme.digest);
    expect(stored.body.versions.map((v: { version: number; inUse: boolean }) => [v.version, v.inUse])).toEqual([[1, false], [2, true]]);
    const index = await api.get('/public/results');
    expect(index.body.rounds.find((r: { roundId: string }) => r.roundId === 'th26')).toMatchObject({ schemeName: '通河县2026年群众满意单位评议' });
  }, 300_000);

  it('exports the published table to Excel', async () => {
    const r = await raw('/public/rounds/th26/results.xlsx');
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('评议结果')!;
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    const rows = [4, 5, 6].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    const col = (name: string) => header.indexOf(name);
    expect(rows.map((row) => [row[col('名次')], row[col('编号')]])).toEqual([[1, 's11'], [2, 's12'], [3, 's21']]);
    expect(rows[0]![col('得分')]).toBeCloseTo(36.8 + 16 + 205 / 15 + 18, 6);
    expect(rows[1]![col('得分')]).toBeCloseTo(84, 6);
    expect(rows[0]![col('处理措施')]).toBe('群众满意单位');
  });

  it('recounts from the store (npm run recount -- --round)', () => {
    const r = spawnSync('npx', ['tsx', 'scripts/recount.ts', '--round', 'th26'], { cwd: root, env: { ...process.env, DYNAMODB_ENDPOINT: process.env.DDB_TEST_ENDPOINT, TABLE_NAME: stack.tableName }, encoding: 'utf8' });
    expect(r.stderr.split('\n').filter((l) => /Error|MISMATCH/.test(l))).toEqual([]);
    expect(r.stdout).toContain('OK: 9 ballots');
    expect(r.status).toBe(0);
  }, 120_000);

  it('recounts offline from the public log and the snapshot alone, with the scheme the snapshot embeds', async () => {
    const log = await raw('/public/rounds/th26/ballots.jsonl');
    expect(log.status).toBe(200);
    const logFile = join(dir, 'th26.jsonl');
    const snapFile = join(dir, 'th26-snapshot.json');
    writeFileSync(logFile, log.text);
    writeFileSync(snapFile, (await raw('/public/rounds/th26/snapshot.json')).text);
    // No store and no preset: tonghe-2026 exists nowhere but in the snapshot.
    const r = await runScript(['tsx', 'scripts/recount.ts', '--log', logFile, '--snapshot', snapFile], { ...process.env, DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', TABLE_NAME: 'none' });
    expect(r.stderr.split('\n').filter((l) => /Error|MISMATCH/.test(l))).toEqual([]);
    expect(r.stdout).toContain('OK: 9 ballots');
    expect(r.status).toBe(0);
  }, 120_000);
});

describe('甘泉 at 80% instead of 85%, and a round pinned to version 1', () => {
  const vote = async (scene: string, overall: string) => expect((await api.post('/ballots', ballot(scene, { answers: { overall } }), await api.login(`citizen-gq-${voter++}`))).status).toBe(201);
  /** 户政科 s11 9 of 10 satisfied (90%); 出入境管理科 s12 8 of 10 (80%); 基础教育科 s21 7 of 10 (70%). */
  async function votes(roundId: string) {
    const w111 = (await api.post('/admin/windows/w111/qr', undefined, admin)).body.scene as string;
    const w121 = (await api.post('/admin/windows/w121/qr', undefined, admin)).body.scene as string;
    const w211 = (await api.post('/admin/windows/w211/qr', undefined, admin)).body.scene as string;
    for (let i = 0; i < 10; i++) await vote(w111, i < 9 ? 'satisfied' : 'unsatisfied');
    for (let i = 0; i < 10; i++) await vote(w121, i < 8 ? 'satisfied' : 'unsatisfied');
    for (let i = 0; i < 10; i++) await vote(w211, i < 7 ? 'satisfied' : 'unsatisfied');
    const rows = ['s11', 's12', 's21'].map((targetId) => ({ targetId, set: { served: 10 } }));
    expect((await api.call('PATCH', `/admin/rounds/${roundId}/target-inputs`, { body: { rows }, token: supervisor })).status).toBe(200);
  }
  let v2body: Record<string, any>;

  it('clones 甘泉 and pins a round to its version 1 (85%, the preset’s rules)', async () => {
    expect((await api.post('/admin/schemes', { from: { schemeId: 'ganquan' }, schemeId: 'ganquan-county', name: '甘泉县窗口单位满意度测评（本县）' }, admin)).status).toBe(201);
    await seedSmallCounty(api, { roundId: 'gq1', schemeId: 'ganquan-county', channels: ['window'], importOrg: false, targetIds: ['s11', 's12', 's21'], period: { kind: 'quarter', label: '2026年第三季度', start: '2026-07-01', end: '2026-09-30' } });
    expect((await api.get('/rounds/gq1')).body.round.schemeVersion).toBe(1);
  }, 120_000);

  it('saves version 2 with the 满意 band at 80%; the diff names the band in Chinese', async () => {
    const v1 = (await api.get('/admin/schemes/ganquan-county', admin)).body.scheme.body;
    v2body = { ...v1, grades: { ...v1.grades, bands: v1.grades.bands.map((b: { id: string }) => (b.id === 'satisfied' ? { ...b, min: 0.8 } : b)) } };
    const v2 = await api.post('/admin/schemes/ganquan-county/versions', { basedOnVersion: 1, body: v2body, note: '满意等次下限改为80%' }, admin);
    expect([v2.status, v2.body.version]).toEqual([201, 2]);
    const diff = await api.get('/admin/schemes/ganquan-county/diff', admin);
    expect(diff.body).toMatchObject({ from: { version: 1 }, to: { version: 2 } });
    expect(diff.body.changes).toEqual([{ path: 'grades.bands.satisfied.min', label: expect.stringContaining('满意'), before: 0.85, after: 0.8 }]);
    // Against the preset it came from: the same one change.
    const fromPreset = await api.get('/admin/schemes/ganquan-county/diff?fromScheme=ganquan', admin);
    expect(fromPreset.body.changes.map((c: { path: string }) => c.path)).toEqual(['grades.bands.satisfied.min']);
  });

  /*
   * 满意度 = 满意 ÷ 回收: s11 90%, s12 80%, s21 70%; 回收率 100% each. At 85% (version 1) only s11
   * is 满意; s12 and s21 are 不满意 (不得评为优秀). s21 is below 75% and last: 不得评优 and 问责.
   * At 80% (version 2) s12 becomes 满意 and its 不得评为优秀 goes; 通报表扬 still needs above 85%.
   */
  const at85 = (targets: Target[]) => {
    const t = byId(targets);
    expect(['s11', 's12', 's21'].map((id) => t[id]!.grade?.label)).toEqual(['满意', '不满意', '不满意']);
    expect(rules(t.s12!)).toEqual(['ganquan-not-excellent']);
  };

  it('the round pinned to version 1 keeps scoring by version 1 after version 2 exists, live and published', async () => {
    await votes('gq1');
    const live = await api.get('/rounds/gq1/results', supervisor);
    at85(live.body.targets);
    expect(rules(byId(live.body.targets).s21!)).toEqual(['ganquan-leader-accountability', 'ganquan-no-awards', 'ganquan-not-excellent']);
    const snapshot = await publish('gq1');
    at85(snapshot.results.targets);
    expect(snapshot.round.schemeVersion).toBe(1);
    expect(snapshot.scheme.grades.bands[0].min).toBe(0.85);
  }, 300_000);

  it('previews version 2 against the published round: s12 changes grade and loses 不得评为优秀', async () => {
    const p = await api.post('/admin/schemes/preview', { body: v2body, programmeId: (await api.get('/rounds/gq1')).body.round.programmeId }, admin);
    expect(p.status).toBe(200);
    expect(p.body.source).toMatchObject({ kind: 'published', roundId: 'gq1', version: 1 });
    expect(p.body.gradeChanges).toEqual([{ targetId: 's12', from: 'unsatisfied', to: 'satisfied' }]);
    expect(p.body.consequencesVanish).toEqual([{ targetId: 's12', ruleId: 'ganquan-not-excellent', label: '不得评为优秀' }]);
    expect(p.body.consequencesAppear).toEqual([]);
    expect(p.body.rankMoves).toEqual([]);
  });

  it('a new round takes version 2: the same ballots grade s12 满意', async () => {
    await seedSmallCounty(api, { roundId: 'gq2', schemeId: 'ganquan-county', channels: ['window'], importOrg: false, targetIds: ['s11', 's12', 's21'] });
    expect((await api.get('/rounds/gq2')).body.round.schemeVersion).toBe(2);
    await votes('gq2');
    const snapshot = await publish('gq2');
    const t = byId(snapshot.results.targets);
    expect(['s11', 's12', 's21'].map((id) => t[id]!.grade?.label)).toEqual(['满意', '满意', '不满意']);
    expect(rules(t.s12!)).toEqual([]);
    expect(rules(t.s11!)).toEqual(['ganquan-praise']);
    expect(snapshot.round.schemeVersion).toBe(2);
    // And gq1 still reads version 1 after gq2 was published.
    at85((await api.get('/rounds/gq1/results', supervisor)).body.targets);
  }, 300_000);
});
