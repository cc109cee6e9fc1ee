import type { Browser } from 'playwright-core';
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

describe('the office enters per-target inputs in a table on the phone', () => {
  it('pastes rows from Excel, saves cell by cell, shows the refused cell’s reason and every change in the log', async () => {
    const page = await phonePage(browser);
    await loginSupervisorInBrowser(page, stack.baseUrl, '纠风办李科长', `/admin/pages/inputs/index?id=${county.roundId}`);
    await page.getByTestId('inputs-table').waitFor({ timeout: 60_000 });
    // Nothing entered yet: 工作考核分 is 待录入 for each of the three sections.
    expect(await page.getByTestId('inputs-summary').textContent()).toContain('还有 3 项待录入');
    expect(await page.getByTestId('cell-s11-inputs.style_year').textContent()).toContain('不适用');

    // Copied from Excel: a header row and tab-separated cells; 户政科's 政风建设年 does not apply to 社会服务组.
    const pasted = ['单位\t工作考核分\t到会人数（听证评议）\t“政风建设年”活动评议分', '户政科\t88\t3\t80', '出入境管理科\t76\t2\t', '基础教育科\t91\t\t'].join('\n');
    await page.getByTestId('inputs-paste').locator('textarea').fill(pasted);
    await page.getByTestId('inputs-paste-apply').click();
    await page.getByTestId('inputs-save').click();

    const refused = page.getByTestId('cell-s11-inputs.style_year').getByTestId('cell-error');
    await refused.waitFor({ timeout: 60_000 });
    expect(await refused.textContent()).toBe('户政科（s11）属于社会服务组，“政风建设年”活动评议分不适用于该组别');
    expect(await page.getByTestId('inputs-message').textContent()).toContain('已保存 5 项，1 项未保存');
    await page.getByText('数据已录齐').waitFor({ timeout: 60_000 });

    // The change log: who, when, old → new, newest first.
    const entries = page.getByTestId('input-audit-entry');
    await entries.first().waitFor({ timeout: 60_000 });
    const lines = await entries.allTextContents();
    expect(lines).toHaveLength(5);
    expect(lines.some((l) => l.includes('户政科 工作考核分：空 → 88'))).toBe(true);
    expect(lines.some((l) => l.includes('出入境管理科 到会人数（听证评议）：空 → 2'))).toBe(true);
    expect(lines.every((l) => l.includes('纠风办李科长'))).toBe(true);

    // What the browser saved is what the API holds.
    const table = await api.get(`/admin/rounds/${county.roundId}/target-inputs`, await api.login('check', 'supervisor'));
    const fields = Object.fromEntries(table.body.targets.map((t: { targetId: string; fields: unknown }) => [t.targetId, t.fields]));
    expect(fields).toEqual({ s11: { 'inputs.work': 88, 'present.hearing': 3 }, s12: { 'inputs.work': 76, 'present.hearing': 2 }, s21: { 'inputs.work': 91 } });
    await shot(page, '19-admin-inputs-table', { docs: true });
  });
});
