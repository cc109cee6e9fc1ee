import type { Browser, Page } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { ensureH5Build, H5_DIR, launchChromium, phonePage, visit } from './support/browser';
import { checkCarePage, switchCareMode } from './support/measure';
import { loginStaffInBrowser, loginSupervisorInBrowser } from './support/staff';

jest.setTimeout(300_000);

/**
 * 关怀模式 on the unit staff pages (login, my unit with its trend chart and comments, rankings,
 * rectification tasks), measured in both modes by the same code as the citizen pages
 * (support/measure.ts); and the trend chart read off the canvas as a phone draws it.
 *
 * 公安局 (u1) over three published 甘泉 rounds, one a quarter, its 户政科 doing better each time;
 * two rectification tasks on 户政科, one just opened, one being worked.
 */

const ROUNDS = [
  { id: 'q2', period: { kind: 'quarter', label: '2026年第二季度', start: '2026-04-01', end: '2026-06-30' }, yes: 5 },
  { id: 'q3', period: { kind: 'quarter', label: '2026年第三季度', start: '2026-07-01', end: '2026-09-30' }, yes: 7 },
  { id: 'q4', period: { kind: 'quarter', label: '2026年第四季度', start: '2026-10-01', end: '2026-12-31' }, yes: 9 },
];

type Drawn = { texts: Array<{ text: string; px: number; left: number; right: number }>; points: Array<{ x: number; y: number }>; lines: Array<{ color: string; points: number; widthPx: number }> };

/**
 * Runs in the page: wraps the 2d context so a test can read what was drawn — each text with its
 * size and horizontal extent, each filled circle's centre in the chart's colour, each stroked path's colour, point count
 * and width — all since the canvas was last cleared whole. Sizes and positions in CSS px.
 */
function recordCanvas(): void {
  const w = window as unknown as { __drawn: Drawn };
  w.__drawn = { texts: [], points: [], lines: [] };
  let circles: Array<{ x: number; y: number }> = [];
  let pathPoints = 0;
  const P = CanvasRenderingContext2D.prototype as unknown as Record<string, (...a: number[]) => unknown>;
  /** CSS px per canvas unit: the transform's scale over the backing store's density. */
  const scale = (c: CanvasRenderingContext2D) => c.getTransform().a / (c.canvas.width / c.canvas.getBoundingClientRect().width);
  const css = (c: CanvasRenderingContext2D, x: number, y: number) => {
    const t = c.getTransform();
    const density = c.canvas.width / c.canvas.getBoundingClientRect().width;
    return { x: (t.a * x + t.c * y + t.e) / density, y: (t.b * x + t.d * y + t.f) / density };
  };
  const wrap = (name: string, before: (c: CanvasRenderingContext2D, args: any[]) => void) => {
    const original = P[name]!;
    P[name] = function (this: CanvasRenderingContext2D, ...args: number[]) {
      before(this, args);
      return original.apply(this, args);
    };
  };
  wrap('clearRect', (c, [x, y, width, height]) => {
    if (x <= 0 && y <= 0 && width >= c.canvas.width && height >= c.canvas.height) w.__drawn = { texts: [], points: [], lines: [] };
  });
  wrap('fillText', (c, [text, x, y]) => {
    const width = c.measureText(String(text)).width * scale(c);
    const at = css(c, x, y).x;
    const left = c.textAlign === 'center' ? at - width / 2 : c.textAlign === 'right' || c.textAlign === 'end' ? at - width : at;
    w.__drawn.texts.push({ text: String(text), px: parseFloat(/([\d.]+)px/.exec(c.font)?.[1] ?? '0') * scale(c), left, right: left + width });
  });
  wrap('beginPath', () => {
    pathPoints = 0;
    circles = [];
  });
  wrap('moveTo', () => void pathPoints++);
  wrap('lineTo', () => void pathPoints++);
  wrap('arc', (c, [x, y, , start, end]) => {
    if (Math.abs(Math.abs(end - start) - 2 * Math.PI) < 1e-6) circles.push(css(c, x, y));
  });
  wrap('fill', (c) => {
    if (String(c.fillStyle).toLowerCase() === '#b71c1c') w.__drawn.points.push(...circles);
  });
  wrap('stroke', (c) => w.__drawn.lines.push({ color: String(c.strokeStyle).toLowerCase(), points: pathPoints, widthPx: c.lineWidth * scale(c) }));
}

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let browser: Browser;
let page: Page;
const tasks: { opened?: string; working?: string } = {};

