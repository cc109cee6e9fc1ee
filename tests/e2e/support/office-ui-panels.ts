import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { commitmentOf } from '@shared/draw';
import { goAdmin, text } from './office-ui';

/**
 * Office steps around panels and paper, tapped through the H5 admin screens (the generic ones,
 * login, org, programme, round, close and publish, are in office-ui.ts): the representative
 * library, a public draw, its invitations and letters, the paper intake of one sheet, and the
 * citizen's side of an invitation. Each waits for what the screen says, never for a time.
 */
const WAIT = { timeout: 60_000 };

/** Pastes the library (Chinese template) on 评议代表库 and imports it; returns the screen's message. */
export async function importRepresentatives(page: Page, baseUrl: string, csv: string): Promise<string> {
  await goAdmin(page, baseUrl, '/admin/pages/rounds/index');
  await page.getByTestId('nav-representatives').click(WAIT);
  await page.getByTestId('reps-list').waitFor(WAIT);
  await page.getByTestId('reps-csv').locator('textarea').fill(csv);
  await page.getByTestId('reps-import').click();
  const message = page.getByTestId('reps-message');
  await message.waitFor(WAIT);
  return text(message);
}

export interface DrawSpec {
  id: string;
  label: string;
  n: number;
  /** As the office writes it: `服务对象:55，两代表一委员:35，离退休老干部:10`. */
  strata: string;
  /** Party → secret value; the commitments are computed from them as each party would on its own device. */
  parties: Record<string, string>;
}

/** From the rounds list: 公开抽取评议代表 → commit (pool, quotas, commitments) → reveal → drawn. */
export async function runDraw(page: Page, baseUrl: string, roundId: string, spec: DrawSpec): Promise<void> {
  await goAdmin(page, baseUrl, '/admin/pages/rounds/index');
  await page.getByTestId(`draws-${roundId}`).click(WAIT);
  const form = page.getByTestId('draw-create');
  await form.waitFor(WAIT);
  await form.getByTestId('draw-id').locator('input').fill(spec.id);
  await form.getByTestId('draw-label').locator('input').fill(spec.label);
  await form.getByTestId('draw-n').locator('input').fill(String(spec.n));
  await form.getByTestId('draw-strata').locator('input').fill(spec.strata);
  await form.getByTestId('draw-commitments').locator('textarea').fill(Object.entries(spec.parties).map(([p, v]) => `${p}:${commitmentOf(v)}`).join('\n'));
  await form.getByTestId('draw-commit').click();
  const card = page.getByTestId(`draw-${spec.id}`);
  await card.getByText('待揭示', { exact: false }).waitFor(WAIT);
  for (const [party, value] of Object.entries(spec.parties)) await card.getByTestId(`reveal-${party}`).locator('input').fill(value);
  await card.getByTestId('draw-run').click();
  await card.getByText('已抽取', { exact: false }).waitFor(WAIT);
}

/** On the draw's card (draws page open): invite every drawn member, deadline `until` (年-月-日). */
export async function inviteDrawn(page: Page, drawId: string, until: string): Promise<void> {
  const followup = page.getByTestId(`draw-followup-${drawId}`);
  await followup.getByTestId('invite-until').locator('input').fill(until);
  await followup.getByTestId('invite-drawn').click();
  await page.getByTestId('draws-message').getByText('发出邀请成功').waitFor(WAIT);
}

/**
 * Taps 打印邀请函 on the draw's card and returns the PDF the screen received (it fetches it
 * with the session and opens it in a new tab for printing). The request passes through a route
 * that keeps a copy of the server's answer: the bytes are exactly what the clerk prints.
 */
export async function printLetters(page: Page, drawId: string): Promise<Buffer> {
  // With its query: the screen asks for the members who need paper (?who=needs-paper) by default.
  const pattern = `**/api/admin/draws/${drawId}/letters.pdf?*`;
  let pdf: Buffer | undefined;
  let got: [number, string | undefined] | undefined;
  await page.route(pattern, async (route) => {
    const response = await route.fetch();
    pdf = await response.body();
    got = [response.status(), response.headers()['content-type']];
    await route.fulfill({ response, body: pdf });
  });
  const opened = page.context().waitForEvent('page', WAIT);
  // The button names its count once the preview is read (打印 N 封邀请函).
  await page.getByTestId(`draw-${drawId}`).getByTestId('draw-letters').getByText('打印', { exact: false }).waitFor(WAIT);
  await page.getByTestId(`draw-${drawId}`).getByTestId('draw-letters').click();
  await (await opened).close();
  await page.unroute(pattern);
  if (!pdf) throw new Error('the letters were never fetched');
  expect(got).toEqual([200, 'application/pdf']);
  return pdf;
}

