import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { phonePage } from './browser';
import { landedOn } from './staff';

/**
 * The supervising office's steps, taken the way a clerk takes them: on the H5 admin screens at
 * phone size, tapping what is on the screen. Nothing here calls the API; a test asks the API only
 * to check what the screens did. Shared by the per-programme walks (programme-*.test.ts).
 */

const WAIT = { timeout: 60_000 };
export const text = async (l: Locator): Promise<string> => (await l.textContent())?.trim() ?? '';

/** Today in China time plus `offsetDays`, YYYY-MM-DD: the dates a clerk types. */
export const chinaDay = (offsetDays = 0): string => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10);

/** Dev-logs someone of the office in on the H5 login page (评议主管部门, or 系统管理员) and lands on `next`. */
export async function loginOffice(page: Page, baseUrl: string, name: string, next: string, role: 'supervisor' | 'admin' = 'supervisor'): Promise<void> {
  await page.goto(`${baseUrl}/#/staff/pages/login/index?next=${encodeURIComponent(next)}`);
  await page.locator('input[placeholder="请输入姓名"]').fill(name);
  await page.getByText(role === 'admin' ? '系统管理员' : '评议主管部门', { exact: true }).click();
  await page.getByTestId('login-submit').click();
  await landedOn(page, next);
}

/** A new phone page logged in as someone of the office, on `next`. */
export async function officePage(browser: Browser, baseUrl: string, name: string, next: string): Promise<Page> {
  const page = await phonePage(browser);
  await loginOffice(page, baseUrl, name, next);
  return page;
}

/** Goes to an admin page inside the logged-in session (a hash route: no reload of the session). */
export async function goAdmin(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto(`${baseUrl}/#${route}`);
}

/**
 * Answers the modal that asks once more (Taro's H5 showModal), checking it says `says`; resolves
 * once it is hidden, so the next modal cannot be mistaken for this one; returns its whole text.
 */
export async function answerModal(page: Page, says: string, answer: 'confirm' | 'cancel'): Promise<string> {
  const modal = page.locator('.taro-modal__text');
  await modal.waitFor({ timeout: 60_000 });
  const content = await text(modal);
  if (!content.includes(says)) throw new Error(`the confirmation says "${content}", not "${says}"`);
  await page.locator(answer === 'confirm' ? '.taro-model__confirm' : '.taro-model__cancel').click();
  // The modal is hidden (display: none) after a 200 ms fade, never removed: waiting for it to
  // leave the DOM spent a whole minute per confirmation.
  await modal.waitFor({ state: 'hidden', timeout: 60_000 });
  return content;
}

/** Confirms the modal that asks once more, checking it says `says`; returns its whole text. */
export const confirmModal = (page: Page, says: string): Promise<string> => answerModal(page, says, 'confirm');

/** 导入单位: pastes the organisation CSV (Chinese headers) and imports it; returns the screen's message. */
export async function importOrganisation(page: Page, baseUrl: string, csv: string): Promise<string> {
  await goAdmin(page, baseUrl, '/admin/pages/import/index');
  await page.getByTestId('org-csv').locator('textarea').fill(csv);
  await page.getByTestId('org-import').click();
  const message = page.getByTestId('org-import-message');
  await message.waitFor(WAIT);
  return text(message);
}

export type ProgrammeDraft = { id: string; name: string; schemeId: string; cadence: 'month' | 'quarter' | 'half' | 'year'; targetKind: 'unit' | 'section' | 'window' };

/** 评议项目 → 新建评议项目: fills the form and waits for the programme's card. */
export async function createProgrammeOnScreen(page: Page, baseUrl: string, p: ProgrammeDraft): Promise<void> {
  await goAdmin(page, baseUrl, '/admin/pages/programmes/index');
  await page.getByTestId(`programme-scheme-${p.schemeId}`).waitFor(WAIT);
  await page.getByTestId('programme-id').locator('input').fill(p.id);
  await page.getByTestId('programme-name').locator('input').fill(p.name);
  await page.getByTestId(`programme-scheme-${p.schemeId}`).click();
  await page.getByTestId(`programme-cadence-${p.cadence}`).click();
  await page.getByTestId(`programme-kind-${p.targetKind}`).click();
  await page.getByTestId('programme-create').click();
  await page.getByTestId(`programme-${p.id}`).waitFor(WAIT);
}