/** One round through the API: ten ballots on 户政科 (`yes` satisfied), three on each other section, inputs, close, publish. */
async function publishedRound(r: (typeof ROUNDS)[number], supervisor: string, n: { next: number }): Promise<void> {
  const seeded = await seedSmallCounty(api, { roundId: r.id, name: `${r.period.label}群众满意度评议`, schemeId: 'ganquan', channels: ['window'], period: r.period, importOrg: !county });
  county ??= seeded;
  const votes: Array<[string, number, number]> = [['w111', r.yes, 10 - r.yes], ['w121', 2, 1], ['w211', 2, 1]];
  for (const [w, yes, no] of votes) {
    for (const [i, overall] of [...Array(yes).fill('satisfied'), ...Array(no).fill('unsatisfied')].entries()) {
      const comment = i === 0 && w === 'w111' ? { comment: `${r.period.label}：窗口排队时间较长，希望中午也安排人员` } : {};
      const sent = await api.post('/ballots', ballot(county.windowTokens[w]!, { answers: { overall }, ...comment }), await api.login(`citizen-${n.next++}`));
      expect(sent.status).toBe(201);
    }
  }
  const inputs = { targets: [{ targetId: 's11', served: 12 }, { targetId: 's12', served: 4 }, { targetId: 's21', served: 4 }] };
  expect((await api.post(`/admin/rounds/${r.id}/target-inputs`, inputs, supervisor)).status).toBe(200);
  expect((await api.post(`/admin/rounds/${r.id}/close`, undefined, supervisor)).status).toBe(200);
  expect((await api.post(`/admin/rounds/${r.id}/publish`, {}, supervisor)).status).toBe(201);
}

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  const supervisor = await api.login('jiwei-1', 'supervisor');
  const n = { next: 0 };
  for (const r of ROUNDS) await publishedRound(r, supervisor, n);
  const task = async (problem: string) => {
    const created = await api.post('/admin/tasks', { targetId: 's11', roundId: 'q4', source: 'inspection', sourceRef: '暗访〔2026〕7号', problem, deadlineWorkingDays: 5 }, supervisor);
    expect(created.status).toBe(201);
    return created.body.taskId as string;
  };
  tasks.opened = await task('上班时间窗口无人值守');
  tasks.working = await task('办事指南未及时更新');
  const started = await api.post(`/tasks/${tasks.working}/start`, { measures: '逐项核对办事指南，每月更新一次', owner: '李主任' }, await api.login('王科长', 'staff', 'u1'));
  expect(started.status).toBe(200);
  browser = await launchChromium();
  page = await phonePage(browser);
  // Records what the trend chart draws since the canvas was last cleared whole (in CSS px).
  await page.context().addInitScript(recordCanvas);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const url = (hash: string) => `${stack.baseUrl}/#/staff/pages/${hash}`;

