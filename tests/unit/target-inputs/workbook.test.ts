import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getSchemePreset } from '../../../shared/schemes';
import { RoundFacts, Scheme, scoreRound, ScoringInputError } from '../../../shared/scoring';
import { cellNumber, type Cell, type ReadWorkbook, type WorkbookModel } from '../../../shared/target-inputs/workbook';
import { factsWorkbook, inputsWorkbook } from '../../../shared/target-inputs/workbook-template';
import { readInputsWorkbook, type KnownTarget } from '../../../shared/target-inputs/workbook-read';
import { readFactsWorkbook } from '../../../shared/target-inputs/workbook-facts';
import { readWorkbook, writeWorkbook } from '../../../functions/src/domain/target-inputs/xlsx-io';

const tonghe = Scheme.parse(getSchemePreset('tonghe'));
const root = resolve(__dirname, '../../..');
const CHANNELS = ['phone', 'hearing'];

const TARGETS: KnownTarget[] = [
  { targetId: 'gs', name: '工商局', group: 'enforcement' },
  { targetId: 'hz', name: '户政科', group: 'service', ballots: { phone: 4 } },
  { targetId: 'jy', name: '基础教育科', group: 'service' },
];

/** The model as a reader sees it: header row, then the data rows. */
function asRead(model: WorkbookModel): ReadWorkbook {
  return { sheets: model.sheets.map((s) => ({ name: s.name, rows: [s.columns.map((c) => c.header), ...s.rows.map((r) => [...r])] })) };
}

async function throughFile(model: WorkbookModel): Promise<ReadWorkbook> {
  const out = await readWorkbook(await writeWorkbook(model, new Date('2026-01-01T00:00:00Z')));
  if ('problem' in out) throw new Error(out.problem.message);
  return out.book;
}

/** Sets one cell of 单位录入 by target id and header. */
function setCell(book: ReadWorkbook, sheetName: string, targetId: string, header: string, value: Cell): number {
  const sheet = book.sheets.find((s) => s.name === sheetName)!;
  const col = sheet.rows[0]!.indexOf(header);
  const idCol = sheet.rows[0]!.indexOf('单位编号');
  const row = sheet.rows.findIndex((r, i) => i > 0 && r[idCol] === targetId);
  if (col < 0 || row < 0) throw new Error(`no cell ${targetId}/${header}`);
  sheet.rows[row]![col] = value;
  return row + 1;
}

describe('the inputs template', () => {
  const model = inputsWorkbook(tonghe, TARGETS.map((t) => ({ ...t, fields: (t.targetId === 'gs' ? { 'inputs.work': 88 } : {}) as Record<string, number> })), { mode: 'inputs', roundChannels: CHANNELS, title: '2026年评议' });

  it('has a 说明 sheet and one 单位录入 sheet with Chinese headers from the scheme', () => {
    expect(model.sheets.map((s) => s.name)).toEqual(['说明', '单位录入']);
    expect(model.sheets[1]!.columns.map((c) => c.header)).toEqual(['单位编号', '单位名称', '分组', '“政风建设年”活动评议分', '工作考核分', '查实违纪违法（件）', '到会人数（听证评议）']);
    const guide = model.sheets[0]!.rows.map((r) => r.join('|'));
    expect(guide).toContainEqual(expect.stringMatching(/^单位录入\|“政风建设年”活动评议分\|应为0–100之间的数；必填；仅适用于执法监督组、综合管理组、基层执法单位/));
  });

  it('lists every target by id, name and group label, pre-fills entered values and marks 不适用 cells', () => {
    expect(model.sheets[1]!.rows).toEqual([
      ['gs', '工商局', '执法监督组', null, 88, null, null],
      ['hz', '户政科', '社会服务组', '不适用', null, null, null],
      ['jy', '基础教育科', '社会服务组', '不适用', null, null, null],
    ]);
  });

  it('reads back, through an .xlsx file, exactly what the clerk typed', async () => {
    const book = await throughFile(model);
    setCell(book, '单位录入', 'gs', '“政风建设年”活动评议分', 80);
    setCell(book, '单位录入', 'hz', '工作考核分', '９０'); // full-width digits typed by an IME
    setCell(book, '单位录入', 'jy', '工作考核分', 75.5);
    setCell(book, '单位录入', 'jy', '到会人数（听证评议）', 3);
    const r = readInputsWorkbook(tonghe, book, { roundChannels: CHANNELS, targets: TARGETS });
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      { targetId: 'gs', set: { 'inputs.style_year': 80, 'inputs.work': 88 } },
      { targetId: 'hz', set: { 'inputs.work': 90 } },
      { targetId: 'jy', set: { 'inputs.work': 75.5, 'present.hearing': 3 } },
    ]);
  });
});

