import type { Browser } from 'playwright-core';
import { commitmentOf } from '@shared/draw';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { libraryCsv, outbox, tokenOf } from '../support/panel';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot } from './support/browser';
import { loginSupervisorInBrowser } from './support/staff';

jest.setTimeout(180_000);

let stack: TestStack;
let api: ApiClient;
let tonghe: SmallCounty;
let browser: Browser;
/** Hearing tokens of the three drawn representatives, in draw order. */
let sheets: string[];

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  tonghe = await seedSmallCounty(api, { roundId: 'th', schemeId: 'tonghe', channels: ['hearing'], groupMap: { c1: 'enforcement' } });
  expect((await api.call('POST', '/admin/representatives/import', { raw: libraryCsv(), contentType: 'text/csv', token: tonghe.admin })).status).toBe(201);
  const values = { 县纠风办: 'jf-e2e-aa', 公证员: 'gz-e2e-bb' };
  const strata = [{ id: 'public', weight: 1 }, { id: 'deputies', weight: 1 }, { id: 'retired', weight: 1 }];
  const commitments = Object.entries(values).map(([party, v]) => ({ party, commitment: commitmentOf(v) }));
  expect((await api.post('/admin/rounds/th/draws', { id: 'hd', label: '听证会评议代表', n: 3, strata, commitments }, tonghe.admin)).status).toBe(201);
  const drawn = await api.post('/admin/draws/hd/reveal', { reveals: Object.entries(values).map(([party, value]) => ({ party, value })) }, tonghe.admin);
  const members = (drawn.body.selection as Array<{ ids: string[] }>).flatMap((s) => s.ids);
  const expiresAt = new Date(Date.now() + 86400_000).toISOString();
  expect((await api.post('/admin/rounds/th/hearings', { id: 'h1', name: '执法监督组听证会', drawId: 'hd', targetIds: ['s11', 's12'], expiresAt }, tonghe.admin)).status).toBe(201);
  const byMember = new Map((await outbox(stack)).map((m) => [m.memberId, tokenOf(m.page)]));
  sheets = members.map((m) => byMember.get(m)!);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('a hearing on the spot', () => {
  it('a representative scores a unit on the phone, leaving an item blank, and the chair’s screen follows', async () => {
    const chair = await phonePage(browser);
    await loginSupervisorInBrowser(chair, stack.baseUrl, '纠风办主持人', '/admin/pages/rounds/index');
    await chair.getByTestId('hearing-link-h1').click();
    const s11 = chair.getByTestId('hearing-s11');
    await s11.waitFor({ timeout: 60_000 });
    expect(await s11.getByTestId('sheets').textContent()).toBe('已收回 0 / 3 份');

    // A representative opens the invitation from the subscription message and scores 户政科.
    const rep = await phonePage(browser);
    await rep.goto(`${stack.baseUrl}/#/pages/rate/index?token=${encodeURIComponent(sheets[0]!)}`);
    await rep.getByText('您是本次听证评议的评议代表').waitFor({ timeout: 60_000 });
    await rep.getByText('户政科').first().click();
    // 好 on the first four items; 制度建设 left blank, which the scheme counts as 一般.
    const items = rep.locator('[data-testid^="item-"]');
    await items.first().waitFor({ timeout: 60_000 });
    const n = await items.count();
    expect(n).toBe(5);
    for (let i = 0; i < n - 1; i++) await items.nth(i).getByText('好', { exact: true }).click();
    await rep.getByTestId('submit').click();
    await rep.getByTestId('receipt-id').waitFor({ timeout: 60_000 });

    // The chair's page refreshes by itself: 1 of 3 sheets, (4 × 20 + 10) = 90 points.
    await s11.getByText('已收回 1 / 3 份').waitFor({ timeout: 60_000 });
    expect(await s11.getByTestId('score').textContent()).toBe('听证得分 90.00');
    expect(await s11.textContent()).toContain('制度建设：好 0 · 较好 0 · 一般 1 · 差 0');

    // A second sheet through the API: the screen follows again.
    const all = (v: string) => ({ openness: v, lawful: v, service: v, integrity: v, institutions: v });
    expect((await api.post('/ballots', ballot(sheets[1]!, { targetId: 's11', answers: all('poor') }))).status).toBe(201);
    await s11.getByText('已收回 2 / 3 份').waitFor({ timeout: 60_000 });
    expect(await s11.getByTestId('score').textContent()).toBe('听证得分 57.50'); // (90 + 25) / 2
    await shot(chair, '16-hearing-live-tally', { docs: true });

    const tally = await api.get('/rounds/th/hearings/h1/tally', tonghe.admin);
    expect(tally.body.targets[0]).toMatchObject({ targetId: 's11', sheets: 2, score: 57.5 });
    expect(tally.body.targets[0].answers.institutions).toEqual({ fair: 1, poor: 1 });
  });
});
