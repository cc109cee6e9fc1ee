import { randomUUID } from 'node:crypto';
import { startStack, type TestStack } from '../../support/stack';
import { apiClient, type ApiClient, type ApiResponse } from '../../support/http';
import { SMALL_COUNTY_CSV, seedSmallCounty, type SmallCounty } from '../../support/fixtures';
import { TestClock } from '../../support/clock';
import type { RateRule } from '../../../functions/src/domain/ballots/rate-limits';

/**
 * Red team, counting (issue 15 "Counting"): the attacks that got through on main, replayed over
 * HTTP on DynamoDB Local. Each attack records what it tried and what was accepted; docs/security.md
 * ("Counting") quotes these numbers. Round: the 好差评 preset rating sections through window +
 * sampling, as in the report.
 */
let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
// Pinned 10 s into a minute: a flood lands in one rate window whatever the machine's speed.
const clock = new TestClock(Math.floor(Date.now() / 60_000) * 60_000 + 10_000);
const rules: RateRule[] = [];
const useRules = (...next: RateRule[]) => {
  rules.splice(0, rules.length, ...next);
  clock.advance(60_000);
};
/** What each attack tried and what got in. */
const record: Record<string, { tried: number; accepted: number }> = {};

// 38 windows of one hall (unit u9), each its own target in a round that rates windows.
const HALL = Array.from({ length: 38 }, (_, i) => `w9${String(i + 1).padStart(2, '0')}`);
const HALL_CSV = ['unit,u9,政务服务中心,c1,', 'section,s91,综合窗口科,u9,', ...HALL.map((w, i) => `window,${w},综合${i + 1}号窗口,s91,`)].join('\n');
const hallTokens: Record<string, string> = {};

const VERY_BAD = { overall: 'very_unsatisfied' };
let citizens = 0;
const citizen = () => api.login(`red-${citizens++}`);
// Sessions last 12 hours of the test clock: after a day's jump, the same person signs in again.
const admin = () => api.login('admin-1', 'admin');
const send = (token: string, session: string, extra: Record<string, unknown> = {}) => api.post('/ballots', { clientBallotId: randomUUID(), token, answers: VERY_BAD, ...extra }, session);
/**
 * A flood as phones send it: one ballot, resent with the same clientBallotId while the answer is
 * 503 STORE_UNAVAILABLE (retry-safe: a hot counter's transaction conflicts ran out of their time
 * budget on a busy machine), until a final answer or a generous deadline.
 */
