import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { getSchemePreset } from '@shared/schemes';
import { Scheme, scoreRound } from '@shared/scoring';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { tableDigest } from '../support/snapshot';
import { parseBallotLog } from '@shared/publication/ballot-log';
import { commentLexiconStamp } from '@shared/publication/comment-categories';
import { recountFromLog } from '@shared/publication/log-recount';
import { Snapshot } from '@shared/publication/snapshot';
import { ACTION_KINDS } from '@shared/scoring/action-kinds';

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let supervisor: string;
const receipts: Record<string, string[]> = {};

/**
 * s21's ten ballots in order (seven satisfied, three not): praise, negated complaints, complaints
 * from satisfied citizens too; the last one is voided below, so its 吃拿卡要 is never named.
 * Counted: 服务态度 3 (#3, #7, #8), 办事效率 2 (#2, #7), 推诿扯皮 1 (#8).
 */
const S21_COMMENTS = ['态度很好，效率高', '没有推诿扯皮，点赞', '总体满意，就是排队太久', '满意，但窗口人员态度不好', undefined, undefined, undefined, '工作人员态度差，排队太久', '态度冷漠，推来推去', '态度恶劣，吃拿卡要'];

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const raw = async (path: string) => {
  const r = await fetch(`${stack.baseUrl}/api${path}`);
  return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
};

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { schemeId: 'ganquan', channels: ['window'] });
  supervisor = await api.login('jiwei-1', 'supervisor');
  // 甘泉: s11 9 of 10 satisfied (90%), s12 4 of 5 (80%), s21 7 of 10 (70%).
  const votes: Array<[string, string, number, number]> = [
    ['s11', 'w111', 9, 1],
    ['s12', 'w121', 4, 1],
    ['s21', 'w211', 7, 3],
  ];
  let n = 0;
  for (const [section, w, yes, no] of votes) {
    receipts[section] = [];
    for (const [i, overall] of [...Array(yes).fill('satisfied'), ...Array(no).fill('unsatisfied')].entries()) {
      const comment = section === 's21' ? S21_COMMENTS[i] : overall === 'unsatisfied' ? '办事排队太久' : undefined;
      const r = await api.post('/ballots', ballot(county.windowTokens[w]!, { answers: { overall }, ...(comment ? { comment } : {}) }), await api.login(`citizen-${n++}`));
      expect(r.status).toBe(201);
      receipts[section]!.push(r.body.receipt.receiptId);
    }
  }
  expect((await api.post(`/admin/rounds/${county.roundId}/target-inputs`, { targets: [{ targetId: 's11', served: 12 }, { targetId: 's12', served: 6 }, { targetId: 's21', served: 12 }] }, supervisor)).status).toBe(200);
});
afterAll(() => stack.close());

