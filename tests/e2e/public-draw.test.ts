import type { Browser } from 'playwright-core';
import { commitmentOf } from '@shared/draw';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { EXCLUDED, libraryCsv } from '../support/panel';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot } from './support/browser';
import { loginSupervisorInBrowser } from './support/staff';

jest.setTimeout(180_000);

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let browser: Browser;

const VALUES = { 县纠风办: 'jf-20261201-7431', 公证处: 'gz-20261201-0958' };

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { schemeId: 'nanchuan', channels: ['directed'] });
  expect((await api.call('POST', '/admin/representatives/import', { raw: libraryCsv(), contentType: 'text/csv', token: county.admin })).status).toBe(201);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('a panel draw run in public and checked by anyone', () => {
  it('commits, reveals and draws 55/35/10 on the supervisor’s phone; a citizen re-runs it on theirs', async () => {
    const page = await phonePage(browser);
    await loginSupervisorInBrowser(page, stack.baseUrl, '纪委监督室', '/admin/pages/rounds/index');
    await page.getByTestId(`draws-${county.roundId}`).click();

    const form = page.getByTestId('draw-create');
    await form.waitFor({ timeout: 60_000 });
    await form.getByTestId('draw-id').locator('input').fill('pd1');
    await form.getByTestId('draw-label').locator('input').fill('第四季度定向评议代表');
    await form.getByTestId('draw-commitments').locator('textarea').fill(Object.entries(VALUES).map(([p, v]) => `${p}:${commitmentOf(v)}`).join('\n'));
    await form.getByTestId('draw-commit').click();

    const card = page.getByTestId('draw-pd1');
    await card.waitFor({ timeout: 60_000 });
    expect(await card.textContent()).toContain('待揭示');
    // A wrong value is refused and nothing is drawn.
    await card.getByTestId('reveal-县纠风办').locator('input').fill('guess');
    await card.getByTestId('reveal-公证处').locator('input').fill(VALUES.公证处);
    await card.getByTestId('draw-run').click();
    await page.getByTestId('draws-message').getByText('承诺', { exact: false }).waitFor({ timeout: 60_000 });
    expect((await api.get('/draws/pd1')).body.status).toBe('committed');

    await card.getByTestId('reveal-县纠风办').locator('input').fill(VALUES.县纠风办);
    await card.getByTestId('draw-run').click();
    await card.getByText('已抽取', { exact: false }).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('draw-log').textContent()).toContain('完成抽取');

    const drawn = (await api.get('/draws/pd1')).body;
    expect(drawn).toMatchObject({ status: 'drawn', n: 20, quotas: { public: 11, deputies: 7, retired: 2 } });
    const ids = (drawn.selection as Array<{ ids: string[] }>).flatMap((s) => s.ids);
    expect(ids).toHaveLength(20);
    expect(ids.filter((id) => EXCLUDED.includes(id))).toEqual([]);

    // Anyone, no login, from the round's published results: the public page shows the same
    // draw and re-runs it from the record.
    expect((await api.post(`/admin/rounds/${county.roundId}/close`, undefined, county.admin)).status).toBe(200);
    expect((await api.post(`/admin/rounds/${county.roundId}/publish`, {}, county.admin)).status).toBe(201);
    const citizen = await phonePage(browser);
    await citizen.goto(`${stack.baseUrl}/#/public/pages/round/index?id=${county.roundId}`);
    await citizen.getByTestId('draw-link-pd1').click({ timeout: 60_000 });
    await citizen.getByTestId('draw-selection').waitFor({ timeout: 60_000 });
    expect(await citizen.getByTestId('draw-seed').textContent()).toBe(drawn.seed);
    expect(await citizen.getByTestId('quota-public').textContent()).toBe('服务对象：11 人');
    for (const id of ids) expect(await citizen.getByTestId('draw-selection').textContent()).toContain(id);
    await citizen.getByTestId('draw-verify').click();
    await citizen.getByTestId('draw-verified').waitFor({ timeout: 60_000 });
    await shot(citizen, '17-public-draw-verified', { docs: true });
  });
});
