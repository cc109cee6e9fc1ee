import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { publicRows } from '@shared/publication/public-table';
import { gradeTone, scaleOf, showScore } from '../../client/src/public/lib/display';
import type { Snapshot } from '@shared/publication/snapshot';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot } from './support/browser';
import { loginStaffInBrowser, TINY_PNG } from './support/staff';

jest.setTimeout(180_000);

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let supervisor: string;
let browser: Browser;

/** 甘泉 (best-first, graded): s11 9 of 10 satisfied, s12 4 of 5, s21 7 of 10; then close and publish. */
async function publishRound(): Promise<void> {
  const votes: Array<[string, number, number]> = [['w111', 9, 1], ['w121', 4, 1], ['w211', 7, 3]];
  let n = 0;
  for (const [w, yes, no] of votes) {
    for (const overall of [...Array(yes).fill('satisfied'), ...Array(no).fill('unsatisfied')]) {
      const r = await api.post('/ballots', ballot(county.windowTokens[w]!, { answers: { overall } }), await api.login(`citizen-${n++}`));
      expect(r.status).toBe(201);
    }
  }
  const inputs = { targets: [{ targetId: 's11', served: 12 }, { targetId: 's12', served: 6 }, { targetId: 's21', served: 12 }] };
  expect((await api.post(`/admin/rounds/${county.roundId}/target-inputs`, inputs, supervisor)).status).toBe(200);
  expect((await api.post(`/admin/rounds/${county.roundId}/close`, undefined, supervisor)).status).toBe(200);
  expect((await api.post(`/admin/rounds/${county.roundId}/publish`, {}, supervisor)).status).toBe(201);
}

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { schemeId: 'ganquan', channels: ['window'] });
  supervisor = await api.login('jiwei-1', 'supervisor');
  await publishRound();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the public results page', () => {
  it('shows the published ranking, grades, main problems and the hash anyone can check', async () => {
    const published = await api.get(`/public/rounds/${county.roundId}/results`);
    expect(published.status).toBe(200);
    const hash = published.body.hash as string;
    const rows = publicRows(published.body.snapshot as Snapshot);
    expect(rows.map((r) => r.targetId)).toEqual(['s11', 's12', 's21']); // best-first by satisfaction

    const page = await phonePage(browser);
    await page.goto(`${stack.baseUrl}/#/pages/index/index`);
    await page.getByTestId('public-results-link').click();
    await page.getByTestId(`published-${county.roundId}`).click();
    await page.getByTestId('hash').waitFor({ timeout: 60_000 });

    expect((await page.getByTestId('hash').textContent())?.trim()).toBe(hash);
    expect(await page.getByTestId('version').textContent()).toContain('第 1 版');
    // The rows on the page are the published rows, in the published order, with their grades.
    const shown = page.locator('[data-testid^="result-s"]');
    expect(await shown.count()).toBe(rows.length);
    for (const [i, row] of rows.entries()) {
      const el = shown.nth(i);
      expect(await el.getAttribute('data-testid')).toBe(`result-${row.targetId}`);
      expect(await el.textContent()).toContain(row.name);
      expect((await el.getByTestId('rank').textContent())?.trim()).toBe(String(row.rank));
      // 甘泉's total is a satisfaction share: a percentage with one decimal on the page (the exports keep four).
      expect((await el.getByTestId('total').textContent())?.trim()).toBe(showScore(row.total, 'share'));
      expect(scaleOf(rows)).toBe('share');
      expect(row.grade).not.toBe('');
      expect((await el.getByTestId('grade').textContent())?.trim()).toBe(row.grade);
      if (row.problems) expect(await el.getByTestId('problems').textContent()).toContain(row.problems);
    }
    expect(rows.some((r) => r.problems)).toBe(true);
    expect(await page.getByTestId('results-explained').count()).toBe(1);
    expect(await page.locator('[data-testid="grade"].is-bad').count()).toBe(rows.filter((r) => gradeTone(r.grade) === 'bad').length);
    expect(await page.getByTestId('consequences').textContent()).toContain('不得评为优秀'); // s21 is graded 不满意
    for (const kind of ['xlsx', 'csv', 'print', 'snapshot']) await page.getByTestId(`export-${kind}`).waitFor();
    await shot(page, '10-public-results', { docs: true });

    // What the page tells people to check: the snapshot file hashes to the hash shown.
    const snapshot = Buffer.from(await (await fetch(`${stack.baseUrl}/api/public/rounds/${county.roundId}/snapshot.json?version=1`)).arrayBuffer());
    expect(createHash('sha256').update(snapshot).digest('hex')).toBe(hash);
    const csv = await (await fetch(`${stack.baseUrl}/api/public/rounds/${county.roundId}/results.csv?version=1`)).text();
    expect(csv).toContain(hash);
  });
});

describe('a rectification task', () => {
  it('is started, given evidence and submitted by staff of u1, then closed by the supervisor', async () => {
    const created = await api.post('/admin/tasks', { targetId: 's11', roundId: county.roundId, source: 'inspection', sourceRef: '暗访〔2026〕7号', problem: '上班时间窗口无人值守', deadlineWorkingDays: 5 }, supervisor);
    expect(created.status).toBe(201);
    const taskId = created.body.taskId as string;

    const page = await phonePage(browser);
    await loginStaffInBrowser(page, stack.baseUrl, '王科长', 'u1');
    await page.getByTestId('tasks-link').click();
    await page.getByTestId(`task-${taskId}`).waitFor({ timeout: 60_000 });
    await shot(page, '11-staff-tasks', { docs: true });
    await page.getByTestId(`task-${taskId}`).click();
    await page.getByTestId('task-problem').waitFor();
    expect(await page.getByTestId('task-problem').textContent()).toContain('上班时间窗口无人值守');

    await page.locator('textarea').fill('调整排班，午间安排专人值守');
    await page.locator('input[placeholder="姓名和职务"]').fill('李主任');
    await page.getByTestId('task-start').click();
    await page.getByTestId('evidence-upload').waitFor();
    await page.getByText('整改中').first().waitFor();

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('evidence-upload').click()]);
    await chooser.setFiles({ name: '值守排班表.png', mimeType: 'image/png', buffer: TINY_PNG });
    await page.getByTestId('evidence-item').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('evidence-item').textContent()).toContain('值守排班表.png');
    await page.getByTestId('task-submit').click();
    await page.getByText('已提交待验收').first().waitFor({ timeout: 60_000 });
    await shot(page, '12-staff-task-submitted', { docs: true });

    const after = await api.get(`/tasks/${taskId}`, supervisor);
    expect(after.body).toMatchObject({ status: 'submitted', measures: '调整排班，午间安排专人值守', owner: '李主任' });
    expect(after.body.evidence).toEqual([expect.objectContaining({ fileName: '值守排班表.png', contentType: 'image/png', size: TINY_PNG.length })]);
    const link = await api.get(`/tasks/${taskId}/evidence/${after.body.evidence[0].evidenceId}`, supervisor);
    const stored = Buffer.from(await (await fetch(`${stack.baseUrl}${link.body.url}`)).arrayBuffer());
    expect(stored.equals(TINY_PNG)).toBe(true);

    const closed = await api.post(`/admin/tasks/${taskId}/reinspection`, { passed: true, findings: '复查合格，窗口有人值守' }, supervisor);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect((closed.body.history as Array<{ kind: string }>).map((e) => e.kind)).toEqual(['opened', 'started', 'submitted', 'reinspection_passed']);

    await page.reload();
    await page.getByText('本任务已销号').waitFor({ timeout: 60_000 });
    await shot(page, '13-staff-task-closed');
  });
});
