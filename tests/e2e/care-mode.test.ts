import type { Browser, Page } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, shot, visit as openFresh } from './support/browser';
import { CARE, checkCarePage, measure, NORMAL } from './support/measure';

jest.setTimeout(300_000);

/**
 * 关怀模式 and the 适老化 numbers on every citizen page, measured in a phone-sized Chromium
 * (390×844, zh-CN) in both modes: text ≥ 16 px (≥ 18 px in care mode), form fields ≥ 16 px, tap
 * targets ≥ 44 px (≥ 60 px), contrast ≥ 4.5:1, face labels unbroken, nothing wider than the phone.
 *
 * The county: a 好差评 window round (faces), a second window round on one section (the round
 * chooser), and a 南川 冷懒推乱贪 round with invitations over twenty sections (grouping, search).
 */

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let nanchuan: SmallCounty;
let browser: Browser;
let page: Page;

const MORE_SECTIONS: Array<[string, string, string[]]> = [
  ['u3', '人力资源和社会保障局', ['社会保险科', '就业促进科', '劳动关系科', '人才服务科']],
  ['u4', '市场监督管理局', ['登记注册科', '食品安全科', '质量监督科', '价格监督科']],
  ['u5', '自然资源局', ['不动产登记中心', '规划管理科', '耕地保护科', '测绘管理科']],
  ['u6', '医疗保障局', ['待遇保障科', '基金监管科', '医药服务科', '稽核科']],
];

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { roundId: 'hcp', name: '2026年第四季度政务服务好差评', schemeId: 'haochaping', channels: ['window', 'sampling'] });
  const rows = ['kind,id,name,parentId,formKey'];
  for (const [unit, name, sections] of MORE_SECTIONS) {
    rows.push(`unit,${unit},${name},c1,`);
    sections.forEach((s, i) => rows.push(`section,${unit}s${i + 1},${s},${unit},`));
  }
  const imported = await api.call('POST', '/admin/nodes/import', { raw: rows.join('\n'), contentType: 'text/csv', token: county.admin });
  expect(imported.status).toBe(201);
  // A second window round on 户政科 only: its windows are in two open rounds.
  await seedSmallCounty(api, { roundId: 'extra', name: '2026年第四季度户政业务专项评议', importOrg: false, channels: ['window'], targetIds: ['s11'] });
  nanchuan = await seedSmallCounty(api, { roundId: 'nc', name: '2026年第四季度最难办事科室群众评', schemeId: 'nanchuan', importOrg: false, channels: ['directed', 'sampling'] });
  browser = await launchChromium();
  page = await phonePage(browser);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const url = (hash: string) => `${stack.baseUrl}/#/pages/${hash}`;
const windowUrl = (w: string) => url(`rate/index?token=${encodeURIComponent(county.windowTokens[w]!)}`);
const inviteToken = () => nanchuan.invitations[0]!.token;

const check = (name: string, mode: 'normal' | 'care') => checkCarePage(page, name, mode);
const visit = (hash: string, ready: string) => openFresh(page, hash, ready);