async function sendUntilAnswered(token: string, session: string, extra: Record<string, unknown> = {}): Promise<ApiResponse> {
  const body = { clientBallotId: randomUUID(), token, answers: VERY_BAD, ...extra };
  const deadline = Date.now() + 240_000;
  for (;;) {
    const r = await api.post('/ballots', body, session);
    if (r.status !== 503 || Date.now() > deadline) return r;
    await new Promise((res) => setTimeout(res, 200 + Math.random() * 800));
  }
}
/** Outcomes by status and code, e.g. { '201': 120, '429 RATE_LIMITED': 130 }. */
function codes(rs: ApiResponse[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rs) {
    const k = r.status === 201 ? '201' : `${r.status} ${r.body?.error?.code}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
const tallied = async (roundId: string, targetId: string, channel: string) => {
  const r = await api.get(`/rounds/${roundId}/tallies`, await admin());
  expect(r.status).toBe(200);
  return (r.body.targets.find((t: { targetId: string }) => t.targetId === targetId)?.channels[channel]?.ballots ?? 0) as number;
};

beforeAll(async () => {
  stack = await startStack({ overrides: { clock, rateLimits: rules } });
  api = apiClient(stack.baseUrl);
  const admin = await api.login('admin-1', 'admin');
  const raw = `${SMALL_COUNTY_CSV}\n${HALL_CSV}`;
  const imported = await api.call('POST', '/admin/nodes/import', { raw, contentType: 'text/csv', token: admin });
  expect(imported.status).toBe(201);
  county = await seedSmallCounty(api, { schemeId: 'haochaping', channels: ['window', 'sampling'], importOrg: false });
  for (const w of ['w111', 'w112', 'w121', 'w211', ...HALL]) {
    const qr = await api.post(`/admin/windows/${w}/qr`, undefined, admin);
    expect(qr.status).toBe(200);
    (w.startsWith('w9') ? hallTokens : county.windowTokens)[w] = qr.body.scene;
  }
  // The hall's round rates each window (好差评 一次一评: one rating per window per day).
  const hallRound = await api.post(
    '/admin/rounds',
    { id: 'hall', name: '大厅窗口评议', period: { kind: 'quarter', label: '2026年第四季度', start: '2026-10-01', end: '2026-12-31' }, schemeId: 'haochaping', targetKind: 'window', targetIds: HALL, channels: ['window'], opensAt: new Date(clock.now().getTime() - 3600_000).toISOString(), closesAt: new Date(clock.now().getTime() + 30 * 86400_000).toISOString() },
    admin,
  );
  expect(hallRound.status).toBe(201);
  expect((await api.post('/admin/rounds/hall/open', undefined, admin)).status).toBe(200);
}, 180_000);
afterAll(async () => {
  // The record, in the test log: what each attack tried and what got in.
  process.stdout.write(`red-team counting: ${JSON.stringify(record)}\n`);
  await stack.close();
});

describe('one rating per evaluator per target per round', () => {
  it('counts one person once for a section, through window w1, window w2 and the sampling link', async () => {
    useRules();
    const eve = await api.login('red-eve');
    const tries = [await send(county.windowTokens.w111!, eve), await send(county.windowTokens.w112!, eve, { roundId: 'r1' }), await send(county.samplingToken, eve, { targetId: 's11' })];
    record.threeChannels = { tried: 3, accepted: tries.filter((r) => r.status === 201).length };
    expect(tries.map((r) => r.status)).toEqual([201, 409, 409]);
    expect(tries.slice(1).map((r) => r.body.error.code)).toEqual(['DUPLICATE_BALLOT', 'DUPLICATE_BALLOT']);
    // The next day, the section is still rated once this round.
    clock.advance(86_400_000);
    const nextDay = await send(county.windowTokens.w111!, await api.login('red-eve'));
    expect([nextDay.status, nextDay.body.error?.code]).toEqual([409, 'DUPLICATE_BALLOT']);
    expect((await tallied('r1', 's11', 'window')) + (await tallied('r1', 's11', 'sampling'))).toBe(1);
  });

  it('still takes a retry of the accepted ballot: the same receipt, not a duplicate', async () => {
    const eve = await citizen();
    const body = { clientBallotId: randomUUID(), token: county.windowTokens.w121!, answers: VERY_BAD };
    const first = await api.post('/ballots', body, eve);
    const retry = await api.post('/ballots', body, eve);
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body.receipt.receiptId).toBe(first.body.receipt.receiptId);
  });

  it('rates each visit in a round that rates windows: one per window per China-time day', async () => {
    const eve = await api.login('red-visitor');
    expect((await send(hallTokens.w901!, eve, { roundId: 'hall' })).status).toBe(201);
    expect((await send(hallTokens.w901!, eve, { roundId: 'hall' })).body.error.code).toBe('DUPLICATE_BALLOT');
    expect((await send(hallTokens.w902!, eve, { roundId: 'hall' })).status).toBe(201);
    clock.advance(86_400_000);
    expect((await send(hallTokens.w901!, await api.login('red-visitor'), { roundId: 'hall' })).status).toBe(201);
  });
});

describe('exact rate limits under concurrency', () => {
  it('accepts exactly the place limit of 250 parallel ballots at one window', async () => {
    useRules({ scope: 'place', limit: 120, windowSeconds: 60 });
    const sessions = await Promise.all(Array.from({ length: 250 }, () => citizen()));
    const before = await tallied('r1', 's21', 'window');
    const rs = await Promise.all(sessions.map((s) => sendUntilAnswered(county.windowTokens.w211!, s)));
    record.oneWindowFlood = { tried: 250, accepted: rs.filter((r) => r.status === 201).length };
    expect(codes(rs)).toEqual({ '201': 120, '429 RATE_LIMITED': 130 });
    for (const r of rs.filter((x) => x.status === 429)) expect([r.body.error.details.scope, r.headers.get('retry-after')]).toEqual(['place', '50']);
    expect((await tallied('r1', 's21', 'window')) - before).toBe(120);
  }, 300_000);

  it('accepts exactly the evaluator limit of one person on 38 windows in parallel', async () => {
    useRules({ scope: 'evaluator', limit: 20, windowSeconds: 60 });
    const eve = await citizen();
    const rs = await Promise.all(HALL.map((w) => sendUntilAnswered(hallTokens[w]!, eve, { roundId: 'hall' })));
    record.oneEvaluator38Windows = { tried: 38, accepted: rs.filter((r) => r.status === 201).length };
    expect(codes(rs)).toEqual({ '201': 20, '429 RATE_LIMITED': 18 });
    for (const r of rs.filter((x) => x.status === 429)) expect(r.body.error.details.scope).toBe('evaluator');
    const tallies = (await api.get('/rounds/hall/tallies', await admin())).body.targets as Array<{ channels: { window?: { ballots: number } } }>;
    // w901/w902 carry the earlier visits test's 3 ballots.
    expect(tallies.reduce((sum, t) => sum + (t.channels.window?.ballots ?? 0), 0)).toBe(20 + 3);
  }, 300_000);
});

describe('office sessions cannot rate their own unit', () => {
  it('refuses staff at their unit’s windows and sampling targets, and supervisors and admins anywhere', async () => {
    useRules();
    const staff = await api.login('red-staff-u1', 'staff', 'u1');
    const supervisor = await api.login('red-supervisor', 'supervisor');
    const admin = await api.login('red-admin', 'admin');
    const tries = [
      await send(county.windowTokens.w111!, staff),
      await send(county.windowTokens.w121!, staff),
      await send(county.samplingToken, staff, { targetId: 's12' }),
      await send(county.windowTokens.w211!, supervisor),
      await send(county.samplingToken, supervisor, { targetId: 's11' }),
      await send(county.windowTokens.w211!, admin),
    ];
    record.ownUnit = { tried: tries.length, accepted: tries.filter((r) => r.status === 201).length };
    for (const r of tries) expect([r.status, r.body.error.code]).toEqual([403, 'OWN_UNIT_BALLOT']);
    expect(tries[0]!.body.error.message).toBe('不能评价本人所在或所监督的单位');
    // Another unit's window is not their own.
    expect((await send(county.windowTokens.w211!, staff)).status).toBe(201);
  });

  it('refuses a staff member who signs in as a citizen with the WeChat bound to their office account', async () => {
    useRules();
    const created = await api.post('/admin/accounts', { accountId: 'red-zhou-u1', name: '周科员', role: 'staff', unitId: 'u1' }, await admin());
    expect(created.status).toBe(201);
    expect((await api.post('/auth/wechat/bind', { code: 'dev-red-zhou', bindCode: created.body.bindCode })).status).toBe(200);
    const asCitizen = await api.post('/auth/wechat', { code: 'dev-red-zhou' });
    expect([asCitizen.status, asCitizen.body.role]).toEqual([200, 'citizen']);
    const tries = [await send(county.windowTokens.w112!, asCitizen.body.token), await send(county.samplingToken, asCitizen.body.token, { targetId: 's12' })];
    record.staffAsCitizen = { tried: tries.length, accepted: tries.filter((r) => r.status === 201).length };
    for (const r of tries) expect([r.status, r.body.error.code]).toEqual([403, 'OWN_UNIT_BALLOT']);
    // A citizen never bound to an office account rates u1 as anyone does.
    const plain = await api.post('/auth/wechat', { code: 'dev-red-plain' });
    expect((await send(county.windowTokens.w112!, plain.body.token)).status).toBe(201);
  });
});

describe('stuffing cannot move a name silently', () => {
  it('refuses to publish while 100 fresh identities’ flagged ballots are undecided, then shows the decision', async () => {
    useRules();
    const round = await seedSmallCounty(api, { roundId: 'stuffed', schemeId: 'haochaping', channels: ['sampling'], importOrg: false });
    // A few honest ballots a day apart, then 100 fresh identities on the sampling link within a minute.
    for (const s of ['s11', 's12', 's21']) {
      expect((await send(round.samplingToken, await citizen(), { targetId: s, answers: { overall: 'satisfied' } })).status).toBe(201);
      clock.advance(86_400_000);
    }
    const flood = await Promise.all(Array.from({ length: 100 }, async () => sendUntilAnswered(round.samplingToken, await citizen(), { targetId: 's12' })));
    record.samplingFlood = { tried: 100, accepted: flood.filter((r) => r.status === 201).length };
    expect(codes(flood)).toEqual({ '201': 100 });
    expect((await api.post('/admin/rounds/stuffed/close', undefined, await admin())).status).toBe(200);

    const flags = (await api.get('/admin/rounds/stuffed/flags', await admin())).body;
    const burst = flags.flags.find((f: { kind: string; places: string[] }) => f.kind === 'burst' && f.places.includes('s12'));
    expect(burst.status).toBe('pending');
    expect(burst.ballots).toHaveLength(100);

    const refused = await api.post('/admin/rounds/stuffed/publish', {}, await admin());
    expect([refused.status, refused.body.error.code]).toEqual([409, 'STUFFING_UNDECIDED']);
    expect(refused.body.error.details.flags.map((f: { flagId: string }) => f.flagId)).toEqual([burst.flagId]);
    expect(refused.body.error.details.flags[0].targets).toContain('s12');
    record.publishWhileUndecided = { tried: 1, accepted: 0 };

    const decided = await api.post(`/admin/rounds/stuffed/flags/${burst.flagId}/decision`, { decision: 'exclude', reason: '一分钟内一百个新注册身份集中差评，核实为组织刷票' }, await admin());
    expect(decided.status).toBe(201);
    const published = await api.post('/admin/rounds/stuffed/publish', {}, await admin());
    expect(published.status).toBe(201);

    const results = (await api.get('/public/rounds/stuffed/results')).body;
    expect(results.snapshot.flagDecisions).toEqual([
      expect.objectContaining({ flagId: burst.flagId, kind: 'burst', label: '短时集中评价', decision: 'exclude', reason: '一分钟内一百个新注册身份集中差评，核实为组织刷票', ballots: 100, places: ['s12'] }),
    ]);
    // The excluded ballots do not count: s12 is scored on its one honest ballot.
    const s12 = results.snapshot.facts.targets.find((t: { targetId: string }) => t.targetId === 's12');
    expect(s12.channels.sampling.ballots).toBe(1);
  }, 300_000);
});
