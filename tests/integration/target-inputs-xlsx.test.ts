import ExcelJS from 'exceljs';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty } from '../support/fixtures';
import { tableDigest } from '../support/snapshot';

/**
 * The inputs template as Excel (issue 16 "Inputs in Chinese"), through HTTP on DynamoDB Local:
 * a 通河 round on the small county (s11 户政科, s12 出入境管理科, s21 基础教育科; category c1 →
 * 社会服务组). The office downloads the template, fills it in Excel (here exceljs) and uploads it;
 * the results reflect it. A bad cell is named by sheet, row and column and changes nothing; a
 * pre-filled cell never overwrites a colleague's later edit.
 */
let stack: TestStack;
let api: ApiClient;
let supervisor: string;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const unchanged = async (action: () => Promise<unknown>) => {
  const before = await tableDigest(stack.db, stack.tableName);
  await action();
  expect(await tableDigest(stack.db, stack.tableName)).toEqual(before);
};
const byId = (body: { targets: Array<{ targetId: string }> }) => Object.fromEntries(body.targets.map((t) => [t.targetId, t as any]));
const tally = (ballots: number, answers: Record<string, Record<string, number>>) => ({ ballots, answers });
const allGood = (n: number) => tally(n, Object.fromEntries(['openness', 'lawful', 'service', 'integrity', 'institutions'].map((i) => [i, { good: n }])));

async function download(round: string, token = supervisor): Promise<{ status: number; headers: Headers; book: ExcelJS.Workbook }> {
  const res = await fetch(`${stack.baseUrl}/api/admin/rounds/${round}/target-inputs.xlsx`, { headers: { authorization: `Bearer ${token}` } });
  const book = new ExcelJS.Workbook();
  if (res.status === 200) await book.xlsx.load(await res.arrayBuffer());
  else await res.arrayBuffer();
  return { status: res.status, headers: res.headers, book };
}

async function upload(round: string, data: ArrayBuffer | Buffer | string, query = '', token = supervisor): Promise<{ status: number; body: any }> {
  const res = await fetch(`${stack.baseUrl}/api/admin/rounds/${round}/target-inputs.xlsx${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': XLSX },
    body: typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer),
  });
  return { status: res.status, body: await res.json() };
}

/** 单位录入 as a clerk sees it: the header row and a setter by 单位编号 and column header. */
function sheetOf(book: ExcelJS.Workbook) {
  const ws = book.getWorksheet('单位录入')!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rowOf = (targetId: string) => {
    for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === targetId) return r;
    throw new Error(`no row for ${targetId}`);
  };
  return {
    headers,
    rowOf,
    get: (targetId: string, header: string) => ws.getRow(rowOf(targetId)).getCell(headers.indexOf(header) + 1).value,
    set: (targetId: string, header: string, value: ExcelJS.CellValue) => {
      expect(headers).toContain(header);
      ws.getRow(rowOf(targetId)).getCell(headers.indexOf(header) + 1).value = value;
    },
  };
}

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  await seedSmallCounty(api, { roundId: 'thx', name: '通河测试', schemeId: 'tonghe', channels: ['phone', 'hearing'], groupMap: { c1: 'service' } });
  await seedSmallCounty(api, { roundId: 'other', schemeId: 'tonghe', channels: ['phone', 'hearing'], groupMap: { c1: 'service' }, importOrg: false });
  supervisor = await api.login('jiwei-xlsx', 'supervisor');
  // The phone survey and the hearing sheets arrive as imported tallies (not template columns).
  const phone = { s11: tally(4, { overall: { satisfied: 3, unsatisfied: 1 } }), s12: tally(2, { overall: { satisfied: 1, unsatisfied: 1 } }), s21: tally(4, { overall: { satisfied: 4 } }) };
  const rows = (['s11', 's12', 's21'] as const).map((targetId) => ({ targetId, set: { 'channels.phone': phone[targetId], 'channels.hearing': allGood(2) } }));
  const r = await api.call('PATCH', '/admin/rounds/thx/target-inputs', { body: { rows }, token: supervisor });
  expect(r.status).toBe(200);
});
afterAll(() => stack.close());

describe('the template of a 通河 round', () => {
  it('downloads as an .xlsx named after the round, with Chinese headers, groups and 不适用 where a column does not apply', async () => {
    const { status, headers, book } = await download('thx');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain(XLSX);
    expect(headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('通河测试-录入模板.xlsx')}`);
    expect(book.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['说明', '单位录入']);
    const sheet = sheetOf(book);
    expect(sheet.headers).toEqual(['单位编号', '单位名称', '分组', '“政风建设年”活动评议分', '工作考核分', '查实违纪违法（件）', '到会人数（听证评议）']);
    expect(sheet.get('s11', '单位名称')).toBe('户政科');
    expect(sheet.get('s11', '分组')).toBe('社会服务组');
    // 政风建设年 is scored for 执法监督组, 综合管理组 and 基层执法单位 only (tonghe-2011.txt).
    expect(sheet.get('s21', '“政风建设年”活动评议分')).toBe('不适用');
    expect(sheet.get('s21', '工作考核分')).toBeNull();
  });

  it('refuses callers outside the office', async () => {
    const citizen = await api.login('someone');
    expect((await download('thx', citizen)).status).toBe(403);
    const bytes = await (await download('thx')).book.xlsx.writeBuffer();
    expect((await upload('thx', bytes, '', citizen)).status).toBe(403);
    expect((await fetch(`${stack.baseUrl}/api/admin/rounds/thx/target-inputs.xlsx`)).status).toBe(401);
  });
});