describe('inputs workbook errors name the sheet, row and column in Chinese', () => {
  const filled = () => {
    const book = asRead(inputsWorkbook(tonghe, TARGETS, { mode: 'inputs', roundChannels: CHANNELS }));
    setCell(book, '单位录入', 'gs', '“政风建设年”活动评议分', 80);
    for (const t of TARGETS) setCell(book, '单位录入', t.targetId, '工作考核分', 90);
    return book;
  };
  const read = (book: ReadWorkbook) => readInputsWorkbook(tonghe, book, { roundChannels: CHANNELS, targets: TARGETS }).problems;
  const targetsSheet = (book: ReadWorkbook) => book.sheets.find((s) => s.name === '单位录入')!;

  it('accepts the filled template', () => expect(read(filled())).toEqual([]));

  it('refuses text where a number belongs: 约30', () => {
    const book = filled();
    const row = setCell(book, '单位录入', 'jy', '到会人数（听证评议）', '约30');
    expect(row).toBe(4);
    expect(read(book)).toEqual([
      { code: 'NOT_A_NUMBER', sheet: '单位录入', row: 4, column: '到会人数（听证评议）', message: '工作表“单位录入”第4行“到会人数（听证评议）”列：应为不小于0的整数，实为“约30”' },
    ]);
  });

  it('refuses a number out of range and a fraction in a count column', () => {
    const book = filled();
    setCell(book, '单位录入', 'gs', '工作考核分', 120);
    setCell(book, '单位录入', 'hz', '查实违纪违法（件）', 1.5);
    expect(read(book).map((p) => [p.code, p.message])).toEqual([
      ['OUT_OF_RANGE', '工作表“单位录入”第2行“工作考核分”列：应为0–100之间的数，实为“120”'],
      ['OUT_OF_RANGE', '工作表“单位录入”第3行“查实违纪违法（件）”列：应为0–1000之间的整数，实为“1.5”'],
    ]);
  });

  it('refuses an empty required cell', () => {
    const book = filled();
    setCell(book, '单位录入', 'hz', '工作考核分', null);
    expect(read(book)).toEqual([{ code: 'REQUIRED_EMPTY', sheet: '单位录入', row: 3, column: '工作考核分', message: '工作表“单位录入”第3行“工作考核分”列：必填，应为0–100之间的数' }]);
  });

  it('refuses a value in a column that does not apply to the group, and 不适用 where it applies', () => {
    const book = filled();
    setCell(book, '单位录入', 'hz', '“政风建设年”活动评议分', 70);
    setCell(book, '单位录入', 'gs', '“政风建设年”活动评议分', '不适用');
    expect(read(book).map((p) => [p.code, p.row, p.column])).toEqual([
      ['NOT_A_NUMBER', 2, '“政风建设年”活动评议分'],
      ['NOT_APPLICABLE', 3, '“政风建设年”活动评议分'],
    ]);
    expect(read(book)[1]!.message).toBe('工作表“单位录入”第3行““政风建设年”活动评议分”列：“户政科”属于“社会服务组”，这一项不适用于该组，应留空或填“不适用”，实为“70”');
  });

  it('refuses an unknown target, a duplicate row, a wrong name and a wrong group', () => {
    const book = filled();
    const sheet = targetsSheet(book);
    sheet.rows.push(['zz', '不存在的局', '执法监督组', 80, 90, null, null]);
    sheet.rows.push(['hz', '户政科', '社会服务组', null, 91, null, null]);
    sheet.rows[3]![1] = '教育局';
    sheet.rows[1]![2] = '社会服务组';
    expect(read(book).map((p) => [p.code, p.row, p.column])).toEqual([
      ['GROUP_WRONG', 2, '分组'],
      ['TARGET_NAME_MISMATCH', 4, '单位名称'],
      ['TARGET_UNKNOWN', 5, '单位编号'],
      ['TARGET_DUPLICATE', 6, '单位编号'],
    ]);
    expect(read(book)[3]!.message).toBe('工作表“单位录入”第6行“单位编号”列：单位编号“hz”重复，第3行已填写该单位');
    expect(read(book)[0]!.message).toBe('工作表“单位录入”第2行“分组”列：“工商局”在本轮属于“执法监督组”，不是“社会服务组”（分组在单位管理中修改）');
  });

  it('refuses 服务人次 below the forms already counted', () => {
    const ganquan = Scheme.parse(getSchemePreset('ganquan'));
    const targets = [{ targetId: 'w1', name: '1号窗口', group: 'all', ballots: { window: 12 } }];
    const book = asRead(inputsWorkbook(ganquan, targets, { mode: 'inputs', roundChannels: ['window'] }));
    setCell(book, '单位录入', 'w1', '服务人次', 10);
    expect(readInputsWorkbook(ganquan, book, { roundChannels: ['window'], targets }).problems).toEqual([
      expect.objectContaining({ code: 'SERVED_BELOW_RETURNED', row: 2, column: '服务人次', message: expect.stringMatching(/^工作表“单位录入”第2行“服务人次”列：1号窗口（w1）：服务人次 10 少于已回收的 12 份评价表/) }),
    ]);
  });

  it('refuses a missing sheet, a missing column and an unknown column with data, and lists every problem at once', () => {
    expect(readInputsWorkbook(tonghe, { sheets: [] }, { roundChannels: CHANNELS, targets: TARGETS }).problems).toEqual([
      { code: 'SHEET_MISSING', message: '缺少工作表“单位录入”（请用下载的模板填写，不要修改工作表名称）' },
    ]);
    const book = filled();
    const sheet = targetsSheet(book);
    const work = sheet.rows[0]!.indexOf('工作考核分');
    sheet.rows[0]![work] = '工作考核';
    sheet.rows[0]![8] = '备注';
    sheet.rows[1]![8] = '已核对';
    sheet.rows[0]![9] = '加分';
    sheet.rows[2]![9] = 3;
    expect(read(book).map((p) => [p.code, p.row, p.column])).toEqual([
      ['COLUMN_MISSING', 1, '工作考核分'],
      ['COLUMN_UNKNOWN', 1, '工作考核'],
      ['COLUMN_UNKNOWN', 1, '加分'],
    ]);
  });

  it('answers a file that is not a workbook with one readable problem', async () => {
    const out = await readWorkbook(Buffer.from('targetId,served\ngs,10\n'));
    expect(out).toEqual({ problem: expect.objectContaining({ code: 'WORKBOOK_UNREADABLE', message: expect.stringContaining('无法读取该文件') }) });
  });
});