describe.each(['normal', 'care'] as const)('every citizen page in %s mode', (mode) => {
  it('has the mode the toggle says, remembered across pages', async () => {
    await visit(url('index/index'), 'care-toggle');
    const want = mode === 'care' ? 'on' : 'off';
    const toggle = page.getByTestId('care-toggle').first();
    if ((await page.locator('[data-care]').first().getAttribute('data-care')) !== want) await toggle.click();
    await page.locator(`[data-care="${want}"]`).first().waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe(String(mode === 'care'));
    await page.reload();
    await page.locator(`[data-care="${want}"]`).first().waitFor({ timeout: 60_000 });
    await check('index', mode);
  });

  it('privacy', async () => {
    await visit(url('privacy/index'), 'care-toggle');
    await check('privacy', mode);
  });

  it('the round chooser of a window in two rounds: cards naming round and window', async () => {
    await visit(windowUrl('w111'), 'pick-extra');
    const card = page.getByTestId('pick-hcp');
    expect(await card.textContent()).toContain('2026年第四季度政务服务好差评');
    expect(await card.textContent()).toContain('户政1号窗口');
    await check('rate-round-chooser', mode);
  });

  it('the 好差评 ballot with drawn faces, then the receipt', async () => {
    const w = mode === 'normal' ? 'w121' : 'w211';
    await visit(windowUrl(w), 'target-path');
    // Faces are pictures, not an emoji font's glyphs.
    expect(await page.locator('.choice__face').count()).toBe(5);
    expect(await page.locator('.choice__face img, img.choice__face').first().getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    await check('rate-faces', mode);
    await page.getByText('非常满意', { exact: true }).click();
    await page.locator('textarea').fill('窗口工作人员耐心细致');
    await check('rate-filled', mode);
    await page.getByTestId('submit').click();
    await page.getByTestId('receipt').waitFor({ timeout: 60_000 });
    await check('receipt', mode);

    // Rating the same window again: said on landing, no form.
    await visit(windowUrl(w), 'already-rated');
    expect(await page.getByTestId('submit').count()).toBe(0);
    await check('rate-already-rated', mode);
  });

  it('the invitation list, grouped and searchable, and the 冷懒推乱贪 ballot', async () => {
    await visit(url(`invite/index?token=${encodeURIComponent(inviteToken())}`), 'progress');
    await page.getByTestId('target-search').waitFor({ timeout: 60_000 });
    await check('invite', mode);
    await page.getByTestId('target-search').locator('input').fill('医疗');
    await page.getByTestId('group-u6').waitFor();
    expect(await page.locator('[data-testid^="group-"]').count()).toBe(1);
    await page.getByTestId('target-u6s2').waitFor();
    await check('invite-search', mode);
    await page.getByTestId('target-u6s2').click();
    await page.locator('[data-testid="target-path"]:visible').first().waitFor({ timeout: 60_000 });
    await check('rate-problems', mode);
  });

  it('the sampling link list', async () => {
    await visit(url(`sample/index?token=${encodeURIComponent(county.samplingToken)}`), 'target-search');
    await check('sample', mode);
  });

  it('我的评价', async () => {
    await visit(url('mine/index'), 'mine-item');
    await check('mine', mode);
  });
});

describe('an invitation, one target after another', () => {
  const shownBy = (testId: string) => page.locator(`[data-testid="${testId}"]:visible`).first();
  const targetIdInUrl = () => /[?&]targetId=([^&]+)/.exec(page.url())?.[1];

  it('counts progress, offers 下一个 on the receipt, marks the rated item on return and says "already rated" before any form', async () => {
    await visit(url(`invite/index?token=${encodeURIComponent(nanchuan.invitations[1]!.token)}`), 'invite-next');
    const total = Number(/共 (\d+)/.exec((await shownBy('progress').textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThan(12);
    expect(await shownBy('progress').textContent()).toBe(`已评 0 / 共 ${total}`);
    const firstName = /：(.+) ›/.exec((await shownBy('invite-next').textContent()) ?? '')?.[1];
    expect(firstName).toBeTruthy();
    // Every frame of the page transitions: the document never gets wider than the phone.
    await page.evaluate(() => {
      const w = window as unknown as { __widest: number };
      w.__widest = 0;
      const tick = () => {
        w.__widest = Math.max(w.__widest, document.documentElement.scrollWidth);
        requestAnimationFrame(tick);
      };
      tick();
    });

    await shownBy('invite-next').click();
    await shownBy('submit').waitFor({ timeout: 60_000 });
    const firstId = targetIdInUrl();
    expect(firstId).toBeTruthy();
    await shownBy('submit').click(); // no problem met: the nanchuan form asks nothing else
    await shownBy('receipt').waitFor({ timeout: 60_000 });
    expect(await shownBy('receipt-progress').textContent()).toBe(`已评 1 / 共 ${total}`);
    expect(await shownBy('next-target').textContent()).toMatch(/^下一个：/);
    await shot(page, 'invite-receipt-next', { docs: true });

    // Back to the list: read again, the counter moved, the item is marked.
    await page.locator('.receipt__link:visible', { hasText: '返回邀请列表' }).click();
    await page.locator('[data-testid="progress"]:visible', { hasText: `已评 1 / 共 ${total}` }).waitFor({ timeout: 60_000 });
    expect(await shownBy('invite-next').textContent()).not.toContain(firstName!);
    await shownBy('target-search').locator('input').fill(firstName!);
    expect(await shownBy(`target-${firstId}`).textContent()).toContain('已评价');
    await shot(page, 'invite-list-after-one', { docs: true });
    expect(await page.evaluate(() => (window as unknown as { __widest: number }).__widest)).toBeLessThanOrEqual(390);

    // The rated item again: said on landing, no form to fill.
    await shownBy(`target-${firstId}`).click();
    await shownBy('already-rated').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="submit"]:visible').count()).toBe(0);

    // 下一个 opens the next unrated target's form directly.
    await visit(url(`invite/index?token=${encodeURIComponent(nanchuan.invitations[1]!.token)}`), 'invite-next');
    await shownBy('invite-next').click();
    await shownBy('submit').waitFor({ timeout: 60_000 });
    const secondId = targetIdInUrl();
    expect(secondId).not.toBe(firstId);
    await shownBy('submit').click();
    await shownBy('next-target').click();
    await shownBy('submit').waitFor({ timeout: 60_000 });
    expect([firstId, secondId]).not.toContain(targetIdInUrl());
    expect(await page.locator('[data-testid="already-rated"]:visible').count()).toBe(0);
  });
});

describe('the measurement itself', () => {
  it('fails a page below the numbers and names each offence', async () => {
    const probe = await phonePage(browser);
    // A phone page declares its viewport; without it mobile Chromium lays out 980 px wide.
    const head = '<meta name="viewport" content="width=device-width, initial-scale=1">';
    await probe.setContent(`${head}<body style="margin:0;background:#fff">
      <p style="font-size:12px;color:#222">小字</p>
      <p style="font-size:20px;color:#aaa">浅灰</p>
      <textarea style="font-size:13px;width:300px;height:80px"></textarea>
      <div id="tap" style="font-size:20px;color:#222;width:30px;height:30px">点</div>
      <div style="width:800px;height:10px"></div></body>`);
    // The measurement finds taps where React put an onClick.
    await probe.evaluate(() => Object.assign(document.getElementById('tap')!, { __reactProps$probe: { onClick: () => undefined } }));
    const found = await measure(probe, NORMAL);
    expect(found.map((o) => o.rule).sort()).toEqual(['contrast', 'field', 'tap', 'text', 'width']);
    expect(found.find((o) => o.rule === 'text')!.value).toBe(12);

    // What passes the normal numbers can fail the care-mode ones.
    await probe.setContent(`${head}<body style="margin:0;background:#fff"><div id="tap" style="font-size:17px;color:#222;width:300px;height:50px">十七像素</div></body>`);
    await probe.evaluate(() => Object.assign(document.getElementById('tap')!, { __reactProps$probe: { onClick: () => undefined } }));
    expect(await measure(probe, NORMAL)).toEqual([]);
    expect((await measure(probe, CARE)).map((o) => o.rule).sort()).toEqual(['tap', 'text']);
    await probe.context().close();
  });
});