describe.each(['normal', 'care'] as const)('every unit staff page in %s mode', (mode) => {
  it('login', async () => {
    await visit(page, url('login/index'), 'login-submit');
    await switchCareMode(page, mode);
    await checkCarePage(page, 'staff-login', mode);
  });

  it('my unit: scores, round chips that differ, comments', async () => {
    await loginStaffInBrowser(page, stack.baseUrl, '王科长', 'u1');
    await page.locator('[data-testid="unit-target-s11"]:visible').waitFor({ timeout: 60_000 });
    const chips = await page.locator('[data-testid^="round-chip-"]:visible').allTextContents();
    expect(chips).toHaveLength(ROUNDS.length);
    expect(new Set(chips).size).toBe(chips.length);
    await page.locator('[data-testid="comments-open-s11"]:visible').click();
    await page.locator('[data-testid="comments-s11"]:visible').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="comments-s11"]:visible').textContent()).toContain('窗口排队时间较长');
    await checkCarePage(page, 'staff-unit-comments', mode);
  });

  it('my unit from the top: the trend chart with labels ≥ 12 px and a line through one point per round', async () => {
    await visit(page, url('unit/index'), 'unit-name');
    // Rounds oldest first on the axis, the shared year in the title; 户政科 improves every quarter.
    expect(await page.locator('.trend-chart__label:visible').textContent()).toBe('2026年各轮得分');
    const labels = ROUNDS.map((r) => r.period.label.replace('2026年', ''));
    const frame = await page.waitForFunction((want) => {
      const d = (window as unknown as { __drawn: Drawn }).__drawn;
      return d.points.length >= want.length && want.every((l) => d.texts.some((t) => t.text === l)) ? d : null;
    }, labels, { timeout: 60_000 }).then((h) => h.jsonValue() as Promise<Drawn>);

    // The round labels side by side, none running into the next.
    const axis = labels.map((l) => frame.texts.find((t) => t.text === l)!);
    for (let i = 1; i < axis.length; i++) expect(axis[i]!.left).toBeGreaterThanOrEqual(axis[i - 1]!.right);
    const smallest = Math.min(...frame.texts.map((t) => t.px));
    expect(smallest).toBeGreaterThanOrEqual(mode === 'care' ? 15 : 12);
    expect(frame.points).toHaveLength(ROUNDS.length);
    const xs = frame.points.map((p) => p.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(new Set(xs.map(Math.round)).size).toBe(ROUNDS.length);
    // Higher scores sit higher on the canvas (smaller y).
    expect(frame.points[0]!.y).toBeGreaterThan(frame.points[ROUNDS.length - 1]!.y);
    const line = frame.lines.filter((l) => l.color === '#b71c1c' && l.points >= ROUNDS.length);
    expect(line.length).toBeGreaterThan(0);
    expect(line[0]!.widthPx).toBeGreaterThanOrEqual(2);
    await checkCarePage(page, 'staff-unit', mode);
  });

  it('rankings', async () => {
    await visit(page, url('rankings/index?roundId=q4'), 'ranking-s11');
    await checkCarePage(page, 'staff-rankings', mode);
  });

  it('rectification tasks: the list, a task just opened, a task being worked, the supervisor\'s review', async () => {
    await visit(page, url('tasks/index'), `task-${tasks.opened}`);
    await checkCarePage(page, 'staff-tasks', mode);
    await visit(page, url(`task/index?id=${tasks.opened}`), 'task-start');
    await checkCarePage(page, 'staff-task-open', mode);
    await visit(page, url(`task/index?id=${tasks.working}`), 'evidence-upload');
    await checkCarePage(page, 'staff-task-working', mode);
    // The same page as the supervising office sees it: 复查与督办.
    await page.goto('about:blank');
    await loginSupervisorInBrowser(page, stack.baseUrl, '纪委督查员', `/staff/pages/task/index?id=${tasks.working}`);
    await page.locator('[data-testid="task-review"]:visible').waitFor({ timeout: 60_000 });
    await checkCarePage(page, 'staff-task-review', mode);
  });
});

describe.each(['normal', 'care'] as const)('the monitor point sheet in %s mode', (mode) => {
  beforeAll(async () => {
    // Opened only now: an open round with no results would take over the unit page above.
    if (mode === 'normal') await seedSmallCounty(api, { roundId: 'eo', name: '2026年第四季度机关效能监测', schemeId: 'efficiency-office', channels: ['monitor'], groupMap: { c1: 'enforcement' }, importOrg: false });
  });

  it('sheets', async () => {
    await page.goto('about:blank');
    await page.goto(url('login/index'));
    await page.locator('input[placeholder="请输入姓名"]').fill('监测点一');
    await page.getByText('监测点', { exact: true }).click();
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="sheet-target-s11"]:visible').click({ timeout: 60_000 });
    await page.locator('[data-testid="submit"]:visible').waitFor({ timeout: 60_000 });
    await switchCareMode(page, mode);
    await page.locator('[data-testid="sheet-target-s11"]:visible').click({ timeout: 60_000 });
    await page.locator('[data-testid="submit"]:visible').waitFor({ timeout: 60_000 });
    await checkCarePage(page, 'staff-sheets', mode);
  });
});
