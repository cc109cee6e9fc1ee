import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { getSchemePreset } from '../../../shared/schemes';
import { SchemeDetailResponse } from '../../../shared/api/schemes';
import { Scheme } from '../../../shared/scoring';
import { bodyDigest } from '../../../functions/src/domain/schemes/resolve';
import { schemeFile as editorSchemeFile } from '../../../client/src/admin/pages/scheme/download';
import type { SchemeDetail } from '../../../client/src/api/schemes';

const root = resolve(__dirname, '../../..');
const tsx = join(root, 'node_modules/.bin/tsx');

function run(...args: string[]) {
  const r = spawnSync(tsx, ['scripts/score.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tempFile(content: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'score-')), 'facts.json');
  writeFileSync(p, content);
  return p;
}

describe('npm run score', () => {
  it('prints the results of the 效能办 example: 82.8 for 治安大队, as in docs/scoring.md', () => {
    const r = run('--', 'docs/examples/efficiency-office-2012.json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    const zhian = result.targets.find((t: { targetId: string }) => t.targetId === 'gaj-zhian');
    expect(zhian.total).toBe(82.8);
    expect(zhian.rank).toBe(1);
    // 国土局地籍科: no inspection sheets, re-normalised; (.2×(3×60+45)/(4×90) + .2×120/180 + .5×(8×75+8×60+4×45)/(20×90)) ÷ .9 × 80 + (20 − 10 − 6).
    const djk = result.targets.find((t: { targetId: string }) => t.targetId === 'gtj-djk');
    const composite = (0.2 * (225 / 360) + 0.2 * (120 / 180) + 0.5 * (1260 / 1800)) / 0.9;
    expect(djk.total).toBeCloseTo(composite * 80 + 4, 8);
  }, 60_000);

  it('prints the 甘泉 example with its two-year consequence', () => {
    const r = run('docs/examples/ganquan-2014.json');
    expect(r.code).toBe(0);
    const sb = JSON.parse(r.out).targets.find((t: { targetId: string }) => t.targetId === 'sb-w3');
    expect(sb.consequences.find((c: { ruleId: string }) => c.ruleId === 'ganquan-two-years')).toMatchObject({ rounds: ['2013', '2014'], unit: 'year', periods: ['2013年', '2014年'] });
  }, 60_000);

  it('exits 2 naming round, target and field when a history entry lacks what a rule reads', () => {
    const example = JSON.parse(readFileSync(join(root, 'docs/examples/ganquan-2014.json'), 'utf8'));
    // sb-w3 is under 75% and last this year, so ganquan-two-years reads 2013: 78% is not under 75%,
    // so 处于末位 must be read, and the entry no longer says how many posts were ranked.
    delete example.facts.history[0].targets[0].rankedCount;
    const r = run(tempFile(JSON.stringify(example)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/history\.2013\.sb-w3\.rankedCount: HISTORY_INCOMPLETE 往期评议“2013”中“sb-w3”缺少参加排名的单位数（rankedCount）/);
  }, 60_000);

  it('scores with an inline scheme', () => {
    const file = tempFile(JSON.stringify({ scheme: { ...getSchemePreset('ganquan'), id: 'ganquan-copy' }, facts: { roundId: 'r', targets: [{ targetId: 'a', served: 10, channels: { window: { ballots: 10, answers: { overall: { satisfied: 9, unsatisfied: 1 } } } } }] } }));
    const r = run(file);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ schemeId: 'ganquan-copy', targets: [{ targetId: 'a', total: 0.9 }] });
  }, 60_000);

  it('exits 2 with a clear message on an unknown scheme, bad JSON, a missing file, or facts that do not fit', () => {
    const unknown = run(tempFile('{"scheme":"nowhere","facts":{"roundId":"r","targets":[]}}'));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown scheme "nowhere"; presets: ganquan, luxi/);
    const bad = run(tempFile('{"scheme":'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/is not valid JSON/);
    const missing = run('/nonexistent/facts.json');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read/);
    const unfit = run(tempFile('{"scheme":"ganquan","facts":{"roundId":"r","targets":[{"targetId":"a","channels":{}}]}}'));
    expect(unfit.code).toBe(2);
    expect(unfit.err).toMatch(/a\.served: required/);
    const usage = run();
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/usage: npm run score -- <facts.json>/);
  }, 60_000);

  describe('with an .xlsx workbook', () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-xlsx-'));

    it('writes the 甘泉 example as a workbook and scores it exactly like the JSON', () => {
      const book = join(dir, 'ganquan.xlsx');
      const made = run('--', '--template', 'ganquan', '--out', book, '--facts', 'docs/examples/ganquan-2014.json');
      expect(made.code).toBe(0);
      expect(made.err).toMatch(/说明、本轮信息、单位录入、计数·窗口扫码评价/);
      const fromBook = run(book);
      expect(fromBook.code).toBe(0);
      expect(JSON.parse(fromBook.out)).toEqual(JSON.parse(run('docs/examples/ganquan-2014.json').out));
    }, 60_000);

    it('exits 2 naming the sheet, row and column of a bad cell', async () => {
      const book = join(dir, 'bad.xlsx');
      expect(run('--template', 'ganquan', '--out', book, '--facts', 'docs/examples/ganquan-2014.json').code).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(book);
      const sheet = wb.getWorksheet('单位录入')!;
      const col = (sheet.getRow(1).values as unknown[]).indexOf('服务人次');
      sheet.getRow(3).getCell(col).value = '约30';
      await wb.xlsx.writeFile(book);
      const r = run(book);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/NOT_A_NUMBER 工作表“单位录入”第3行“服务人次”列：应为不小于0的整数，实为“约30”/);
    }, 60_000);

    it('writes an empty template for a preset and asks for the round id when it is left empty', () => {
      const book = join(dir, 'tonghe.xlsx');
      expect(run('--template', 'tonghe', '--out', book).code).toBe(0);
      const r = run(book);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/REQUIRED_EMPTY 工作表“本轮信息”第3行“轮次编号”列/);
    }, 60_000);
  });

  describe('with a stored scheme version (--scheme-file)', () => {
    // What the editor's 下载方案文件 saves: the API's answer for a version. A county's 甘泉 at 70%.
    const preset = getSchemePreset('ganquan')!;
    const body = Scheme.parse({ ...preset, id: 'gq-county', name: '本县窗口满意度测评', grades: { ...preset.grades!, bands: [{ id: 'satisfied', label: '满意', min: 0.7 }, { id: 'unsatisfied', label: '不满意' }] } });
    const stored = { schemeId: 'gq-county', name: '本县窗口满意度测评', version: 2, basedOn: { schemeId: 'gq-county', version: 1 }, author: '纠风办', createdAt: '2026-12-01T00:00:00.000Z', preset: false, body, digest: bodyDigest(body) };
    const file = SchemeDetailResponse.parse({ scheme: stored, versions: [{ version: 1, author: '纠风办', createdAt: '2026-11-01T00:00:00.000Z', inUse: true }, { version: 2, author: '纠风办', createdAt: '2026-12-01T00:00:00.000Z', inUse: false }] });
    const dir = mkdtempSync(join(tmpdir(), 'score-version-'));
    // The file as the editor's download writes it.
    const download = editorSchemeFile(file as unknown as SchemeDetail);
    const schemeFile = join(dir, download.name);
    writeFileSync(schemeFile, download.text);

    it('scores the 甘泉 example by the county version: 税务 73.3% is 满意 at 70%, the note names the version', () => {
      expect(download.name).toBe('gq-county-第2版.json');
      const r = run('docs/examples/ganquan-2014.json', '--scheme-file', schemeFile);
      expect(r.code).toBe(0);
      expect(r.err).toContain('评议方案 gq-county 第2版（本县窗口满意度测评）');
      expect(r.err).toContain('事实文件指定的方案（ganquan）不用，按 --scheme-file 计分');
      const result = JSON.parse(r.out);
      expect(result.schemeId).toBe('gq-county');
      const sb = result.targets.find((t: { targetId: string }) => t.targetId === 'sb-w3');
      expect(sb.total).toBeCloseTo(44 / 60, 9);
      expect(sb.grade).toEqual({ id: 'satisfied', label: '满意' });
      // Under the preset (85%) it is 不满意.
      const before = JSON.parse(run('docs/examples/ganquan-2014.json').out).targets.find((t: { targetId: string }) => t.targetId === 'sb-w3');
      expect(before.grade.id).toBe('unsatisfied');
    }, 60_000);

    it('refuses a version file whose body no longer matches its digest, and a file that is not one', () => {
      const tampered = join(dir, 'tampered.json');
      const edited = JSON.parse(JSON.stringify(file));
      edited.scheme.body.grades.bands[0].min = 0.5;
      writeFileSync(tampered, JSON.stringify(edited));
      const r = run('docs/examples/ganquan-2014.json', '--scheme-file', tampered);
      expect(r.code).toBe(2);
      expect(r.err).toContain('方案内容与摘要不符，文件可能被改动过；请重新下载第2版');
      const notOne = run('docs/examples/ganquan-2014.json', '--scheme-file', 'docs/examples/ganquan-2014.json');
      expect(notOne.code).toBe(2);
      expect(notOne.err).toContain('不是方案文件');
    }, 60_000);
  });
});
