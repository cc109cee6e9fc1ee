import type { Browser, Page } from 'playwright-core';
import { commitmentOf } from '@shared/draw';
import { displaySerial } from '@shared/paper/serial';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty } from '../support/fixtures';
import { libraryCsv } from '../support/panel';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, visit } from './support/browser';
import { checkCarePage, switchCareMode } from './support/measure';

jest.setTimeout(300_000);

/**
 * 关怀模式 on the pages anyone may open without logging in — the published rounds, one round's
 * ranking with its versions, grades, consequences and downloads, a panel draw with its re-check,
 * and a printed form answered on the phone — measured in both modes by the same code as the
 * citizen and staff pages (support/measure.ts), with a screenshot of each.
 *
 * 甘泉 round `pub1` published twice (a correction), so the version chips show; a 南川 round `pd`
 * still open, with a 55/35/10 draw run in public and one newspaper form issued.
 */
let stack: TestStack;
let api: ApiClient;
let browser: Browser;
let page: Page;
let serial: string;

const PARTIES = { 县纠风办: 'jf-20261201-7431', 公证处: 'gz-20261201-0958' };

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  const supervisor = await api.login('jiwei-pub', 'supervisor');

  const county = await seedSmallCounty(api, { roundId: 'pub1', name: '2026年第四季度群众满意度评议', schemeId: 'ganquan', channels: ['window'] });
  let n = 0;
  for (const [w, yes, no] of [['w111', 9, 1], ['w121', 5, 4], ['w211', 3, 1]] as const) {
    for (const overall of [...Array(yes).fill('satisfied'), ...Array(no).fill('unsatisfied')]) {
      expect((await api.post('/ballots', ballot(county.windowTokens[w]!, { answers: { overall } }), await api.login(`pub-${n++}`))).status).toBe(201);
    }
  }
  const inputs = { targets: [{ targetId: 's11', served: 12 }, { targetId: 's12', served: 10 }, { targetId: 's21', served: 5 }] };
  expect((await api.post('/admin/rounds/pub1/target-inputs', inputs, supervisor)).status).toBe(200);
  expect((await api.post('/admin/rounds/pub1/close', undefined, supervisor)).status).toBe(200);
  expect((await api.post('/admin/rounds/pub1/publish', {}, supervisor)).status).toBe(201);
  expect((await api.post('/admin/rounds/pub1/publish', { reason: '更正：补录服务人次' }, supervisor)).status).toBe(201);

  const pd = await seedSmallCounty(api, { roundId: 'pd', name: '2026年第四季度最难办事科室群众评', schemeId: 'nanchuan', channels: ['directed', 'sampling'], importOrg: false });
  expect((await api.call('POST', '/admin/representatives/import', { raw: libraryCsv(), contentType: 'text/csv', token: pd.admin })).status).toBe(201);
  const strata = [{ id: 'public', label: '服务对象和群众代表', weight: 55 }, { id: 'deputies', label: '两代表一委员', weight: 35 }, { id: 'retired', label: '离退休老干部', weight: 10 }];
  const commitments = Object.entries(PARTIES).map(([party, value]) => ({ party, commitment: commitmentOf(value) }));
  expect((await api.post('/admin/rounds/pd/draws', { id: 'pd1', label: '第四季度定向评议代表', n: 20, strata, commitments }, pd.admin)).status).toBe(201);
  expect((await api.post('/admin/draws/pd1/reveal', { reveals: Object.entries(PARTIES).map(([party, value]) => ({ party, value })) }, pd.admin)).status).toBe(200);
  const forms = await api.post('/admin/rounds/pd/paper/forms', { targetIds: ['s11'], count: 1, kind: 'newspaper' }, pd.admin);
  expect(forms.status).toBe(201);
  serial = displaySerial(forms.body.batches[0].serials[0]);

  browser = await launchChromium();
  page = await phonePage(browser);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const url = (hash: string) => `${stack.baseUrl}/#/public/pages/${hash}`;

describe.each(['normal', 'care'] as const)('every public page in %s mode', (mode) => {
  it('the published rounds', async () => {
    await visit(page, url('results/index'), 'published-pub1');
    await switchCareMode(page, mode);
    await checkCarePage(page, 'public-rounds', mode);
  });

  it('one round: versions, ranking with grades, consequences, downloads', async () => {
    await visit(page, url('round/index?id=pub1'), 'round-title');
    await page.locator('[data-testid="consequences"]:visible').waitFor({ timeout: 60_000 });
    expect(await page.locator('.version-box__version:visible').count()).toBe(2);
    await checkCarePage(page, 'public-round', mode);
  });

  it('a draw, re-run on this phone', async () => {
    await visit(page, url('draw/index?id=pd1'), 'draw-selection');
    await page.locator('[data-testid="draw-verify"]:visible').click();
    await page.locator('[data-testid="draw-verified"]:visible').waitFor({ timeout: 60_000 });
    await checkCarePage(page, 'public-draw', mode);
  });

  it('a printed form answered on the phone', async () => {
    await visit(page, url(`paper/index?serial=${serial}`), 'submit');
    await checkCarePage(page, 'public-paper', mode);
  });
});
