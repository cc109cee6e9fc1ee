import type { Browser } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty } from '../support/fixtures';
import { ensureH5Build, H5_DIR, launchChromium, phonePage } from './support/browser';
import { loginSupervisorInBrowser } from './support/staff';

jest.setTimeout(180_000);

/**
 * The office's review page shows the round's ranking with what each unit still waits for (待录入):
 * a 通河 round closed before any input was entered (docs/scoring.md "Inputs the office enters").
 */
let stack: TestStack;
let api: ApiClient;
let browser: Browser;

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('beside the ranking the office reviews', () => {
  it('lists per unit the inputs still to enter (待录入) instead of refusing the round', async () => {
    const county = await seedSmallCounty(api, { schemeId: 'tonghe', channels: ['phone', 'hearing'], groupMap: { c1: 'service' } });
    const supervisor = await api.login('check', 'supervisor');
    expect((await api.post(`/admin/rounds/${county.roundId}/close`, undefined, supervisor)).status).toBe(200);
    // 通河 requires 工作考核分 of every unit (工作考核 is part of its total); none was entered.
    const results = await api.get(`/rounds/${county.roundId}/results`, supervisor);
    expect(results.status).toBe(200);
    const s11 = (results.body.targets as Array<{ targetId: string; missing?: Array<{ label: string; reason: string }> }>).find((t) => t.targetId === 's11')!;
    expect(s11.missing?.map((m) => m.label)).toContain('工作考核分');
    expect(s11.missing?.every((m) => m.reason === 'missing')).toBe(true);

    const page = await phonePage(browser);
    await loginSupervisorInBrowser(page, stack.baseUrl, '纠风办李科长', `/admin/pages/review/index?id=${county.roundId}`);
    const row = page.getByTestId('result-ranking').getByTestId('ranking-s11');
    await row.waitFor({ timeout: 60_000 });
    const marks = (await row.getByTestId('marks').textContent()) ?? '';
    expect(marks).toContain('待录入：');
    expect(marks).toContain('工作考核分');
    expect(marks).toBe(`待录入：${s11.missing!.map((m) => m.label).join('、')}`);
    // Not ranked yet: no rank, no rank set.
    expect(await row.textContent()).not.toContain('名次区间');
  });

  it('puts the round\'s notes on the consequence sheet: 甘泉\'s year rule is not judged in a quarterly round', async () => {
    // 甘泉: 连续2年以上 … (ganquan-two-years counts years); this round is 2026 Q1, so the rule waits for the annual round.
    const period = { kind: 'quarter', label: '2026年第1季度', start: '2026-01-01', end: '2026-03-31' };
    await seedSmallCounty(api, { roundId: 'gq1', schemeId: 'ganquan', channels: ['window'], period, importOrg: false });
    const supervisor = await api.login('check', 'supervisor');
    expect((await api.post('/admin/rounds/gq1/close', undefined, supervisor)).status).toBe(200);
    const notes = (await api.get('/rounds/gq1/results', supervisor)).body.notes as Array<{ id: string; text: string }>;
    expect(notes.map((n) => n.id)).toEqual(['year_rules_annual_round']);
    expect(notes[0]!.text).toContain('只在年度评议中判定，本轮（2026年第一季度）不判定');

    const page = await phonePage(browser);
    await loginSupervisorInBrowser(page, stack.baseUrl, '纠风办李科长', '/admin/pages/consequences/index?roundId=gq1');
    const note = page.getByTestId('round-note-year_rules_annual_round');
    await note.waitFor({ timeout: 60_000 });
    expect((await note.textContent())?.trim()).toBe(notes[0]!.text);
  });
});