describe('close → review → publish', () => {
  it('refuses review actions while the round is open, and the public page has nothing yet', async () => {
    const v = await api.post(`/admin/rounds/${county.roundId}/ballots/${receipts.s11![0]}/void`, { reason: '重复提交' }, supervisor);
    expect([v.status, v.body.error.code]).toEqual([409, 'REVIEW_CLOSED_ROUND_ONLY']);
    const p = await api.get(`/public/rounds/${county.roundId}/results`);
    expect([p.status, p.body.error.code]).toEqual([404, 'PUBLICATION_NOT_FOUND']);
  });

  it('closes the round; voiding a flagged ballot needs a reason and bad input changes nothing', async () => {
    expect((await api.post(`/admin/rounds/${county.roundId}/close`, undefined, supervisor)).status).toBe(200);
    const before = await tableDigest(stack.db, stack.tableName);
    for (const body of [{}, { reason: '' }, { reason: 'x'.repeat(501) }, { reason: '刷票', extra: 1 }]) {
      const r = await api.post(`/admin/rounds/${county.roundId}/ballots/${receipts.s11![0]}/void`, body, supervisor);
      expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const unknown = await api.post(`/admin/rounds/${county.roundId}/ballots/NOSUCHRECEIPT/void`, { reason: '刷票嫌疑' }, supervisor);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'BALLOT_NOT_FOUND']);
    const staff = await api.post(`/admin/rounds/${county.roundId}/ballots/${receipts.s11![0]}/void`, { reason: '刷票嫌疑' }, await api.login('keyuan', 'staff', 'u1'));
    expect(staff.status).toBe(403);
    expect(await tableDigest(stack.db, stack.tableName)).toEqual(before);
  });

  it('voids a ballot by receipt: results drop it, the ballot stays, the recount still matches', async () => {
    // One of s21's "unsatisfied" ballots was cast by the section's own staff member (flagged).
    const flagged = receipts.s21![9]!;
    const r = await api.post(`/admin/rounds/${county.roundId}/ballots/${flagged}/void`, { reason: '经核实为本科室工作人员自评' }, supervisor);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ targetId: 's21', channel: 'window', reason: '经核实为本科室工作人员自评', voidedBy: expect.any(String) });
    const again = await api.post(`/admin/rounds/${county.roundId}/ballots/${flagged}/void`, { reason: '再次作废' }, supervisor);
    expect([again.status, again.body.error.code]).toEqual([409, 'BALLOT_ALREADY_VOIDED']);

    const results = await api.get(`/rounds/${county.roundId}/results`, supervisor);
    const s21 = results.body.targets.find((t: { targetId: string }) => t.targetId === 's21');
    expect(s21.components.satisfaction.value).toBeCloseTo(7 / 9, 9);
    const ballots = await api.get(`/admin/rounds/${county.roundId}/ballots?targetId=s21`, supervisor);
    expect(ballots.body.ballots).toHaveLength(10);
    expect(ballots.body.ballots.filter((b: { voided: boolean }) => b.voided).map((b: { receiptId: string }) => b.receiptId)).toEqual([flagged]);
    expect(ballots.body.ballots[0].evaluator).toBeUndefined();

    const recount = await api.post(`/admin/rounds/${county.roundId}/recount`, undefined, supervisor);
    expect(recount.body).toMatchObject({ ballots: 25, tallied: 25, mismatches: [], voided: 1, voidMismatches: [] });
  });

  it('records verified misconduct with a reason; the audit log keeps both actions', async () => {
    const bad = await api.post(`/admin/rounds/${county.roundId}/misconduct`, { targetId: 'w111', reason: '吃拿卡要，经纪委查实' }, supervisor);
    expect([bad.status, bad.body.error.code]).toEqual([422, 'TARGET_NOT_IN_ROUND']);
    const r = await api.post(`/admin/rounds/${county.roundId}/misconduct`, { targetId: 's12', reason: '窗口人员索要好处费，经纪委查实', reference: '纪查〔2026〕12号' }, supervisor);
    expect(r.status).toBe(201);
    const results = await api.get(`/rounds/${county.roundId}/results`, supervisor);
    const s12 = results.body.targets.find((t: { targetId: string }) => t.targetId === 's12');
    expect(s12.misconduct).toBe(1);
    expect(s12.consequences.map((c: { ruleId: string }) => c.ruleId)).toContain('ganquan-misconduct');
    const audit = await api.get(`/admin/rounds/${county.roundId}/audit`, supervisor);
    expect(audit.body.entries.map((e: { action: string; reason: string }) => [e.action, e.reason])).toEqual([
      // The three 服务人次 entered before the round closed, one line each (target-inputs.test.ts).
      ...Array(3).fill(['set_target_input', '录入']),
      ['void_ballot', '经核实为本科室工作人员自评'],
      ['record_misconduct', '窗口人员索要好处费，经纪委查实'],
    ]);
  });

  let v1: { version: number; hash: string };
  it('publishes an immutable snapshot whose hash is stable across re-reads and reproducible by anyone', async () => {
    const r = await api.post(`/admin/rounds/${county.roundId}/publish`, {}, supervisor);
    expect(r.status).toBe(201);
    v1 = r.body;
    expect(v1.version).toBe(1);
    expect(v1.hash).toMatch(/^[0-9a-f]{64}$/);
    const round = await api.get(`/rounds/${county.roundId}`);
    expect(round.body.round.status).toBe('published');

    const first = await raw(`/public/rounds/${county.roundId}/snapshot.json`);
    const second = await raw(`/public/rounds/${county.roundId}/snapshot.json`);
    expect(first.status).toBe(200);
    expect(first.bytes.equals(second.bytes)).toBe(true);
    expect(sha256(first.bytes)).toBe(v1.hash);

    const pub = await api.get(`/public/rounds/${county.roundId}/results`);
    expect(pub.status).toBe(200);
    expect(pub.body.hash).toBe(v1.hash);
    // The snapshot's facts re-scored offline give the published results exactly.
    const scheme = Scheme.parse(getSchemePreset('ganquan'));
    expect(scoreRound(scheme, pub.body.snapshot.facts)).toEqual(pub.body.snapshot.results);
    expect(pub.body.snapshot.voided.map((v: { reason: string }) => v.reason)).toEqual(['经核实为本科室工作人员自评']);
    const order = pub.body.snapshot.results.groups[0].order;
    expect(order).toEqual(['s11', 's12', 's21']);
    // The worst place names its main problems from the indicator counts and the comments of the
    // nine ballots counted, most frequent first (a tie puts the indicator first).
    expect(pub.body.snapshot.mainProblems.s21).toEqual([
      { item: 'comment', value: 'attitude', label: '群众意见：服务态度', count: 3, share: 3 / 9, source: 'comment' },
      expect.objectContaining({ item: 'overall', value: 'unsatisfied', count: 2, source: 'indicator' }),
      { item: 'comment', value: 'efficiency', label: '群众意见：办事效率', count: 2, share: 2 / 9, source: 'comment' },
    ]);
    expect(pub.body.snapshot.commentLexicon).toEqual(commentLexiconStamp());
    expect(pub.body.consequences.map((c: { targetId: string; ruleId: string }) => `${c.targetId}:${c.ruleId}`)).toEqual(
      expect.arrayContaining(['s11:ganquan-praise', 's21:ganquan-no-awards', 's12:ganquan-misconduct']),
    );
    const again = await api.post(`/admin/rounds/${county.roundId}/publish`, {}, supervisor);
    expect([again.status, again.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('a correction is a new version; the first stays readable with its own hash', async () => {
    const flagged = receipts.s12![4]!;
    expect((await api.post(`/admin/rounds/${county.roundId}/ballots/${flagged}/void`, { reason: '同一人使用两部手机重复评价' }, supervisor)).status).toBe(201);
    const r = await api.post(`/admin/rounds/${county.roundId}/publish`, { reason: '更正：作废一张重复评价' }, supervisor);
    expect(r.status).toBe(201);
    expect(r.body.version).toBe(2);
    expect(r.body.hash).not.toBe(v1.hash);

    const latest = await api.get(`/public/rounds/${county.roundId}/results`);
    expect(latest.body.version).toBe(2);
    expect(latest.body.snapshot.correctionOf).toEqual({ version: 1, hash: v1.hash });
    expect(latest.body.versions.map((v: { version: number; hash: string }) => [v.version, v.hash])).toEqual([
      [1, v1.hash],
      [2, r.body.hash],
    ]);
    const old = await raw(`/public/rounds/${county.roundId}/snapshot.json?version=1`);
    expect(sha256(old.bytes)).toBe(v1.hash);
    const s12v1 = JSON.parse(old.bytes.toString()).results.targets.find((t: { targetId: string }) => t.targetId === 's12');
    const s12v2 = latest.body.snapshot.results.targets.find((t: { targetId: string }) => t.targetId === 's12');
    expect([s12v1.components.satisfaction.value, s12v2.components.satisfaction.value]).toEqual([0.8, 1]);
    const missing = await api.get(`/public/rounds/${county.roundId}/results?version=3`);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'PUBLICATION_NOT_FOUND']);
    const bad = await api.get(`/public/rounds/${county.roundId}/results?version=abc`);
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const audit = await api.get(`/admin/rounds/${county.roundId}/audit`, supervisor);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual([...Array(3).fill('set_target_input'), 'void_ballot', 'record_misconduct', 'publish', 'void_ballot', 'publish_correction']);
  });
});