describe('uploading the filled template', () => {
  it('sets 工作考核分 and 到会人数 for every unit, and the results are hand-computed from them', async () => {
    const { book } = await download('thx');
    const sheet = sheetOf(book);
    for (const id of ['s11', 's12', 's21']) {
      sheet.set(id, '工作考核分', 90);
      sheet.set(id, '到会人数（听证评议）', 2);
    }
    const r = await upload('thx', await book.xlsx.writeBuffer());
    expect(r).toMatchObject({ status: 200 });
    expect(r.body.changed).toHaveLength(6);
    expect(r.body.changed).toContainEqual({ targetId: 's12', field: 'inputs.work', old: null, new: 90 });
    const results = await api.get('/rounds/thx/results', supervisor);
    expect(results.status).toBe(200);
    const t = byId(results.body);
    // 社会服务组: 满意度测评 60% + 听证 20% + 工作考核 20% (tonghe-2011.txt):
    // s11 3/4 → 75 × 0.6 + 100 × 0.2 + 90 × 0.2 = 83; s12 50 × 0.6 + 20 + 18 = 68; s21 100 × 0.6 + 20 + 18 = 98.
    expect(t.s11.total).toBeCloseTo(83, 9);
    expect(t.s12.total).toBeCloseTo(68, 9);
    expect(t.s21.total).toBeCloseTo(98, 9);
    const audit = await api.get('/admin/rounds/thx/audit', supervisor);
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain('set_target_input');
  });

  it('uploading the same workbook again changes nothing', async () => {
    const { book } = await download('thx');
    await unchanged(async () => {
      const r = await upload('thx', await book.xlsx.writeBuffer());
      expect(r).toMatchObject({ status: 200 });
      expect(r.body.changed).toEqual([]);
    });
  });

  it('names the sheet, row and column of a bad cell in Chinese, and stores nothing (not even the good cells)', async () => {
    const { book } = await download('thx');
    const sheet = sheetOf(book);
    sheet.set('s11', '工作考核分', 95);
    sheet.set('s12', '工作考核分', '约90');
    sheet.set('s21', '“政风建设年”活动评议分', 80);
    sheet.set('s21', '工作考核分', 101);
    const row = (id: string) => sheet.rowOf(id);
    await unchanged(async () => {
      const r = await upload('thx', await book.xlsx.writeBuffer());
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('WORKBOOK_INVALID');
      expect(r.body.error.details.problems).toEqual([
        { code: 'NOT_A_NUMBER', sheet: '单位录入', row: row('s12'), column: '工作考核分', message: `工作表“单位录入”第${row('s12')}行“工作考核分”列：应为0–100之间的数，实为“约90”` },
        { code: 'NOT_APPLICABLE', sheet: '单位录入', row: row('s21'), column: '“政风建设年”活动评议分', message: expect.stringContaining(`工作表“单位录入”第${row('s21')}行““政风建设年”活动评议分”列：“基础教育科”属于“社会服务组”，这一项不适用于该组`) },
        { code: 'OUT_OF_RANGE', sheet: '单位录入', row: row('s21'), column: '工作考核分', message: `工作表“单位录入”第${row('s21')}行“工作考核分”列：应为0–100之间的数，实为“101”` },
      ]);
      expect(r.body.error.details.message).toBe(`工作表“单位录入”第${row('s12')}行“工作考核分”列：应为0–100之间的数，实为“约90”（共 3 处错误，未导入任何数据）`);
    });
  });

  it('refuses a file that is not a workbook, and a template downloaded for another round', async () => {
    await unchanged(async () => {
      const text = await upload('thx', 'targetId,work\ns11,90');
      expect(text.status).toBe(422);
      expect(text.body.error.details.problems[0].code).toBe('WORKBOOK_UNREADABLE');
      const { book } = await download('other');
      sheetOf(book).set('s11', '工作考核分', 70);
      const wrong = await upload('thx', await book.xlsx.writeBuffer());
      expect(wrong.status).toBe(422);
      expect(wrong.body.error.details.message).toContain('该模板是从另一轮评议（编号 other）下载的');
    });
  });

  it('never overwrites a colleague’s later edit with a stale pre-filled cell; a cell both changed is a 409', async () => {
    const { book } = await download('thx'); // s11 and s12 工作考核分: 90
    const colleague = await api.call('PATCH', '/admin/rounds/thx/target-inputs/s11', { body: { set: { 'inputs.work': 85 } }, token: supervisor });
    expect(colleague.status).toBe(200);
    const sheet = sheetOf(book);
    sheet.set('s12', '工作考核分', 70); // s11 still shows the 90 it was downloaded with
    const r = await upload('thx', await book.xlsx.writeBuffer());
    expect(r).toMatchObject({ status: 200 });
    expect(r.body.changed).toEqual([{ targetId: 's12', field: 'inputs.work', old: 90, new: 70 }]);
    sheet.set('s11', '工作考核分', 60);
    await unchanged(async () => {
      const clash = await upload('thx', await book.xlsx.writeBuffer());
      expect(clash.status).toBe(409);
      expect(clash.body.error.code).toBe('INPUT_CONFLICT');
      expect(clash.body.error.details).toMatchObject({ targetId: 's11', field: 'inputs.work', expected: 90, current: 85 });
    });
    const table = byId((await api.get('/admin/rounds/thx/target-inputs', supervisor)).body);
    expect(table.s11.fields['inputs.work']).toBe(85);
    expect(table.s12.fields['inputs.work']).toBe(70);
  });
});

describe('a published round', () => {
  it('takes an upload only as a correction with a reason', async () => {
    const admin = await api.login('admin-1', 'admin');
    expect((await api.post('/admin/rounds/thx/close', undefined, admin)).status).toBe(200);
    expect(await api.post('/admin/rounds/thx/publish', {}, supervisor)).toMatchObject({ status: 201 });
    const { book } = await download('thx');
    sheetOf(book).set('s21', '工作考核分', 80);
    const bytes = await book.xlsx.writeBuffer();
    await unchanged(async () => {
      const locked = await upload('thx', bytes);
      expect(locked.status).toBe(409);
      expect(locked.body.error.code).toBe('INPUTS_LOCKED');
    });
    const corrected = await upload('thx', bytes, `?correctionReason=${encodeURIComponent('工作考核分录入有误')}`);
    expect(corrected.status).toBe(200);
    expect(corrected.body.changed).toEqual([{ targetId: 's21', field: 'inputs.work', old: 90, new: 80 }]);
  });
});
