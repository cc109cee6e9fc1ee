import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { tableDigest } from '../support/snapshot';
import { TestClock } from '../support/clock';

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let supervisor: string;
let admin: string;
const clock = new TestClock(Date.now());
const burstReceipts: string[] = [];
const copyReceipts: string[] = [];
const schoolBurst: string[] = [];

let n = 0;
const vote = async (w: string, extra: Record<string, unknown> = {}) => {
  const r = await api.post('/ballots', ballot(county.windowTokens[w]!, extra), await api.login(`flag-citizen-${n++}`));
  expect(r.status).toBe(201);
  return r.body.receipt.receiptId as string;
};
const flags = async () => (await api.get(`/admin/rounds/${county.roundId}/flags`, supervisor)).body;
const satisfaction = async (targetId: string) => {
  const r = await api.get(`/rounds/${county.roundId}/results`, supervisor);
  expect(r.status).toBe(200);
  return r.body.targets.find((t: { targetId: string }) => t.targetId === targetId).components.satisfaction.value as number;
};
const decide = (flagId: string, body: unknown) => api.post(`/admin/rounds/${county.roundId}/flags/${flagId}/decision`, body, supervisor);

beforeAll(async () => {
  stack = await startStack({ overrides: { clock } });
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { schemeId: 'ganquan', channels: ['window'] });
  // s11: 4 ordinary ballots at w112 over a morning, all satisfied …
  for (let i = 0; i < 4; i++) {
    await vote('w112');
    clock.advance(45 * 60_000);
  }
  // … then 12 "unsatisfied" ballots at w111 within 6 minutes: a burst (default: more than 10 in 10 minutes).
  for (let i = 0; i < 12; i++) {
    burstReceipts.push(await vote('w111', { answers: { overall: 'unsatisfied' } }));
    clock.advance(30_000);
  }
  // s12: the same complaint pasted three times, hours apart, punctuation varied.
  for (const comment of ['窗口工作人员态度恶劣，推诿扯皮！', '窗口工作人员态度恶劣 推诿扯皮', '窗口工作人员态度恶劣。推诿扯皮。']) {
    clock.advance(2 * 3600_000);
    copyReceipts.push(await vote('w121', { answers: { overall: 'unsatisfied' }, comment }));
  }
  await vote('w121', { comment: '办事很快，态度很好，点赞' });
  // s12 again: another pasted text, praise this time (a unit's own staff).
  for (let i = 0; i < 3; i++) {
    clock.advance(20 * 60_000);
    await vote('w121', { comment: '该科室服务热情周到，一次就办好了' });
  }
  // s21: another burst, 11 ballots in 100 seconds.
  clock.advance(3600_000);
  for (let i = 0; i < 11; i++) {
    schoolBurst.push(await vote('w211', { answers: { overall: 'unsatisfied' } }));
    clock.advance(10_000);
  }
  // Signed in after the day of ballots the clock went through (sessions last 12 h).
  supervisor = await api.login('jiwei-2', 'supervisor');
  admin = await api.login('admin-2', 'admin');
  // 甘泉 scores the return rate too: it needs the number served.
  const served = await api.post(`/admin/rounds/${county.roundId}/target-inputs`, { targets: ['s11', 's12', 's21'].map((targetId) => ({ targetId, served: 20 })) }, supervisor);
  expect(served.status).toBe(200);
});
afterAll(() => stack.close());