/** A PDF as poppler reads it: its text, its page count, and its first page rendered (PNG bytes). */
export function readPdf(pdf: Buffer): { text: string; pages: number; firstPagePng: number } {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
    return r.stdout;
  };
  const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1]);
  run('pdftoppm', ['-r', '72', '-gray', '-png', '-f', '1', '-l', '1', file, join(dir, 'page')]);
  const png = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'));
  return { text: run('pdftotext', [file, '-']), pages, firstPagePng: png ? statSync(join(dir, png)).size : 0 };
}

/** Letters' text → each letter's short code (邀请码) and the token of its personal link. */
export function lettersOf(text: string): Array<{ code: string; token: string }> {
  const codes = [...text.matchAll(/邀请码：([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/g)].map((m) => m[1]!);
  const tokens = [...text.matchAll(/[?&]token=([^\s&]+)/g)].map((m) => decodeURIComponent(m[1]!));
  if (codes.length !== tokens.length) throw new Error(`letters: ${codes.length} codes but ${tokens.length} links`);
  return codes.map((code, i) => ({ code, token: tokens[i]! }));
}

/**
 * A member on the invitation page (already open): 开始评价, then under each receipt 下一个 until
 * every unit is rated, each with `answers(targetName)` (option ids per item). Returns the names
 * rated, in order; the last receipt says 全部完成.
 */
export async function answerInvitation(page: Page, answers: (targetName: string) => Record<string, string | string[]>): Promise<string[]> {
  const rated: string[] = [];
  const start = page.getByTestId('invite-next');
  await start.waitFor(WAIT);
  let name = (await text(start)).replace(/^.*?：/, '').replace(/\s*›$/, '');
  await start.click();
  for (;;) {
    await page.getByTestId('submit').waitFor(WAIT);
    for (const [item, value] of Object.entries(answers(name))) for (const v of [value].flat()) await page.getByTestId(`option-${item}-${v}`).click();
    await page.getByTestId('submit').click();
    await page.getByTestId('receipt-progress').waitFor(WAIT);
    rated.push(name);
    const next = page.getByTestId('next-target');
    if ((await next.count()) === 0) return rated;
    name = (await text(next)).replace(/^下一个：/, '');
    await next.click();
  }
}

/** A monitor point (监测点) logs in on the H5 login page and lands on its sheets page. */
export async function loginMonitor(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/#/staff/pages/login/index`);
  await page.locator('input[placeholder="请输入姓名"]').fill(name);
  await page.getByText('监测点', { exact: true }).click();
  await page.getByTestId('login-submit').click();
  await page.getByTestId('sheet-kind-instant').waitFor(WAIT);
}

/** On the sheets page: one 即时监测表 for `targetId` with `answer`; returns the screen's message. */
export async function fileInstantSheet(page: Page, targetId: string, answer: string): Promise<string> {
  await page.getByTestId('sheet-kind-instant').click();
  await page.getByTestId(`sheet-target-${targetId}`).click(WAIT);
  await page.getByTestId(`option-instant-${answer}`).click();
  await page.getByTestId('submit').click();
  const message = page.getByTestId('sheet-message');
  await message.waitFor(WAIT);
  return text(message);
}

/**
 * 定向邀请: the named members' ids (one a line) and the deadline; returns each member's personal
 * link as the screen lists it (to be sent by SMS or printed for those without WeChat).
 */
export async function inviteMembers(page: Page, baseUrl: string, memberIds: string[], until: string): Promise<Record<string, string>> {
  await goAdmin(page, baseUrl, '/admin/pages/rounds/index');
  await page.getByText('定向邀请', { exact: true }).click(WAIT);
  await page.getByTestId('invite-members').locator('textarea').fill(memberIds.join('\n'));
  await page.getByTestId('invite-deadline').locator('input').fill(until);
  await page.getByTestId('invite-create').click();
  await page.getByTestId('invite-message').getByText(`已生成 ${memberIds.length} 份邀请`).waitFor(WAIT);
  const links: Record<string, string> = {};
  for (const id of memberIds) links[id] = await text(page.getByTestId(`invitation-${id}`).getByTestId('invitation-url'));
  return links;
}

/** 审核发布 → 查实问题: records a verified misconduct report against `targetName`. */
export async function recordMisconduct(page: Page, baseUrl: string, roundId: string, targetName: string, reason: string): Promise<void> {
  await goAdmin(page, baseUrl, `/admin/pages/review/index?id=${roundId}`);
  const form = page.getByTestId('misconduct-form');
  await form.waitFor(WAIT);
  await form.getByText(targetName, { exact: true }).click();
  await form.getByTestId('misconduct-reason').locator('input').fill(reason);
  await form.getByTestId('misconduct-record').click();
  await page.getByTestId('review-message').getByText('记录成功').waitFor(WAIT);
}
