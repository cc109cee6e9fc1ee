import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot } from './support/browser';
import { loginSupervisorInBrowser } from './support/staff';

jest.setTimeout(180_000);

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let browser: Browser;

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  // 通河, the county's only category mapped to 社会服务组 (no 政风建设年 part).
  county = await seedSmallCounty(api, { schemeId: 'tonghe', channels: ['phone', 'hearing'], groupMap: { c1: 'service' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Sets 工作考核分 of each unit (by 单位编号) in 单位录入. */
async function filled(template: Buffer, work: Record<string, ExcelJS.CellValue>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const ws = book.getWorksheet('单位录入')!;
  const column = (ws.getRow(1).values as unknown[]).indexOf('工作考核分');
  expect(column).toBeGreaterThan(0);
  for (let r = 2; r <= ws.rowCount; r++) {
    const id = String(ws.getRow(r).getCell(1).value);
    if (id in work) ws.getRow(r).getCell(column).value = work[id]!;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser', { timeout: 60_000 });
  await page.getByTestId('inputs-xlsx-upload').click();
  await (await chooser).setFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
}

describe('the office fills the Excel template of a round', () => {
  it('downloads the template, uploads it filled, sees a bad cell named by sheet, row and column, then the fixed file imported', async () => {
    const page = await phonePage(browser);
    await loginSupervisorInBrowser(page, stack.baseUrl, '纠风办李科长', `/admin/pages/inputs/index?id=${county.roundId}`);
    await page.getByTestId('inputs-table').waitFor({ timeout: 60_000 });

    const downloading = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('inputs-xlsx-download').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('测试轮次-录入模板.xlsx');
    const template = readFileSync((await download.path())!);

    // 出入境管理科 typed as “约76”: refused with its place, nothing imported.
    await upload(page, '录入模板-有错.xlsx', await filled(template, { s11: 88, s12: '约76', s21: 91 }));
    const problems = page.getByTestId('inputs-xlsx-problems');
    await problems.waitFor({ timeout: 60_000 });
    expect(await problems.textContent()).toMatch(/工作表“单位录入”第\d行“工作考核分”列：应为0–100之间的数，实为“约76”/);
    expect(await page.getByTestId('inputs-message').textContent()).toContain('有 1 处错误，未导入任何数据');
    const check = await api.login('check', 'supervisor');
    const before = await api.get(`/admin/rounds/${county.roundId}/target-inputs`, check);
    expect(before.body.targets.every((t: { fields: object }) => Object.keys(t.fields).length === 0)).toBe(true);
    await shot(page, '22-admin-inputs-workbook-error', { docs: true });

    await upload(page, '录入模板.xlsx', await filled(template, { s11: 88, s12: 76, s21: 91 }));
    await page.getByText('已从“录入模板.xlsx”导入 3 项修改').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('inputs-xlsx-problems').count()).toBe(0);
    await page.getByText('数据已录齐').waitFor({ timeout: 60_000 });
    const after = await api.get(`/admin/rounds/${county.roundId}/target-inputs`, check);
    const work = Object.fromEntries(after.body.targets.map((t: { targetId: string; fields: Record<string, number> }) => [t.targetId, t.fields['inputs.work']]));
    expect(work).toEqual({ s11: 88, s12: 76, s21: 91 });
  });
});