describe('exports', () => {
  it('the Excel workbook holds the published table cell by cell', async () => {
    const r = await raw(`/public/rounds/${county.roundId}/results.xlsx`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('评议结果')!;
    expect(sheet.getCell('A1').value).toBe('测试轮次（2026年第四季度）评议结果');
    expect(sheet.getRow(3).values).toEqual([undefined, '组别', '名次', '被评议对象', '编号', '有效评价数', '得分', '95%区间下限', '95%区间上限', '等次', '主要问题', '处理措施', '说明']);
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    // Version 2: s12 4 of 4 (one voided), s11 9 of 10, s21 7 of 9 (one voided).
    expect(row(4).slice(0, 6)).toEqual(['执法监督组', 1, '出入境管理科', 's12', 4, 1]);
    expect(row(5).slice(0, 6)).toEqual(['执法监督组', 2, '户政科', 's11', 10, 0.9]);
    expect(row(6).slice(0, 5)).toEqual(['执法监督组', 3, '基础教育科', 's21', 9]);
    expect(row(6)[5]).toBeCloseTo(7 / 9, 9);
    expect(row(6)[8]).toBe('不满意');
    expect(row(6)[9]).toMatch(/^群众意见：服务态度（3）；[^；]+：不满意（2）；群众意见：办事效率（2）$/);
    expect(row(6)[10]).toBe('不得评优、诫勉谈话；不得评为优秀');
    expect(row(4)[8]).toBe('满意');
    expect(sheet.getRow(7).values).toEqual([]);
    const meta = wb.getWorksheet('版本')!;
    expect(meta.getCell('B2').value).toBe(2);
    expect(meta.getCell('B4').value).toMatch(/^[0-9a-f]{64}$/);
    const actions = wb.getWorksheet('处理措施')!;
    expect(actions.getRow(1).values).toEqual([undefined, '被评议对象', '编号', '名次', '措施', '措施类型', '依据', '触发轮次', '扣分']);
    expect(actions.rowCount).toBeGreaterThan(1);
    // Each action's kinds, in words, from its rule (shared/scoring/action-kinds.ts).
    const ganquanRules = new Map(getSchemePreset('ganquan')!.rules!.map((r) => [r.label, r.actions!.map((k) => ACTION_KINDS[k]).join('；')]));
    for (let r = 2; r <= actions.rowCount; r++) expect(actions.getRow(r).getCell(5).value).toBe(ganquanRules.get(String(actions.getRow(r).getCell(4).value)));
  });

  it('the public ballot log carries comment categories, not comments, and recounts every main problem', async () => {
    const text = (await raw(`/public/rounds/${county.roundId}/ballots.jsonl`)).bytes.toString('utf8');
    for (const words of S21_COMMENTS.filter(Boolean)) expect([words, text.includes(words!)]).toEqual([words, false]);
    const log = parseBallotLog(text);
    expect(log.problems).toEqual([]);
    expect(log.header?.commentLexicon).toEqual(commentLexiconStamp());
    const s21 = log.ballots.filter((b) => b.targetId === 's21').map((b) => b.commentCategories ?? []);
    expect(s21.flat().sort()).toEqual(['attitude', 'attitude', 'attitude', 'attitude', 'efficiency', 'efficiency', 'graft', 'shirking']);
    for (const version of [1, 2]) {
      const snapshot = Snapshot.parse(JSON.parse((await raw(`/public/rounds/${county.roundId}/snapshot.json?version=${version}`)).bytes.toString('utf8')));
      const report = recountFromLog(Scheme.parse(getSchemePreset('ganquan')), snapshot, log.ballots, log.header);
      expect([version, report.mismatches]).toEqual([version, []]);
    }
  });

  it('CSV and the newspaper list carry the same rows and the hash', async () => {
    const csv = await raw(`/public/rounds/${county.roundId}/results.csv`);
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('组别,名次,被评议对象,编号,有效评价数,得分,95%区间下限,95%区间上限,等次,主要问题,处理措施,说明');
    expect(lines[1]!.startsWith('执法监督组,1,出入境管理科,s12,4,1,')).toBe(true);
    expect(lines[3]!.startsWith('执法监督组,3,基础教育科,s21,9,0.7778,')).toBe(true);
    const latest = await api.get(`/public/rounds/${county.roundId}/results`);
    expect(text).toContain(latest.body.hash);
    const print = await raw(`/public/rounds/${county.roundId}/print`);
    expect(print.headers.get('content-type')).toContain('text/html');
    const html = print.bytes.toString('utf8');
    expect(html).toContain('基础教育科');
    expect(html).toContain(latest.body.hash);
    expect(html).not.toContain('<script');
  });

  it('the supervising office’s action list comes from the published version', async () => {
    const r = await api.get(`/admin/rounds/${county.roundId}/consequences`, supervisor);
    expect(r.body.source).toBe('published');
    expect(r.body.version).toBe(2);
    const s21 = r.body.actions.filter((a: { targetId: string }) => a.targetId === 's21');
    expect(s21.map((a: { ruleId: string }) => a.ruleId)).toEqual(['ganquan-no-awards', 'ganquan-not-excellent']);
    expect(s21[0].rounds).toEqual([county.roundId]);
  });
});
