import type { Browser, Page } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty } from '../support/fixtures';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot } from './support/browser';
import { loginSupervisorInBrowser } from './support/staff';
import { confirmModal } from './support/office-ui';

jest.setTimeout(240_000);

/**
 * Office steps that used to be API-only, taken on a phone through the H5 client: an account and a
 * window, the representative library from the Chinese template, a round on a picked set of
 * sections with its scheme's channels, tasks by the scheme's rules on the consequence sheet, and
 * the audit log. Each ends by asking the API what the screen did.
 */
let stack: TestStack;
let api: ApiClient;
let supervisor: string;
let browser: Browser;

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  supervisor = await api.login('jiwei-e2e-office', 'supervisor');
  // A published 好差评 round with one bad review, for the rule that opens one task per bad review.
  await seedSmallCounty(api, { roundId: 'of1', schemeId: 'haochaping', channels: ['sampling'] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function loginAdminInBrowser(page: Page, next: string): Promise<void> {
  await page.goto(`${stack.baseUrl}/#/staff/pages/login/index?next=${encodeURIComponent(next)}`);
  await page.locator('input[placeholder="请输入姓名"]').fill('县效能办管理员');
  await page.getByText('系统管理员', { exact: true }).click();
  await page.getByTestId('login-submit').click();
}

describe('office steps on the phone', () => {
  it('creates an office account with its one-time binding code, and a new window', async () => {
    const page = await phonePage(browser);
    await loginAdminInBrowser(page, '/admin/pages/accounts/index');
    await page.getByTestId('account-form').waitFor({ timeout: 60_000 });
    await page.getByTestId('account-id').locator('input').fill('jw-zhang');
    await page.getByTestId('account-name').locator('input').fill('张主任');
    await page.getByTestId('account-role-supervisor').click();
    await page.getByTestId('account-create').click();
    await page.getByTestId('account-bind-code').waitFor({ timeout: 60_000 });
    expect((await page.getByTestId('account-bind-code').textContent())?.trim()).toMatch(/^[A-Z0-9]{8}$/);

    await page.getByTestId('node-kind-window').click();
    await page.getByTestId('node-id').locator('input').fill('w113');
    await page.getByTestId('node-name').locator('input').fill('户政3号窗口');
    await page.getByTestId('node-parent').locator('input').fill('s11');
    await page.getByTestId('node-create').click();
    await page.getByText('新增窗口/岗位成功').waitFor({ timeout: 60_000 });
    const org = await api.get('/org?ids=w113');
    expect(org.body.nodes).toEqual([expect.objectContaining({ id: 'w113', name: '户政3号窗口', parentId: 's11' })]);
    await shot(page, '33-admin-accounts', { docs: true });
  });

  it('imports the representative library from the Chinese template, naming a bad cell by its column', async () => {
    const page = await phonePage(browser);
    await loginSupervisorInBrowser(page, stack.baseUrl, '纪委王科长', '/admin/pages/representatives/index');
    await page.getByTestId('reps-list').waitFor({ timeout: 60_000 });
    const csv = (category: string) => ['编号,姓名,类别,片区,工作单位编号,户号', 'R0001,张三,服务对象,城关镇,,H001', `R0002,李四,${category},,u1,`].join('\n');
    await page.getByTestId('reps-csv').locator('textarea').fill(csv('居委会'));
    await page.getByTestId('reps-import').click();
    await page.getByTestId('reps-row-error').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('reps-row-error').first().textContent()).toContain('第 3 行（类别）');
    expect((await api.get('/admin/representatives', supervisor)).body.representatives).toEqual([]);

    await page.getByTestId('reps-csv').locator('textarea').fill(csv('两代表一委员'));
    await page.getByTestId('reps-import').click();
    await page.getByText('已导入 2 人（新增 2，更新 0）').waitFor({ timeout: 60_000 });
    await page.getByTestId('reps-cat-deputies').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('reps-cat-deputies').textContent()).toBe('两代表一委员 1');
    await shot(page, '34-admin-representatives', { docs: true });
  });

  it('creates a 甘泉 round on two picked sections with the scheme’s own channels, saying what is wrong with a date', async () => {
    const page = await phonePage(browser);
    await loginSupervisorInBrowser(page, stack.baseUrl, '纪委王科长', '/admin/pages/rounds/index');
    const form = page.getByTestId('round-create-form');
    await form.waitFor({ timeout: 60_000 });
    await form.getByText('科室', { exact: true }).click();
    await page.getByTestId('round-scheme-ganquan').click();
    // The scheme's channels come with its body, read after the tap.
    await form.getByTestId('round-channel-hearing').waitFor({ timeout: 60_000 });
    // 甘泉 takes window and hearing ballots: nothing else is offered, both are preselected.
    expect(await form.locator('[data-testid^="round-channel-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(['round-channel-window', 'round-channel-hearing']);
    await page.getByTestId('round-id').locator('input').fill('gq9');
    await page.getByTestId('round-name').locator('input').fill('2026年度甘泉评议');
    await page.getByTestId('round-targets-s11').click();
    await page.getByTestId('round-targets-s12').click();
    await page.getByTestId('round-start').locator('input').fill('2026-12-31');
    await page.getByTestId('round-end').locator('input').fill('2026-01-01');
    await page.getByTestId('round-create').click();
    await page.getByText('开始日期不能晚于结束日期').waitFor({ timeout: 60_000 });
    expect((await api.get('/rounds/gq9', supervisor)).status).toBe(404);

    await page.getByTestId('round-start').locator('input').fill('2026-01-01');
    await page.getByTestId('round-end').locator('input').fill('2026-12-31');
    await page.getByTestId('round-create').click();
    await page.getByTestId('round-gq9').waitFor({ timeout: 60_000 });
    const round = (await api.get('/rounds/gq9', supervisor)).body.round;
    expect({ channels: round.channels, targetIds: round.targetIds, schemeId: round.schemeId }).toEqual({ channels: ['window', 'hearing'], targetIds: ['s11', 's12'], schemeId: 'ganquan' });
  });

  it('places the county’s 组别 in the ranking groups of a scheme that ranks by group (通河)', async () => {
    const page = await phonePage(browser);
    await loginSupervisorInBrowser(page, stack.baseUrl, '纪委王科长', '/admin/pages/rounds/index');
    const form = page.getByTestId('round-create-form');
    await form.waitFor({ timeout: 60_000 });
    await page.getByTestId('round-scheme-tonghe').click();
    await page.getByTestId('round-id').locator('input').fill('th9');
    await page.getByTestId('round-name').locator('input').fill('2026年度通河评议');
    await page.getByTestId('round-targets-u1').click();
    await page.getByTestId('round-targets-u2').click();
    // The county's 组别 c1 is called 执法监督组, like the scheme's group: proposed by its name.
    const row = page.getByTestId('round-group-c1');
    await row.getByTestId('round-group-c1-enforcement').waitFor({ timeout: 60_000 });
    expect(await row.locator('.is-on').allTextContents()).toEqual(['执法监督组']);
    await row.scrollIntoViewIfNeeded();
    await shot(page, '36-admin-round-groups', { docs: true });
    // This county ranks these two bureaux with the service units instead.
    await page.getByTestId('round-group-c1-service').click();
    await page.getByTestId('round-create').click();
    await page.getByTestId('round-th9').waitFor({ timeout: 60_000 });
    const round = (await api.get('/rounds/th9', supervisor)).body.round;
    expect({ schemeId: round.schemeId, targetIds: round.targetIds, groupMap: round.groupMap }).toEqual({ schemeId: 'tonghe', targetIds: ['u1', 'u2'], groupMap: { c1: 'service' } });
  });

  it('publishes after a confirmation, opens the tasks the scheme promises, and shows it all in the audit log', async () => {
    const page = await phonePage(browser);
    await loginSupervisorInBrowser(page, stack.baseUrl, '纪委王科长', '/admin/pages/rounds/index');
    const card = page.getByTestId('round-of1');
    await card.waitFor({ timeout: 60_000 });
    await card.getByTestId('close-of1').click();
    await confirmModal(page, '不再接受任何评价');
    await card.getByTestId('review-of1').click();
    await page.getByTestId('publish').waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await page.getByTestId('publish').click();
    await confirmModal(page, '不能撤回');
    await page.getByTestId('published-hash').waitFor({ timeout: 60_000 });

    await page.goto(`${stack.baseUrl}/#/admin/pages/consequences/index?roundId=of1`);
    await page.getByTestId('tasks-from-rules').waitFor({ timeout: 60_000 });
    await page.getByTestId('tasks-from-rules').click();
    await page.getByTestId('tasks-outcome').waitFor({ timeout: 60_000 });
    // Publication opened them already: running the rule again opens nothing twice.
    expect(await page.getByTestId('tasks-outcome').textContent()).toMatch(/^新建 0 项，已有 \d+ 项/);

    await page.goto(`${stack.baseUrl}/#/admin/pages/audit/index`);
    await page.getByTestId('audit-entry').first().waitFor({ timeout: 60_000 });
    const steps = await page.getByTestId('audit-entry').allTextContents();
    expect(steps.some((s) => s.includes('发布结果') && s.includes('纪委王科长'))).toBe(true);
    expect(steps.some((s) => s.includes('结束评议'))).toBe(true);
    await shot(page, '35-admin-audit-log', { docs: true });
  });
});
