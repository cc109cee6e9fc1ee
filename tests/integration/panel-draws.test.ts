import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { commitmentOf, sha256Hex } from '@shared/draw';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { TestClock } from '../support/clock';
import { tableDigest } from '../support/snapshot';
import { EXCLUDED, libraryCsv, outbox, tokenOf } from '../support/panel';
import { wechatTime } from '../../functions/src/domain/message-fields';

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
const clock = new TestClock();
const root = resolve(__dirname, '../..');

const strata = [{ id: 'public', label: '服务对象和群众代表', weight: 55 }, { id: 'deputies', label: '两代表一委员', weight: 35 }, { id: 'retired', label: '离退休老干部', weight: 10 }];
const parties = { 县纪委: 'jiwei-7f3a9c5e', 公证处: 'notary-19bd02aa', 群众代表: 'public-d84e11c7' };
const commitments = Object.entries(parties).map(([party, value]) => ({ party, commitment: commitmentOf(value) }));
const reveals = Object.entries(parties).map(([party, value]) => ({ party, value }));
const drawBody = (id: string, n = 20) => ({ id, label: '2026年第四季度定向评议代表', n, strata, commitments });
const unchanged = async (action: () => Promise<unknown>) => {
  const before = await tableDigest(stack.db, stack.tableName);
  await action();
  expect(await tableDigest(stack.db, stack.tableName)).toEqual(before);
};
const verifyDrawCli = (record: unknown) => {
  const file = join(mkdtempSync(join(tmpdir(), 'draw-')), 'record.json');
  writeFileSync(file, JSON.stringify(record));
  return spawnSync('npm', ['run', '--silent', 'verify-draw', '--', file], { cwd: root, encoding: 'utf8' });
};

beforeAll(async () => {
  stack = await startStack({ overrides: { clock } });
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api);
});
afterAll(() => stack.close());

describe('评议代表库 import', () => {
  it('refuses a file with bad rows, lists each, and imports nothing', async () => {
    const csv = ['id,name,category,area,worksFor,household', 'R9001,王五,public,城关镇,,', 'R9001,重复,public,,,', 'R9002,,public,,,', 'R9003,赵六,Public Servants,,,', 'R9004,钱七,public,,nope,'].join('\n');
    await unchanged(async () => {
      const r = await api.call('POST', '/admin/representatives/import', { raw: csv, contentType: 'text/csv', token: county.admin });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('CSV_INVALID');
      expect(r.body.error.details.errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).toEqual(['3:编号', '4:姓名', '5:类别', '6:工作单位编号']);
    });
  });

  it('imports 500 members', async () => {
    const r = await api.call('POST', '/admin/representatives/import', { raw: libraryCsv(), contentType: 'text/csv', token: county.admin });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ imported: 500, created: 500, updated: 0 });
  });

  it('is for supervisors only', async () => {
    expect((await api.get('/admin/representatives', await api.login('staff-1', 'staff', 'u1'))).status).toBe(403);
  });
});

