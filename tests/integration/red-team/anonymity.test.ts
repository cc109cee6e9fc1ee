import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startStack, type TestStack } from '../../support/stack';
import { apiClient, type ApiClient } from '../../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../../support/fixtures';
import { TestClock } from '../../support/clock';
import { ROUTES } from '../../../functions/src/http/routes';

/**
 * The anonymity attacks of issue 15, replayed over HTTP as a rated unit's staff member (u1,
 * whose section s11 gets every planted ballot). Each attack counts what it tried and what leaked;
 * the counts are printed (the figures in docs/security.md) and every leak count must be 0.
 */
const K = 5;
const clock = new TestClock(Date.parse('2026-11-23T01:37:12.345Z'));
// Sweeps over every route, one request (and here one table scan) at a time: a deadline for a
// sweep on a busy 2-core machine, not a speed claim.
jest.setTimeout(15 * 60_000);
let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let staff: string;
let supervisor: string;

/** Comments with what must never reach staff: the formats that got through before, and more. */
const PLANTED: Array<[comment: string, secrets: string[]]> = [
  ['电话１３８１２３４５６７８，窗口推诿', ['13812345678']],
  ['打138.1234.5679找我', ['13812345679']],
  ['手机1381 234 5670', ['13812345670']],
  ['座机(0755)12345671', ['075512345671']],
  ['0755-1234562是我家电话', ['07551234562']],
  ['身份证1101 0119 9003 0712 3X', ['11010119900307123']],
  ['车牌京A·12345被贴条', ['京A12345']],
  ['京a12346停在门口', ['京A12346']],
  ['我姓张名三，态度差', ['我姓张', '名三']],
  ['微信号 zhangsan_wx9 联系', ['ZHANGSANWX9']],
  ['QQ 73915', ['73915']],
  ['我叫张三丰，来了三趟', ['张三丰']],
  ['本人李四，办不了', ['李四']],
  ['邮箱 zhao.liu@example.com', ['ZHAOLIU@EXAMPLECOM']],
  ['１３９ ８７６５ ４３２１', ['13987654321']],
  ['我是王五，等了两小时', ['王五']],
  ['一三七一二三四五六七八', ['一三七一二三四五六七八']],
  ['+86 186 1111 2222', ['18611112222']],
  ['身份证110101199003071239丢了', ['110101199003071239']],
  ['010-87654321没人接', ['01087654321']],
  ['微信：lisi_2026x', ['LISI2026X']],
  ['扣扣 8527419', ['8527419']],
  ['我姓欧阳名锋', ['欧阳']],
  ['l38l2223333', ['L38L2223333']],
  ['粤B·D12345', ['BD12345']],
  ['名字叫赵六', ['赵六']],
  ['zs (at) 163 (dot) com', ['ZSAT163DOTCOM']],
  ['控制\u0000字符\u001b[2J和\u202e反转\u2066', ['\u0000', '\u001b', '\u202e', '\u2066']],
];
const VOIDED_SECRET = '作废评论甲乙丙';

/** The text as a leak check reads it: NFKC, upper case, no separators. */
const flat = (s: string) => s.normalize('NFKC').toUpperCase().replace(/[\s.\-·•()（）_~/,，、。—]+/g, '');

/** Every string inside a JSON value (control characters are checked on these, not on escaped JSON). */
const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);

const receipts: Array<{ receiptId: string; receivedAt: string }> = [];
const counts: Record<string, { tried: number; leaked: number }> = {};
const tally = (attack: string, tried: number, leaked: number) => {
  const c = (counts[attack] ??= { tried: 0, leaked: 0 });
  c.tried += tried;
  c.leaked += leaked;
};

beforeAll(async () => {
  stack = await startStack({ overrides: { clock } });
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { schemeId: 'haochaping', channels: ['window', 'sampling'], opensAt: '2026-11-01T00:00:00Z', closesAt: '2026-12-31T00:00:00Z', staffBatch: K });
  staff = await api.login('keyuan-u1', 'staff', 'u1');
  supervisor = await api.login('ban-gongshi', 'supervisor');
});
afterAll(() => {
  // The figures docs/security.md quotes.
  process.stdout.write(`red-team anonymity counts: ${JSON.stringify(counts)}\n`);
  return stack.close();
});