describe('stuffing flags', () => {
  it('flags a burst at one window and identical comments, keeps the ballots counted and shows per target how many are flagged', async () => {
    const body = await flags();
    const burst = body.flags.filter((f: { kind: string }) => f.kind === 'burst');
    expect(burst.map((f: { places: string[] }) => f.places)).toEqual([['w111'], ['w211']]);
    expect(burst[0]).toMatchObject({ status: 'pending', places: ['w111'], detected: true, label: '短时集中评价' });
    expect(burst[0].ballots.map((b: { receiptId: string }) => b.receiptId).sort()).toEqual([...burstReceipts].sort());
    const same = body.flags.filter((f: { kind: string; comment: string }) => f.kind === 'same_comment' && f.comment.startsWith('窗口'));
    expect(body.flags.filter((f: { kind: string }) => f.kind === 'same_comment')).toHaveLength(2);
    expect(same[0].ballots.map((b: { receiptId: string }) => b.receiptId).sort()).toEqual([...copyReceipts].sort());
    expect(same[0].comment).toBe('窗口工作人员态度恶劣推诿扯皮');
    expect(body.flags.filter((f: { kind: string }) => f.kind === 'spread')).toEqual([]);
    expect(body.targets).toEqual([
      { targetId: 's11', ballots: 16, counted: 16, flagged: 12, pending: 12, kept: 0, excluded: 0 },
      { targetId: 's12', ballots: 7, counted: 7, flagged: 6, pending: 6, kept: 0, excluded: 0 },
      { targetId: 's21', ballots: 11, counted: 11, flagged: 11, pending: 11, kept: 0, excluded: 0 },
    ]);
    // Flagged is not excluded: the results still count every ballot, and show the flagged apart.
    expect(await satisfaction('s11')).toBeCloseTo(4 / 16, 9);
    const withFlags = await api.get(`/rounds/${county.roundId}/results?flags=1`, supervisor);
    expect(withFlags.body.flagged).toEqual(body.targets);
    expect(withFlags.body.targets.find((t: { targetId: string }) => t.targetId === 's11').components.satisfaction.value).toBeCloseTo(4 / 16, 9);
    expect((await api.get(`/rounds/${county.roundId}/results`, supervisor)).body.flagged).toBeUndefined();
    expect((await api.get(`/rounds/${county.roundId}/results?flags=1`, await api.login('keyuan-1', 'staff', 'u1'))).status).toBe(403);
  });

  it('refuses a decision while the round is open, and a decision without a reason', async () => {
    const [flag] = (await flags()).flags;
    const before = await tableDigest(stack.db, stack.tableName);
    const open = await decide(flag.flagId, { decision: 'exclude', reason: '集中刷票' });
    expect([open.status, open.body.error.code]).toEqual([409, 'REVIEW_CLOSED_ROUND_ONLY']);
    expect((await api.post(`/admin/rounds/${county.roundId}/close`, undefined, admin)).status).toBe(200);
    const after = await tableDigest(stack.db, stack.tableName);
    for (const bad of [{ decision: 'exclude' }, { decision: 'exclude', reason: ' ' }, { decision: 'delete', reason: '集中刷票' }, { decision: 'keep', reason: '正常', extra: 1 }]) {
      expect((await decide(flag.flagId, bad)).body.error.code).toBe('VALIDATION_FAILED');
    }
    const unknown = await decide('B-0000000000000000', { decision: 'keep', reason: '正常' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'FLAG_NOT_FOUND']);
    const staff = await api.post(`/admin/rounds/${county.roundId}/flags/${flag.flagId}/decision`, { decision: 'keep', reason: '正常' }, await api.login('keyuan-2', 'staff', 'u1'));
    expect(staff.status).toBe(403);
    expect(await tableDigest(stack.db, stack.tableName)).toEqual(after);
    expect(after).not.toEqual(before); // only the close changed anything
  });

  it('keeps a flag by decision: counts unchanged, the decision audited', async () => {
    const same = (await flags()).flags.find((f: { kind: string; comment: string }) => f.kind === 'same_comment' && f.comment.startsWith('窗口'));
    const before = await satisfaction('s12');
    const r = await decide(same.flagId, { decision: 'keep', reason: '经回访，三位群众反映属实' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'kept', decision: { decision: 'keep', reason: '经回访，三位群众反映属实' } });
    expect(await satisfaction('s12')).toBe(before);
    expect((await flags()).targets.find((t: { targetId: string }) => t.targetId === 's12')).toEqual({ targetId: 's12', ballots: 7, counted: 7, flagged: 6, pending: 3, kept: 3, excluded: 0 });
    const changed = await decide(same.flagId, { decision: 'exclude', reason: '改判' });
    expect([changed.status, changed.body.error.code]).toEqual([409, 'FLAG_ALREADY_DECIDED']);
  });

  it('excludes a burst by decision: each ballot voided with the reason, results drop them, the ballots stay and the recount agrees', async () => {
    const burst = (await flags()).flags.find((f: { kind: string; places: string[] }) => f.kind === 'burst' && f.places[0] === 'w111');
    const r = await decide(burst.flagId, { decision: 'exclude', reason: '同一时段集中扫码，经调取监控核实为组织刷票' });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('excluded');
    expect(r.body.ballots.every((b: { voided: boolean }) => b.voided)).toBe(true);
    expect(await satisfaction('s11')).toBe(1); // 4 of 4 once the 12 are out
    expect((await flags()).targets.find((t: { targetId: string }) => t.targetId === 's11')).toEqual({ targetId: 's11', ballots: 16, counted: 4, flagged: 12, pending: 0, kept: 0, excluded: 12 });

    const reviewed = (await api.get(`/admin/rounds/${county.roundId}/ballots?targetId=s11`, supervisor)).body.ballots;
    expect(reviewed).toHaveLength(16);
    const voided = reviewed.filter((b: { voided: boolean }) => b.voided);
    expect(voided.map((b: { receiptId: string }) => b.receiptId).sort()).toEqual([...burstReceipts].sort());
    for (const b of voided) expect(b.voidReason).toBe(`短时集中评价（${burst.flagId}）：同一时段集中扫码，经调取监控核实为组织刷票`);

    const audit = (await api.get(`/admin/rounds/${county.roundId}/audit`, supervisor)).body.entries;
    const decisions = audit.filter((e: { action: string }) => e.action === 'flag_decision');
    // The test clock stands still, so both lines carry one timestamp: compare without order.
    expect(decisions.map((e: { reason: string; details: { decision: string } }) => [e.details.decision, e.reason]).sort()).toEqual([
      ['exclude', '同一时段集中扫码，经调取监控核实为组织刷票'],
      ['keep', '经回访，三位群众反映属实'],
    ]);
    expect(decisions.find((e: { details: { decision: string } }) => e.details.decision === 'exclude').details).toMatchObject({ flagId: burst.flagId, kind: 'burst', ballots: 12, places: ['w111'] });
    expect(audit.filter((e: { action: string; details: { flagId?: string } }) => e.action === 'void_ballot' && e.details.flagId === burst.flagId)).toHaveLength(12);

    const recount = await api.post(`/admin/rounds/${county.roundId}/recount`, undefined, supervisor);
    expect(recount.body).toMatchObject({ ballots: 34, tallied: 34, mismatches: [], voided: 12, voidMismatches: [] });
  });

  it('completes an exclusion whose response was lost when the same decision is sent again', async () => {
    const burst = (await flags()).flags.find((f: { kind: string; places: string[] }) => f.kind === 'burst' && f.places[0] === 'w211');
    // The decision record commits, then its response is lost: no ballot is voided yet.
    stack.faults.fail('TransactWriteItemsCommand', 'after', 1);
    const lost = await decide(burst.flagId, { decision: 'exclude', reason: '集中刷票，已核实' });
    expect([lost.status, lost.body.error.code]).toEqual([503, 'STORE_UNAVAILABLE']);
    const midway = await flags();
    expect(midway.flags.find((f: { flagId: string }) => f.flagId === burst.flagId).status).toBe('excluded');
    // Not voided yet, so still counted — and shown as still to be settled, not as kept.
    expect(midway.targets.find((t: { targetId: string }) => t.targetId === 's21')).toEqual({ targetId: 's21', ballots: 11, counted: 11, flagged: 11, pending: 11, kept: 0, excluded: 0 });
    const again = await decide(burst.flagId, { decision: 'exclude', reason: '集中刷票，已核实' });
    expect(again.status).toBe(200);
    expect(again.body.ballots.map((b: { receiptId: string }) => b.receiptId).sort()).toEqual([...schoolBurst].sort());
    expect(again.body.ballots.every((b: { voided: boolean }) => b.voided)).toBe(true);
    expect((await flags()).targets.find((t: { targetId: string }) => t.targetId === 's21')).toEqual({ targetId: 's21', ballots: 11, counted: 0, flagged: 11, pending: 0, kept: 0, excluded: 11 });
  });

  it('answers the same decision again with 200 and changes nothing', async () => {
    const burst = (await flags()).flags.find((f: { kind: string; places: string[] }) => f.kind === 'burst' && f.places[0] === 'w111');
    const before = await tableDigest(stack.db, stack.tableName);
    const again = await decide(burst.flagId, { decision: 'exclude', reason: '重复提交' });
    expect([again.status, again.body.status, again.body.decision.reason]).toEqual([200, 'excluded', '同一时段集中扫码，经调取监控核实为组织刷票']);
    expect(await tableDigest(stack.db, stack.tableName)).toEqual(before);
  });

  it('settles two supervisors deciding the same flag at once with one decision and one void per ballot', async () => {
    const praise = (await flags()).flags.find((f: { kind: string; comment: string }) => f.kind === 'same_comment' && f.comment.startsWith('该科室'));
    const other = await api.login('jiwei-3', 'supervisor');
    const body = { decision: 'exclude', reason: '经核实为本科室工作人员所评' };
    const both = await Promise.all([decide(praise.flagId, body), api.post(`/admin/rounds/${county.roundId}/flags/${praise.flagId}/decision`, body, other)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    const audit = (await api.get(`/admin/rounds/${county.roundId}/audit`, supervisor)).body.entries;
    expect(audit.filter((e: { action: string; details: { flagId?: string } }) => e.action === 'flag_decision' && e.details.flagId === praise.flagId)).toHaveLength(1);
    expect(audit.filter((e: { action: string; details: { flagId?: string } }) => e.action === 'void_ballot' && e.details.flagId === praise.flagId)).toHaveLength(3);
    expect((await flags()).targets.find((t: { targetId: string }) => t.targetId === 's12')).toEqual({ targetId: 's12', ballots: 7, counted: 4, flagged: 6, pending: 0, kept: 3, excluded: 3 });
  });

  it('uses a round’s own thresholds over the defaults', async () => {
    const created = await api.post(
      '/admin/rounds',
      {
        id: 'r-strict', name: '严格阈值', period: { kind: 'quarter', label: '2026年第四季度', start: '2026-10-01', end: '2026-12-31' }, schemeId: 'ganquan', targetKind: 'section', channels: ['window'],
        opensAt: new Date(clock.now().getTime() - 3600_000).toISOString(), closesAt: new Date(clock.now().getTime() + 86400_000).toISOString(),
        flagThresholds: { burst: { ballots: 2, minutes: 5 }, spread: { places: 2, minutes: 30 }, sameComment: { copies: 2 } },
      },
      admin,
    );
    expect(created.status).toBe(201);
    const body = (await api.get('/admin/rounds/r-strict/flags', supervisor)).body;
    expect(body.thresholds.burst).toEqual({ ballots: 2, minutes: 5, channels: ['window', 'sampling'] });
    expect(body.thresholds.sameComment).toMatchObject({ copies: 2, minChars: 8 });
    const bad = await api.post('/admin/rounds', { id: 'r-bad', name: '坏阈值', period: { kind: 'quarter', label: '2026年第四季度', start: '2026-10-01', end: '2026-12-31' }, schemeId: 'ganquan', targetKind: 'section', channels: ['window'], opensAt: new Date(clock.now().getTime() - 3600_000).toISOString(), closesAt: new Date(clock.now().getTime() + 86400_000).toISOString(), flagThresholds: { burst: { ballots: 0 } } }, admin);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');

    // One person rating three windows (of three sections: one rating per section per round) in ten minutes (more than 2 in 30 here): a spread flag.
    expect((await api.post('/admin/rounds/r-strict/open', undefined, admin)).status).toBe(200);
    const walker = await api.login('walker');
    for (const w of ['w111', 'w121', 'w211']) {
      expect((await api.post('/ballots', ballot(county.windowTokens[w]!), walker)).status).toBe(201);
      clock.advance(5 * 60_000);
    }
    const strict = (await api.get('/admin/rounds/r-strict/flags', supervisor)).body;
    expect(strict.flags.map((f: { kind: string; places: string[]; ballots: unknown[] }) => [f.kind, f.places, f.ballots.length])).toEqual([['spread', ['w111', 'w121', 'w211'], 3]]);
    // The evaluator's pseudonym (the session's subject) is not shown.
    const pseudonym = JSON.parse(Buffer.from(walker.split('.')[0]!, 'base64url').toString()).sub as string;
    expect(pseudonym).toHaveLength(22);
    expect(JSON.stringify(strict)).not.toContain(pseudonym);
  });
});