describe('a 55/35/10 draw of 20 from 500, in public', () => {
  let record: any;

  it('refuses a stratum too small for its quota, before any randomness, storing nothing', async () => {
    await unchanged(async () => {
      const r = await api.post(`/admin/rounds/${county.roundId}/draws`, drawBody('too-big', 500), county.admin);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('STRATUM_TOO_SMALL');
      // 50 retired minus the 10 who work for 教育局 (above the rated 基础教育科).
      expect(r.body.error.details.strata).toContainEqual({ stratum: 'retired', needed: 50, available: 40 });
      expect(r.body.error.details.poolSize).toBe(473);
    });
  });

  it('commits pool, quotas (largest remainder) and the parties’ commitments first', async () => {
    const r = await api.post(`/admin/rounds/${county.roundId}/draws`, drawBody('d1'), county.admin);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'committed', n: 20, quotas: { public: 11, deputies: 7, retired: 2 }, poolSize: 473 });
    expect(r.body.seed).toBeUndefined();
    const published = await api.get('/draws/d1/record');
    expect(published.status).toBe(200);
    expect(published.body.pool.map((e: { id: string }) => e.id)).not.toEqual(expect.arrayContaining([EXCLUDED[0]]));
    expect(verifyDrawCli(published.body).status).toBe(0);
  });

  it('refuses a reveal that does not match a commitment, changing nothing', async () => {
    await unchanged(async () => {
      const wrong = reveals.map((x) => (x.party === '公证处' ? { ...x, value: 'something-else' } : x));
      const r = await api.post('/admin/draws/d1/reveal', { reveals: wrong }, county.admin);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('REVEAL_MISMATCH');
      expect(r.body.error.details.problems).toEqual(['公证处: the revealed value does not match the commitment']);
    });
  });

  it('draws with the combined seed: quotas filled, exclusions respected', async () => {
    const r = await api.post('/admin/draws/d1/reveal', { reveals }, county.admin);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('drawn');
    expect(r.body.seed).toBe(sha256Hex(Object.entries(parties).map(([p, v]) => `${p}=${v}\n`).join('')));
    const sizes = Object.fromEntries(r.body.selection.map((s: { stratum: string; ids: string[] }) => [s.stratum, s.ids.length]));
    expect(sizes).toEqual({ public: 11, deputies: 7, retired: 2 });
    const ids: string[] = r.body.selection.flatMap((s: { ids: string[] }) => s.ids);
    expect(new Set(ids).size).toBe(20);
    for (const id of ids) expect(EXCLUDED).not.toContain(id);
    expect(ids.includes('R0299') && ids.includes('R0300')).toBe(false);
    const n = (id: string) => Number(id.slice(1));
    r.body.selection.forEach((s: { stratum: string; ids: string[] }) =>
      s.ids.forEach((id) => expect(n(id) <= 300 ? 'public' : n(id) <= 450 ? 'deputies' : 'retired').toBe(s.stratum)),
    );
    record = (await api.get('/draws/d1/record')).body;
  });

  it('re-verifies bit for bit with npm run verify-draw, and catches a tampered result', () => {
    const ok = verifyDrawCli(record);
    expect(ok.stdout).toContain('OK: re-running the draw reproduces the published selection bit for bit');
    expect(ok.status).toBe(0);
    const tampered = structuredClone(record);
    const stranger = record.pool.find((e: { id: string; stratum: string }) => e.stratum === 'public' && !record.selection[0].ids.includes(e.id)).id;
    tampered.selection[0].ids[0] = stranger;
    const bad = verifyDrawCli(tampered);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('MISMATCH selection');
  });

  it('runs once: a second reveal is refused', async () => {
    const r = await api.post('/admin/draws/d1/reveal', { reveals }, county.admin);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('DRAW_STATE_CONFLICT');
  });

  it('logs every draw, so a redraw is visible to anyone', async () => {
    expect((await api.post(`/admin/rounds/${county.roundId}/draws`, drawBody('d2'), county.admin)).status).toBe(201);
    expect((await api.post('/admin/draws/d2/reveal', { reveals }, county.admin)).status).toBe(200);
    const log = await api.get(`/rounds/${county.roundId}/draw-log`);
    expect(log.status).toBe(200);
    expect(log.body.entries.map((e: { drawId: string; event: string }) => `${e.drawId}:${e.event}`)).toEqual(['d1:committed', 'd1:drawn', 'd2:committed', 'd2:drawn']);
    expect(new Set(log.body.entries.map((e: { poolHash: string }) => e.poolHash)).size).toBe(1);
  });
});