export type RoundDraft = {
  id: string;
  name: string;
  period: string;
  programmeId?: string;
  schemeId: string;
  targetKind: 'unit' | 'section';
  /** Picked in the target picker by searching each name and tapping it. */
  targets: Array<{ id: string; name: string }>;
  start: string;
  end: string;
};

/**
 * 评议轮次 → 新建评议轮次: the programme (which sets scheme and level), the targets picked by
 * name through the picker's search, the dates; creates it and opens it. Returns the channels
 * the form preselected from the scheme.
 */
export async function createRoundOnScreen(page: Page, baseUrl: string, r: RoundDraft): Promise<string[]> {
  await goAdmin(page, baseUrl, '/admin/pages/rounds/index');
  const form = page.getByTestId('round-create-form');
  await form.waitFor(WAIT);
  if (r.programmeId) {
    await page.getByTestId(`round-programme-${r.programmeId}`).waitFor(WAIT);
    await page.getByTestId(`round-programme-${r.programmeId}`).click();
  }
  await page.getByTestId(`round-scheme-${r.schemeId}`).waitFor(WAIT);
  await page.getByTestId(`round-scheme-${r.schemeId}`).click();
  if (!r.programmeId) await page.getByTestId(`round-kind-${r.targetKind}`).click();
  await page.getByTestId('round-id').locator('input').fill(r.id);
  await page.getByTestId('round-name').locator('input').fill(r.name);
  await page.getByTestId('round-period').locator('input').fill(r.period);
  const search = page.getByTestId('round-targets-search').locator('input');
  for (const t of r.targets) {
    await search.fill(t.name);
    const chip = page.getByTestId(`round-targets-${t.id}`);
    await chip.waitFor(WAIT);
    if (!((await chip.getAttribute('class')) ?? '').includes('is-on')) await chip.click();
  }
  await search.fill('');
  await page.getByTestId('round-start').locator('input').fill(r.start);
  await page.getByTestId('round-end').locator('input').fill(r.end);
  // The channels the scheme takes, all preselected.
  const channels = await form.locator('[data-testid^="round-channel-"].is-on').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('round-channel-', '')));
  await page.getByTestId('round-create').click();
  const open = page.getByTestId(`open-${r.id}`);
  await open.waitFor(WAIT);
  await open.click();
  await page.getByTestId(`close-${r.id}`).waitFor(WAIT);
  return channels;
}

/** 窗口二维码: issues a window's QR (confirming that an old poster stops working); returns the poster's link. */
export async function issueWindowPoster(page: Page, baseUrl: string, window: { id: string; name: string }): Promise<string> {
  await goAdmin(page, baseUrl, '/admin/pages/qr/index');
  await page.getByTestId('qr-search').locator('input').fill(window.name);
  const card = page.getByTestId(`window-${window.id}`);
  await card.waitFor(WAIT);
  await card.getByTestId(`qr-issue-${window.id}`).click();
  await confirmModal(page, '旧海报立即失效');
  const link = card.locator('.admin__link').first();
  await page.waitForFunction((id) => document.querySelector(`[data-testid="window-${id}"] .admin__link`)?.textContent?.includes('token='), window.id, WAIT);
  return text(link);
}

/** 纸质测评表 → 印发新一批: `count` forms of `kind` to each target, picked by tapping. */
export async function issuePaperForms(page: Page, baseUrl: string, roundId: string, targetIds: string[], count: number, kind?: string): Promise<void> {
  await goAdmin(page, baseUrl, `/admin/pages/paper/index?id=${roundId}`);
  await page.getByTestId(`paper-target-${targetIds[0]}`).waitFor(WAIT);
  if (kind) await page.getByTestId(`paper-kind-${kind}`).click();
  for (const id of targetIds) await page.getByTestId(`paper-target-${id}`).click();
  await page.getByTestId('paper-count').locator('input').fill(String(count));
  await page.getByTestId('paper-issue-submit').click();
  for (const id of targetIds) await page.getByTestId(`paper-row-${id}`).waitFor(WAIT);
}

export type PrintedForm = { serial: string; text: string };

/**
 * 打印全部测评表: taps the print button and reads the PDF it opens as the clerk reads the
 * printed pages (pdftotext), one form per page: its serial and its text (the target's name).
 */