/** Everything staff can read about s11 and their unit, as one comparable string. */
async function staffState(): Promise<string> {
  const round = county.roundId;
  const [t, r, c, rr, tasks] = await Promise.all([
    api.get(`/rounds/${round}/tallies`, staff),
    api.get(`/rounds/${round}/results`, staff),
    api.get(`/rounds/${round}/targets/s11/comments`, staff),
    api.get(`/rounds/${round}/return-rate`, staff),
    api.get('/tasks', staff),
  ]);
  for (const x of [t, r, c, rr, tasks]) expect(x.status).toBe(200);
  return JSON.stringify({
    tallies: t.body.targets,
    results: r.body.targets.map((x: { targetId: string; total: unknown; rank: unknown; components: unknown }) => [x.targetId, x.total, x.rank, x.components]),
    comments: c.body.comments,
    returnRate: rr.body,
    tasks: tasks.body.tasks.map((x: { taskId: string; problem: string }) => [x.taskId, x.problem]),
  });
}

describe('anonymity against a rated unit (red team)', () => {
  it('polling after every ballot shows nothing new until at least k more ballots came in', async () => {
    let before = await staffState();
    let since = 0;
    let changes = 0;
    let early = 0;
    for (const [i, [comment]] of PLANTED.entries()) {
      clock.advance(7 * 60_000 + 13_100);
      const r = await api.post('/ballots', ballot(county.windowTokens.w111!, { answers: { overall: i % 3 === 0 ? 'satisfied' : 'unsatisfied' }, comment }), await api.login(`citizen-${i}`));
      expect(r.status).toBe(201);
      receipts.push({ receiptId: r.body.receipt.receiptId, receivedAt: r.body.receipt.receivedAt });
      since++;
      // The office turns bad ballots into tasks as they come (好差评: every 差评 is followed up).
      clock.advance(30_000);
      expect((await api.post(`/admin/rounds/${county.roundId}/tasks/from-ballots`, { item: 'overall', values: ['unsatisfied', 'very_unsatisfied'], deadlineWorkingDays: 10 }, supervisor)).status).toBe(200);
      const now = await staffState();
      if (now !== before) {
        changes++;
        if (since < K) early++;
        since = 0;
        before = now;
      }
    }
    tally('polls after single ballots', PLANTED.length, early);
    expect(changes).toBeGreaterThanOrEqual(Math.floor(PLANTED.length / K) - 1);
    expect(early).toBe(0);
  }, 600_000);

  it('shows staff the closed round scrubbed, without the voided comment, and tasks without receipts or PII', async () => {
    clock.advance(7 * 60_000);
    const v = await api.post('/ballots', ballot(county.windowTokens.w111!, { answers: { overall: 'unsatisfied' }, comment: VOIDED_SECRET }), await api.login('citizen-void'));
    receipts.push({ receiptId: v.body.receipt.receiptId, receivedAt: v.body.receipt.receivedAt });
    const originals = await api.get(`/admin/rounds/${county.roundId}/targets/s11/original-comments`, supervisor);
    const voided = originals.body.comments.find((c: { text: string }) => c.text === VOIDED_SECRET).ballotId;
    clock.advance(2 * 3_600_000);
    expect((await api.post(`/admin/rounds/${county.roundId}/close`, undefined, supervisor)).status).toBe(200);
    expect((await api.post(`/admin/rounds/${county.roundId}/ballots/${voided}/void`, { reason: '重复提交' }, supervisor)).status).toBe(201);
    expect((await api.post(`/admin/rounds/${county.roundId}/tasks/from-ballots`, { item: 'overall', values: ['unsatisfied', 'very_unsatisfied'], deadlineWorkingDays: 10 }, supervisor)).status).toBe(200);

    const comments = (await api.get(`/rounds/${county.roundId}/targets/s11/comments`, staff)).body.comments as Array<{ text: string; day: string }>;
    expect(comments).toHaveLength(PLANTED.length);
    const tasks = (await api.get('/tasks', staff)).body.tasks as Array<{ taskId: string; problem: string; sourceRef?: string }>;
    expect(tasks.length).toBeGreaterThan(0);
    const details = await Promise.all(tasks.map(async (t) => (await api.get(`/tasks/${t.taskId}`, staff)).body));
    const seen = flat(JSON.stringify({ comments, tasks, details }));
    const raw = JSON.stringify({ comments, tasks, details });
    let leaked = 0;
    const shown = strings({ comments, tasks, details }).join('\n');
    for (const [, secrets] of PLANTED) if (secrets.some((s) => (s.length === 1 ? shown.includes(s) : seen.includes(flat(s))))) leaked++;
    tally('PII formats in comments and tasks', PLANTED.length, leaked);
    const voidedShown = seen.includes(flat(VOIDED_SECRET)) ? 1 : 0;
    tally('voided comment shown', 1, voidedShown);
    const receiptShown = receipts.filter((r) => raw.includes(r.receiptId)).length + (raw.includes('回执') ? 1 : 0);
    tally('receipt ids in tasks and comments', receipts.length, receiptShown);
    expect({ leaked, voidedShown, receiptShown }).toEqual({ leaked: 0, voidedShown: 0, receiptShown: 0 });
    for (const c of comments) expect(c.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const t of [...tasks, ...details]) expect(t.sourceRef).toBeUndefined();
  }, 300_000);

  it('finds no receipt, ballot id, pseudonym, ballot time or planted PII in any route staff can read', async () => {
    const items = (await stack.db.send(new ScanCommand({ TableName: stack.tableName }))).Items ?? [];
    const ballots = items.filter((i) => i.entity === 'ballot');
    const ballotIds = ballots.map((b) => String(b.ballotId));
    const pseudonyms = [...new Set(ballots.map((b) => String(b.evaluator)))];
    const times = receipts.map((r) => r.receivedAt.slice(0, 19));
    // Publish, so the public routes answer with content too.
    await api.post(`/admin/rounds/${county.roundId}/publish`, { reason: '首次公布' }, supervisor);
    const taskId = (await api.get('/tasks', staff)).body.tasks[0].taskId;
    const fill = (path: string) =>
      path
        .replace(':id/targets/:targetId', `${county.roundId}/targets/s11`)
        .replace(/^\/tasks\/:id/, `/tasks/${taskId}`)
        .replace(/^\/draws\/:id/, '/draws/d-none')
        .replace(':id', county.roundId)
        .replace(':token', county.windowTokens.w111!)
        .replace(':digest', '0'.repeat(64))
        .replace(':evidenceId', 'ev-00000000');
    const readable = ROUTES.filter((r) => r.method === 'get' && (r.auth === 'public' || r.auth === 'optional' || (r.auth as readonly string[]).includes('staff')));
    let leaks = 0;
    const problems: string[] = [];
    for (const r of readable) {
      const path = fill(r.path);
      const res = await api.get(path, staff);
      const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
      const found: string[] = [];
      // The published record names ballots by id by design (the ballot log's leaves, the voids of
      // a version: docs/publication.md); nothing a unit reads carries a time or a comment to join them with.
      const publicLog = r.path.startsWith('/public/rounds/:id/');
      if (!publicLog) found.push(...ballotIds.filter((id) => text.includes(id)).map(() => 'ballot id'));
      found.push(...receipts.filter((x) => text.includes(x.receiptId)).map(() => 'receipt id'));
      found.push(...pseudonyms.filter((p) => text.includes(p)).map(() => 'pseudonym'));
      found.push(...times.filter((t) => text.includes(t)).map(() => 'ballot time'));
      if (r.disclosure === 'staff-scoped' && r.path.startsWith('/rounds/') && /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) found.push('time of day');
      const f = flat(text);
      for (const [, secrets] of PLANTED) if (secrets.some((s) => s.length > 1 && f.includes(flat(s)))) found.push('planted PII');
      if (found.length) problems.push(`${r.method.toUpperCase()} ${path}: ${[...new Set(found)].join(', ')}`);
      leaks += found.length;
    }
    tally('staff-readable routes swept', readable.length, leaks);
    expect(problems).toEqual([]);
  }, 300_000);
});