describe('facts workbooks score like the JSON facts', () => {
  const roundTrip = async (scheme: Scheme, facts: RoundFacts) => {
    const book = await throughFile(factsWorkbook(scheme, facts));
    const r = readFactsWorkbook(scheme, book, facts.groupLabels ? { groupLabels: facts.groupLabels } : {});
    expect(r.problems).toEqual([]);
    return r.facts!;
  };

  it.each(['ganquan-2014', 'efficiency-office-2012'])('docs/examples/%s.json gives the same result through a workbook', async (name) => {
    const file = JSON.parse(readFileSync(resolve(root, `docs/examples/${name}.json`), 'utf8'));
    const scheme = Scheme.parse(getSchemePreset(file.scheme));
    const facts = RoundFacts.parse(file.facts);
    expect(scoreRound(scheme, await roundTrip(scheme, facts))).toEqual(scoreRound(scheme, facts));
  });

  it('has a round sheet, a sheet of counts per channel and, when rules count earlier rounds, a history sheet', () => {
    const ganquan = Scheme.parse(getSchemePreset('ganquan'));
    expect(inputsWorkbook(ganquan, [], { mode: 'facts' }).sheets.map((s) => s.name)).toEqual(['说明', '本轮信息', '单位录入', '计数·窗口扫码评价', '计数·听证评议', '往期结果']);
    expect(inputsWorkbook(tonghe, [], { mode: 'facts' }).sheets.map((s) => s.name)).toEqual(['说明', '本轮信息', '单位录入', '计数·电话测评', '计数·听证评议', '往期结果']);
  });

  it('names the cell of a bad count, date or grade', () => {
    const ganquan = Scheme.parse(getSchemePreset('ganquan'));
    const file = JSON.parse(readFileSync(resolve(root, 'docs/examples/ganquan-2014.json'), 'utf8'));
    const book = asRead(factsWorkbook(ganquan, RoundFacts.parse(file.facts)));
    setCell(book, '计数·窗口扫码评价', 'hz-w2', '有效评价表数', '一百');
    setCell(book, '往期结果', 'sb-w3', '等次', '优秀');
    book.sheets.find((s) => s.name === '本轮信息')!.rows[4]![1] = '2014/13/01';
    expect(readFactsWorkbook(ganquan, book).problems.map((p) => p.message)).toEqual([
      '工作表“本轮信息”第5行“开始日期”列：应为日期（如 2025-01-01），实为“2014/13/01”',
      '工作表“计数·窗口扫码评价”第3行“有效评价表数”列：应为不小于0的整数，实为“一百”',
      '工作表“往期结果”第2行“等次”列：应为“满意”、“不满意”之一，实为“优秀”',
    ]);
  });

  /** Random 通河 rounds: groups, phone tallies, hearing tallies, inputs, present counts. */
  const target = (i: number) =>
    fc.record({
      group: fc.constantFrom('enforcement', 'management', 'service', 'grassroots'),
      satisfied: fc.nat(60),
      unsatisfied: fc.nat(60),
      hearing: fc.array(fc.constantFrom('good', 'fairly_good', 'fair', 'poor'), { minLength: 0, maxLength: 6 }),
      style: fc.option(fc.integer({ min: 0, max: 1000 }).map((n) => n / 10), { nil: undefined }),
      work: fc.integer({ min: 0, max: 100 }),
      extraPresent: fc.nat(3),
      misconduct: fc.nat(2),
    }).map((t) => ({
      targetId: `t${i}`,
      name: `单位${i}`,
      group: t.group,
      channels: {
        phone: { ballots: t.satisfied + t.unsatisfied, answers: { overall: { satisfied: t.satisfied, unsatisfied: t.unsatisfied } } },
        ...(t.hearing.length > 0 ? { hearing: { ballots: t.hearing.length, answers: Object.fromEntries(['openness', 'lawful', 'service', 'integrity', 'institutions'].map((item) => [item, t.hearing.reduce<Record<string, number>>((m, v) => ({ ...m, [v]: (m[v] ?? 0) + 1 }), {})])) } } : {}),
      },
      present: { hearing: t.hearing.length + t.extraPresent },
      inputs: { work: t.work, ...(t.group !== 'service' && t.style !== undefined ? { style_year: t.style } : {}) },
      misconduct: t.misconduct,
    }));

  it('scores any 通河 round the same from a workbook as from its JSON (or refuses both)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => target(i)))), async (targets) => {
        const facts = RoundFacts.parse({ roundId: '2026', targets });
        const viaBook = readFactsWorkbook(tonghe, asRead(factsWorkbook(tonghe, facts)));
        const outcome = (f: () => unknown) => {
          try {
            return f();
          } catch (e) {
            if (e instanceof ScoringInputError) return { refused: e.problems };
            throw e;
          }
        };
        // A missing 政风建设年 is an empty required cell in the workbook, refused with its place.
        const missingStyle = targets.filter((t) => t.group !== 'service' && t.inputs.style_year === undefined);
        if (missingStyle.length > 0) {
          expect(viaBook.problems.map((p) => p.code)).toEqual(missingStyle.map(() => 'REQUIRED_EMPTY'));
          return;
        }
        expect(viaBook.problems).toEqual([]);
        expect(outcome(() => scoreRound(tonghe, viaBook.facts!))).toEqual(outcome(() => scoreRound(tonghe, facts)));
      }),
      { numRuns: 60 },
    );
  });
});

describe('cellNumber', () => {
  it('reads plain decimals, full-width digits and thousands commas, and nothing else', () => {
    expect([cellNumber(3), cellNumber(' 12 '), cellNumber('１２０'), cellNumber('1,200'), cellNumber('-0.5')]).toEqual([3, 12, 120, 1200, -0.5]);
    expect([cellNumber('约30'), cellNumber('30人'), cellNumber(''), cellNumber(null), cellNumber('1e3'), cellNumber('12,34')]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