export async function printAllForms(page: Page): Promise<PrintedForm[]> {
  // The screen fetches the PDF and opens it as a blob in a new tab (which a page's CSP keeps
  // from being read back): the bytes are taken as they pass, the screen gets them unchanged.
  let bytes: Buffer | undefined;
  await page.route('**/paper/forms.pdf', async (route) => {
    const response = await route.fetch();
    bytes = await response.body();
    await route.fulfill({ response, body: bytes });
  });
  const [popup] = await Promise.all([page.context().waitForEvent('page', { timeout: 60_000 }), page.getByTestId('paper-print-all').click()]);
  await popup.close();
  await page.unroute('**/paper/forms.pdf');
  if (!bytes) throw new Error('the print button opened no PDF');
  const dir = mkdtempSync(path.join(tmpdir(), 'forms-'));
  const file = path.join(dir, 'forms.pdf');
  writeFileSync(file, bytes);
  const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
  return pages.map((p) => {
    const m = /编号\s*([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(p);
    if (!m) throw new Error(`a printed form without a serial:\n${p}`);
    return { serial: m[1]!, text: p };
  });
}

/**
 * 纸质表录入: one clerk keys one returned form — the serial, the date when the sheet carries one,
 * one option per item — and submits; returns the screen's message.
 */
export async function keyPaperForm(page: Page, serial: string, answers: Record<string, string>, date?: string): Promise<string> {
  await page.getByTestId('intake-serial').locator('input').fill(serial);
  await page.getByTestId('intake-find').click();
  const form = page.getByTestId('intake-form');
  await form.waitFor(WAIT);
  if (date) await page.getByTestId('intake-date').locator('input').fill(date);
  for (const [item, value] of Object.entries(answers)) await form.getByTestId(`option-${item}-${value}`).click();
  await form.getByTestId('submit').click();
  await form.waitFor({ state: 'detached', ...WAIT });
  return text(page.getByTestId('intake-message'));
}

/** 录入分歧裁定: the supervisor keys what the paper says, with a reason. */
export async function resolvePaperMismatch(page: Page, baseUrl: string, roundId: string, serial: string, reason: string, answers: Record<string, string>): Promise<void> {
  await goAdmin(page, baseUrl, `/admin/pages/paper-mismatches/index?id=${roundId}`);
  const card = page.getByTestId(`mismatch-${serial}`);
  await card.waitFor(WAIT);
  await card.getByTestId('mismatch-reason').locator('input').fill(reason);
  for (const [item, value] of Object.entries(answers)) await card.getByTestId(`option-${item}-${value}`).click();
  await card.getByTestId('submit').click();
  await card.waitFor({ state: 'detached', ...WAIT });
}

/** 录入数据: pastes rows copied from Excel (header row of the table's Chinese column names), saves; returns the message. */
export async function enterInputs(page: Page, baseUrl: string, roundId: string, rows: string[][]): Promise<string> {
  await goAdmin(page, baseUrl, `/admin/pages/inputs/index?id=${roundId}`);
  await page.getByTestId('inputs-table').waitFor(WAIT);
  await page.getByTestId('inputs-paste').locator('textarea').fill(rows.map((r) => r.join('\t')).join('\n'));
  await page.getByTestId('inputs-paste-apply').click();
  await page.getByTestId('inputs-paste-apply').waitFor(WAIT);
  await page.getByTestId('inputs-save').click();
  // The paste's own notice ("已填入 …") stands until the save answers.
  await page.waitForFunction(() => /已保存|未保存|失败/.test(document.querySelector('[data-testid="inputs-message"]')?.textContent ?? ''), undefined, WAIT);
  return text(page.getByTestId('inputs-message'));
}

/** 导入单位 → 导入电话测评结果: pastes the call centre's CSV for the (only) open phone round; returns the message. */
export async function importPhoneSurvey(page: Page, baseUrl: string, csv: string, roundName?: string): Promise<string> {
  await goAdmin(page, baseUrl, '/admin/pages/import/index');
  const box = page.getByTestId('phone-survey');
  await box.waitFor(WAIT);
  if (roundName) await box.getByText(roundName, { exact: true }).click();
  await page.getByTestId('phone-csv').locator('textarea').fill(csv);
  await page.getByTestId('phone-import').click();
  const message = page.getByTestId('phone-message');
  await message.waitFor(WAIT);
  return text(message);
}

/** 评议轮次 → 结束: ends the round after its confirmation. */
export async function closeRoundOnScreen(page: Page, baseUrl: string, roundId: string): Promise<void> {
  await goAdmin(page, baseUrl, '/admin/pages/rounds/index');
  const card = page.getByTestId(`round-${roundId}`);
  await card.getByTestId(`close-${roundId}`).waitFor(WAIT);
  await card.getByTestId(`close-${roundId}`).click();
  await confirmModal(page, '不再接受任何评价');
  await card.getByTestId(`review-${roundId}`).waitFor(WAIT);
}

export type ReviewRow = { targetId: string; rank: string; name: string; value: string; marks: string };

/** 审核发布: the ranking the office reads before publishing, row by row. */
export async function readReviewRanking(page: Page, baseUrl: string, roundId: string): Promise<ReviewRow[]> {
  await goAdmin(page, baseUrl, `/admin/pages/review/index?id=${roundId}`);
  await page.getByTestId('result-ranking').waitFor(WAIT);
  return page.locator('[data-testid^="ranking-"].result-ranking__row').evaluateAll((rows) =>
    rows.map((r) => ({
      targetId: r.getAttribute('data-testid')!.replace('ranking-', ''),
      rank: r.querySelector('.result-ranking__rank')?.textContent?.trim() ?? '',
      name: r.querySelector('.result-ranking__name')?.textContent?.trim() ?? '',
      value: r.querySelector('.result-ranking__value')?.textContent?.trim() ?? '',
      marks: r.querySelector('.result-ranking__marks')?.textContent?.trim() ?? '',
    })),
  );
}

/**
 * 审核发布 → 发布评议结果: taps publish on the review page (already open), checks the
 * confirmation's preview, confirms; returns the preview's text once the hash is shown.
 */
export async function publishOnScreen(page: Page): Promise<string> {
  await page.getByTestId('publish').waitFor(WAIT);
  await page.waitForLoadState('networkidle');
  await page.getByTestId('publish').click();
  const preview = await confirmModal(page, '不能撤回');
  await page.getByTestId('published-hash').waitFor({ timeout: 60_000 });
  return preview;
}

export type PublishedRow = { targetId: string; rank: string; name: string; total: string; grade: string; lines: string[] };

/** The public page of a published round: every row in the published order, and the consequence list. */
export async function readPublished(page: Page, baseUrl: string, roundId: string): Promise<{ rows: PublishedRow[]; /** "who label" per action, e.g. "户政科（第 1 名） 通报表扬". */ consequences: string[] }> {
  await page.goto(`${baseUrl}/#/public/pages/round/index?id=${roundId}`);
  await page.getByTestId('round-title').waitFor(WAIT);
  const rows = await page.locator('[data-testid^="result-"].group-table__row').evaluateAll((els) =>
    els.map((r) => ({
      targetId: r.getAttribute('data-testid')!.replace('result-', ''),
      rank: r.querySelector('[data-testid="rank"]')?.textContent?.trim() ?? '',
      name: r.querySelector('.group-table__name')?.textContent?.trim() ?? '',
      total: r.querySelector('[data-testid="total"]')?.textContent?.trim() ?? '',
      grade: r.querySelector('[data-testid="grade"]')?.textContent?.trim() ?? '',
      lines: Array.from(r.children).slice(1).map((c) => c.textContent?.trim() ?? ''),
    })),
  );
  const consequences = await page.locator('.consequence-list__row').evaluateAll((els) =>
    els.map((e) => `${e.querySelector('.consequence-list__who')?.textContent?.trim()} ${e.querySelector('.consequence-list__label')?.textContent?.trim()}`),
  );
  return { rows, consequences };
}

/** A citizen on their own phone (a fresh context: their own identity) rates from a link; returns the receipt id. */
export async function rateAsCitizen(browser: Browser, url: string, answers: Record<string, string>, comment?: string): Promise<string> {
  const page = await phonePage(browser);
  try {
    await page.goto(url);
    for (const [item, value] of Object.entries(answers)) {
      const option = page.getByTestId(`option-${item}-${value}`);
      await option.waitFor(WAIT);
      await option.click();
    }
    if (comment) await page.locator('textarea').fill(comment);
    await page.getByTestId('submit').click();
    await page.getByTestId('receipt-id').waitFor(WAIT);
    return text(page.getByTestId('receipt-id'));
  } finally {
    await page.context().close();
  }
}