describe('invitations for the drawn members', () => {
  let tokens: Map<string, string>;
  let expiresAt: string;

  it('invites each drawn member once, by subscription message', async () => {
    expiresAt = new Date(clock.now().getTime() + 48 * 3600_000).toISOString();
    const r = await api.post('/admin/draws/d1/invitations', { expiresAt }, county.admin);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ invited: 20, messages: 20 });
    const messages = (await outbox(stack)).filter((m) => m.template === 'invitation');
    expect(messages.map((m) => m.memberId).sort()).toEqual(record().sort());
    expect(messages[0]!.data.time2).toBe(wechatTime(expiresAt));
    tokens = new Map(messages.map((m) => [m.memberId, tokenOf(m.page)]));
    const again = await api.post('/admin/draws/d1/invitations', { expiresAt }, county.admin);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DRAW_STATE_CONFLICT');
  });

  const record = () => drawnIds;
  let drawnIds: string[] = [];
  beforeAll(async () => {
    drawnIds = (await api.get('/draws/d1')).body.selection.flatMap((s: { ids: string[] }) => s.ids);
  });

  it('accepts an invitation once per target: used twice → 409, a retry → the first receipt', async () => {
    const [first, second] = drawnIds;
    const token = tokens.get(first!)!;
    const b = ballot(token, { targetId: 's11' });
    expect((await api.post('/ballots', b)).status).toBe(201);
    const retry = await api.post('/ballots', b);
    expect(retry.status).toBe(200);
    const twice = await api.post('/ballots', ballot(token, { targetId: 's11', answers: { overall: 'unsatisfied' } }));
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('INVITATION_USED');
    for (const t of ['s12', 's21']) expect((await api.post('/ballots', ballot(token, { targetId: t }))).status).toBe(201);
    expect((await api.post('/ballots', ballot(tokens.get(second!)!, { targetId: 's12' }))).status).toBe(201);
    const landing = await api.get(`/landing/${encodeURIComponent(token)}`);
    expect(landing.body.invitation.answeredTargetIds).toEqual(['s11', 's12', 's21']);
  });

  it('reports the return rate per target and for the round', async () => {
    const r = await api.get(`/rounds/${county.roundId}/return-rate`, county.admin);
    expect(r.status).toBe(200);
    // The seed's two invitations (m-001, m-002) count too: 22 invited per target.
    const byTarget = Object.fromEntries(r.body.targets.map((t: { targetId: string }) => [t.targetId, t]));
    expect(byTarget.s11).toEqual({ targetId: 's11', invited: 22, answered: 1, rate: 1 / 22 });
    expect(byTarget.s12).toEqual({ targetId: 's12', invited: 22, answered: 2, rate: 2 / 22 });
    expect(r.body).toMatchObject({ invited: 66, answered: 4, rate: 4 / 66, members: { invited: 22, answeredAll: 1, answeredNone: 20 } });
  });

  it('reminds, once, the members with targets left when the deadline is near', async () => {
    const early = await api.post(`/admin/rounds/${county.roundId}/reminders`, { withinHours: 24 }, county.admin);
    expect(early.body.reminded).toBe(0); // 48 h left
    clock.advance(30 * 3600_000);
    const admin = await api.login('admin-1', 'admin'); // sessions last 12 h
    const due = await api.post(`/admin/rounds/${county.roundId}/reminders`, { withinHours: 24 }, admin);
    expect(due.status).toBe(200);
    expect(due.body.reminded).toBe(19); // not the member who rated all three; the seed's invitations end in 7 days
    const reminders = (await outbox(stack)).filter((m) => m.template === 'reminder');
    expect(reminders.map((m) => m.memberId)).not.toContain(drawnIds[0]);
    expect(reminders).toHaveLength(19);
    expect((await api.post(`/admin/rounds/${county.roundId}/reminders`, { withinHours: 24 }, admin)).body.reminded).toBe(0);
  });

  it('refuses an expired invitation with 410, storing nothing', async () => {
    clock.advance(19 * 3600_000); // 49 h after issue
    await unchanged(async () => {
      const r = await api.post('/ballots', ballot(tokens.get(drawnIds[2]!)!, { targetId: 's11' }));
      expect(r.status).toBe(410);
      expect(r.body.error.code).toBe('INVITATION_EXPIRED');
    });
  });
});

// Last: the members it adds would change every draw above.
describe('评议代表库 import from the office template', () => {
  it('takes the office template: Chinese header and category names, errors named by column', async () => {
    // The clock has moved past the fixture's sessions (expiry tests above): a fresh office login.
    const admin = await api.login('代表库管理员', 'admin');
    const bad = ['编号,姓名,类别,片区,工作单位编号,户号', 'R9101,孙八,离退休老干部,城关镇,,', 'R9102,周九,居委会,,,'].join('\n');
    await unchanged(async () => {
      const r = await api.call('POST', '/admin/representatives/import', { raw: bad, contentType: 'text/csv', token: admin });
      expect(r.status).toBe(400);
      expect(r.body.error.details.errors).toEqual([expect.objectContaining({ line: 3, field: '类别', message: expect.stringContaining('类别应为') })]);
    });
    const good = ['\uFEFF编号,姓名,类别,片区,工作单位编号,户号', 'R9101,孙八,离退休老干部,城关镇,,', 'R9102,周九,两代表一委员,,,'].join('\n');
    const r = await api.call('POST', '/admin/representatives/import', { raw: good, contentType: 'text/csv', token: admin });
    expect(r.status).toBe(201);
    const list = await api.call('GET', '/admin/representatives', { token: admin });
    const byId = new Map((list.body.representatives as Array<{ id: string; category: string }>).map((x) => [x.id, x.category]));
    expect([byId.get('R9101'), byId.get('R9102')]).toEqual(['retired', 'deputies']);
  });
});
