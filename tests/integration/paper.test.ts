import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { displaySerial, serialLink } from '@shared/paper/serial';
import { commitmentOf } from '@shared/draw';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { libraryCsv } from '../support/panel';
import { tableDigest } from '../support/snapshot';

// pngjs comes with qrcode (its PNG renderer); the test reads the rendered pages with it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PNG } = require('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } } };

/**
 * Paper (docs/paper.md) over HTTP on DynamoDB Local: forms issued with serials, double entry by
 * two clerks, a mismatch decided by a supervisor, the citizen answering a form online once, the
 * postmark rule after close, a back-dated hearing sheet, the return rate from forms issued, and
 * the PDFs rendered with poppler (pdftoppm → PNG, pdftotext, pdffonts).
 */
let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let clerkA: string;
let clerkB: string;
let supervisor: string;
const day = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10);
const period = { kind: 'custom', label: '本期', start: day(-20), end: day(20) };
const serials: Record<string, string[]> = {};
const unchanged = async (action: () => Promise<unknown>) => {
  const before = await tableDigest(stack.db, stack.tableName);
  await action();
  expect(await tableDigest(stack.db, stack.tableName)).toEqual(before);
};
const key = (token: string, body: Record<string, unknown>) => api.post(`/admin/rounds/${county.roundId}/paper/returns`, body, token);
const audit = async () => (await api.get(`/admin/rounds/${county.roundId}/audit`, supervisor)).body.entries as Array<{ action: string; details?: Record<string, unknown> }>;
const poppler = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
};
async function download(path: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const res = await fetch(`${stack.baseUrl}/api${path}`, { headers: { authorization: `Bearer ${county.admin}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { schemeId: 'ganquan', channels: ['window', 'hearing'], period });
  clerkA = await api.login('clerk-a', 'supervisor');
  clerkB = await api.login('clerk-b', 'supervisor');
  supervisor = await api.login('paper-sup', 'supervisor');
});
afterAll(() => stack.close());

describe('issuing forms', () => {
  it('issues serials per target: forms issued, channel from the kind, names in full', async () => {
    const r = await api.post(`/admin/rounds/${county.roundId}/paper/forms`, { targetIds: ['s11', 's12'], count: 4, kind: 'envelope' }, county.admin);
    expect(r.status).toBe(201);
    expect(r.body.batches.map((b: { targetId: string; targetName: string; channel: string; serials: string[] }) => [b.targetId, b.targetName, b.channel, b.serials.length])).toEqual([
      ['s11', '公安局 · 户政科', 'window', 4],
      ['s12', '公安局 · 出入境管理科', 'window', 4],
    ]);
    for (const b of r.body.batches) serials[b.targetId] = b.serials;
    const all = Object.values(serials).flat();
    expect(new Set(all).size).toBe(8);
    for (const s of all) expect(s).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });

  it('refuses a target outside the round and a kind the round does not take, storing nothing', async () => {
    await unchanged(async () => {
      const outside = await api.post(`/admin/rounds/${county.roundId}/paper/forms`, { targetIds: ['u1'], count: 2, kind: 'envelope' }, county.admin);
      expect([outside.status, outside.body.error.code]).toEqual([422, 'TARGET_NOT_IN_ROUND']);
      const kind = await api.post(`/admin/rounds/${county.roundId}/paper/forms`, { targetIds: ['s11'], count: 2, kind: 'monitor' }, county.admin);
      expect([kind.status, kind.body.error.code, kind.body.error.message]).toEqual([422, 'PAPER_KIND_NOT_ALLOWED', '本轮评议不接受这类纸质表或评价方式']);
    });
  });

  it('resolves a typed serial (lower case, no dashes) to its target; a mistyped one is refused', async () => {
    const s = serials.s11![0]!;
    const r = await api.get(`/admin/paper/serials/${s.replace(/-/g, '').toLowerCase()}`, clerkA);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ serial: s, targetId: 's11', targetName: '公安局 · 户政科', kind: 'envelope', channel: 'window', status: 'not_returned', keyedByYou: false, roundClosed: false });
    // Two different neighbours swapped: the check symbol catches it.
    const plain = s.replace(/-/g, '');
    const i = [...plain].findIndex((c, j) => j + 1 < plain.length && c !== plain[j + 1]);
    const swapped = plain.slice(0, i) + plain[i + 1] + plain[i] + plain.slice(i + 2);
    const bad = await api.get(`/admin/paper/serials/${swapped}`, clerkA);
    expect([bad.status, bad.body.error.code]).toEqual([400, 'PAPER_SERIAL_INVALID']);
  });

  it('refuses citizens', async () => {
    const r = await api.post(`/admin/rounds/${county.roundId}/paper/forms`, { targetIds: ['s11'], count: 1, kind: 'envelope' }, await api.login('nosy'));
    expect(r.status).toBe(403);
  });
});

describe('double entry', () => {
  it('counts a form when a second clerk keys the same answers blind', async () => {
    const s = serials.s11![0]!;
    const first = await key(clerkA, { serial: s, answers: { overall: 'satisfied' }, comment: '态度很好' });
    expect(first.body).toEqual({ serial: s.replace(/-/g, ''), targetId: 's11', status: 'awaiting_second' });
    // The second clerk sees where the form stands, never what was keyed.
    const seen = await api.get(`/admin/paper/serials/${s}`, clerkB);
    expect(seen.body.status).toBe('keyed_once');
    expect(JSON.stringify(seen.body)).not.toContain('态度很好');
    const again = await key(clerkA, { serial: s, answers: { overall: 'satisfied' }, comment: '态度很好' });
    expect([again.status, again.body.error.code]).toEqual([409, 'PAPER_ALREADY_KEYED']);
    // The scanner types the QR link; it names the same serial.
    const second = await key(clerkB, { serial: serialLink('http://localhost', s.replace(/-/g, '')), answers: { overall: 'satisfied' }, comment: ' 态度很好 ' });
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('counted');
    expect(second.body.receipt.receiptId).toEqual(expect.any(String));
    const third = await key(supervisor, { serial: s, answers: { overall: 'satisfied' } });
    expect([third.status, third.body.error.code]).toEqual([409, 'PAPER_SERIAL_USED']);
  });

  it('holds a mismatch for a supervisor, who may not be one of its clerks, and audits the decision', async () => {
    const s = serials.s11![1]!;
    expect((await key(clerkA, { serial: s, answers: { overall: 'satisfied' } })).body.status).toBe('awaiting_second');
    expect((await key(clerkB, { serial: s, answers: { overall: 'unsatisfied' } })).body.status).toBe('mismatch');
    const list = await api.get(`/admin/rounds/${county.roundId}/paper/mismatches`, supervisor);
    expect(list.body.mismatches.map((m: { serial: string; first: { answers: unknown }; second: { answers: unknown } }) => [m.serial, m.first.answers, m.second.answers])).toEqual([[s, { overall: 'satisfied' }, { overall: 'unsatisfied' }]]);
    const byClerk = await api.post(`/admin/rounds/${county.roundId}/paper/returns/${s}/resolve`, { answers: { overall: 'unsatisfied' }, reason: '核对原件，勾选不满意' }, clerkA);
    expect([byClerk.status, byClerk.body.error.code]).toEqual([403, 'PAPER_RESOLVER_KEYED']);
    const decided = await api.post(`/admin/rounds/${county.roundId}/paper/returns/${s}/resolve`, { answers: { overall: 'unsatisfied' }, reason: '核对原件，勾选不满意' }, supervisor);
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('counted');
    expect((await api.get(`/admin/rounds/${county.roundId}/paper/mismatches`, supervisor)).body.mismatches).toEqual([]);
    const entry = (await audit()).find((e) => e.action === 'paper_resolve');
    expect(entry?.details).toMatchObject({ serial: s.replace(/-/g, ''), targetId: 's11' });
  });

  it('refuses answers that do not fit the form, storing nothing', async () => {
    await unchanged(async () => {
      const r = await key(clerkA, { serial: serials.s12![0]!, answers: { overall: 'maybe' } });
      expect([r.status, r.body.error.code]).toEqual([422, 'ANSWERS_INVALID']);
    });
  });
});

describe('the same serial online', () => {
  it('lets the citizen answer once with the form’s QR; the paper of that serial then cannot count', async () => {
    const s = serials.s12![1]!;
    const view = await api.get(`/paper/forms/${s}`);
    expect(view.body).toMatchObject({ serial: s, targetName: '公安局 · 出入境管理科', open: true });
    const body = { answers: { overall: 'satisfied' } };
    const first = await api.post(`/paper/forms/${s}/ballot`, body);
    expect(first.status).toBe(201);
    const retry = await api.post(`/paper/forms/${s}/ballot`, body);
    expect([retry.status, retry.body.receipt.receiptId]).toEqual([200, first.body.receipt.receiptId]);
    expect((await api.get(`/paper/forms/${s}`)).body.open).toBe(true); // the paper is still unreturned; counting is what is refused
    // The form came back online: the clerk holding its paper is told at once.
    expect((await api.get(`/admin/paper/serials/${s}`, clerkA)).body.status).toBe('online');
    await unchanged(async () => {
      const paper = await key(clerkA, { serial: s, answers: { overall: 'unsatisfied' } });
      expect([paper.status, paper.body.error.code]).toEqual([409, 'PAPER_SERIAL_USED']);
    });
  });

  it('supersedes a paper keying already waiting when the citizen answers online first', async () => {
    const s = serials.s12![0]!;
    expect((await key(clerkA, { serial: s, answers: { overall: 'unsatisfied' } })).body.status).toBe('awaiting_second');
    expect((await api.post(`/paper/forms/${s}/ballot`, { answers: { overall: 'satisfied' } })).status).toBe(201);
    expect((await api.get(`/admin/paper/serials/${s}`, supervisor)).body.status).toBe('superseded');
    const second = await key(clerkB, { serial: s, answers: { overall: 'unsatisfied' } });
    expect([second.status, second.body.error.code]).toEqual([409, 'PAPER_SERIAL_USED']);
  });
});

describe('回收率: the paper page and the engine count the same forms', () => {
  it('counts forms back (paper or answered on the form’s own QR) ÷ forms issued; a window’s own QR ballots are opinions, not returns', async () => {
    // s21: 6 envelope forms; 2 keyed back from paper (satisfied, unsatisfied), 1 answered online
    // with its QR (satisfied), 3 ballots on the window's own QR (satisfied), 3 forms never back.
    const issued = await api.post(`/admin/rounds/${county.roundId}/paper/forms`, { targetIds: ['s21'], count: 6, kind: 'envelope' }, county.admin);
    const forms: string[] = issued.body.batches[0].serials;
    for (const [s, overall] of [[forms[0]!, 'satisfied'], [forms[1]!, 'unsatisfied']] as const) {
      expect((await key(clerkA, { serial: s, answers: { overall } })).body.status).toBe('awaiting_second');
      expect((await key(clerkB, { serial: s, answers: { overall } })).body.status).toBe('counted');
    }
    expect((await api.post(`/paper/forms/${forms[2]}/ballot`, { answers: { overall: 'satisfied' } })).status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await api.post('/ballots', ballot(county.windowTokens.w211!), await api.login(`window-citizen-${i}`))).status).toBe(201);

    // By hand: 回收率 = (2 paper + 1 online) ÷ 6 issued = 0.5; 满意度 = every window opinion,
    // (1 paper + 1 online + 3 QR) satisfied ÷ 6 ballots; 0.5 < 60% makes the post 不满意.
    const handReturned = 2 + 1;
    const handRate = handReturned / 6;
    const o = await api.get(`/admin/rounds/${county.roundId}/paper`, supervisor);
    const rows = Object.fromEntries(o.body.targets.map((t: { targetId: string }) => [t.targetId, t]));
    expect(rows.s21).toMatchObject({ issued: 6, counted: 2, online: 1, awaitingSecond: 0, mismatches: 0, returnRate: handRate });
    const results = await api.get(`/rounds/${county.roundId}/results`, supervisor);
    expect(results.status).toBe(200);
    const s21 = results.body.targets.find((t: { targetId: string }) => t.targetId === 's21');
    expect(s21.components.return_rate).toMatchObject({ numerator: handReturned, denominator: 6, value: handRate });
    expect(s21.components.satisfaction).toMatchObject({ numerator: 5, denominator: 6 });
    expect(s21.grade.id).toBe('unsatisfied');
    expect(s21.flags.map((f: { id: string }) => f.id)).toContain('low_return_rate');

    // The earlier targets agree too: s11 two forms keyed back of 4; s12 two answered online of 4.
    expect(rows.s11).toMatchObject({ issued: 4, counted: 2, online: 0, returnRate: 0.5 });
    expect(rows.s12).toMatchObject({ issued: 4, counted: 0, online: 2, returnRate: 0.5 });
    for (const id of ['s11', 's12']) {
      const t = results.body.targets.find((x: { targetId: string }) => x.targetId === id);
      expect(t.components.return_rate).toMatchObject({ numerator: 2, denominator: 4, value: rows[id].returnRate });
    }
  });
});

describe('dated sheets', () => {
  it('takes a hearing sheet filled in earlier inside the period, and audits the back-dating', async () => {
    const issued = await api.post(`/admin/rounds/${county.roundId}/paper/forms`, { targetIds: ['s21'], count: 2, kind: 'hearing' }, county.admin);
    expect(issued.body.batches[0].channel).toBe('hearing');
    const s = issued.body.batches[0].serials[0];
    const future = await key(clerkA, { serial: s, answers: { overall: 'satisfied' }, filledOn: day(1) });
    expect([future.status, future.body.error.code]).toEqual([422, 'PAPER_DATE_OUTSIDE_ROUND']);
    const filledOn = day(-5);
    expect((await key(clerkA, { serial: s, answers: { overall: 'satisfied' }, filledOn })).body.status).toBe('awaiting_second');
    expect((await key(clerkB, { serial: s, answers: { overall: 'satisfied' }, filledOn })).body.status).toBe('counted');
    expect((await audit()).find((e) => e.action === 'paper_backdated')?.details).toMatchObject({ serial: s.replace(/-/g, ''), filledOn });
  });

  it('refuses a date on an envelope form, which has only a postmark', async () => {
    const r = await key(clerkA, { serial: serials.s12![2]!, answers: { overall: 'satisfied' }, filledOn: day(-1) });
    expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('the PDFs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'paper-pdf-'));
  });

  it('renders one page per serial with the Chinese font embedded, the serial printed and its QR on the page', async () => {
    const all = await api.get(`/admin/rounds/${county.roundId}/paper`, supervisor);
    const batch = all.body.batches.find((b: { targetId: string; kind: string }) => b.targetId === 's11' && b.kind === 'envelope');
    const pdf = await download(`/admin/rounds/${county.roundId}/paper/batches/${batch.batchId}/forms.pdf`);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    const file = join(dir, 'forms.pdf');
    writeFileSync(file, pdf.bytes);
    expect(poppler('pdfinfo', [file])).toMatch(/Pages:\s+4\n/);
    // Every font embedded (a subset), and it is a CJK one: the Chinese text is real text in it.
    const fonts = poppler('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/); // emb, sub
    const pages = serials.s11!.map((_, i) => poppler('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), file, '-']));
    pages.forEach((text, i) => {
      expect(text).toContain(`编号 ${serials.s11![i]}`);
      expect(text).toContain('评议对象：公安局 · 户政科');
      expect(text).toContain('群众和服务对象监督评价专用信封');
      expect(text).toContain('您对本岗位本次办事的总体评价');
      // One serial per page: no other serial of the batch on it.
      for (const other of serials.s11!.filter((_, j) => j !== i)) expect(text).not.toContain(other);
    });

    // The page as printed (pdftoppm → PNG): the QR's modules are where the serial's link puts them.
    const dpi = 144;
    poppler('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-f', '1', '-l', '1', file, join(dir, 'page')]);
    const png = PNG.sync.read(readFileSync(join(dir, readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'))!)));
    const qr = QRCode.create(serialLink('http://localhost', serials.s11![0]!.replace(/-/g, '')), { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    // Where document.ts/forms.ts draw it: 96 pt wide at the top right, a 4-module quiet zone.
    const pt = dpi / 72;
    const size = 96;
    const x0 = 595.28 - 48 - size;
    const y0 = 48 - 8;
    const cell = size / (n + 8);
    let agree = 0;
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++) {
        const px = Math.round((x0 + (c + 4.5) * cell) * pt);
        const py = Math.round((y0 + (r + 4.5) * cell) * pt);
        const dark = png.data[(py * png.width + px) * 4]! < 128;
        if (dark === Boolean(qr.modules.get(r, c))) agree++;
      }
    expect(agree).toBe(n * n);
    // A scanned serial resolves to its target.
    const scanned = await api.get(`/admin/paper/serials/${serials.s11![0]}`, supervisor);
    expect(scanned.body.targetName).toBe('公安局 · 户政科');
  });

  it('says which forms are missing rather than printing an empty PDF', async () => {
    const r = await api.get(`/admin/rounds/${county.roundId}/paper/batches/NOSUCHBATCH/forms.pdf`, county.admin);
    expect([r.status, r.body.error.code]).toEqual([404, 'PAPER_NO_FORMS']);
  });

  it('prints invitation letters for a draw’s invited members, each with its short code that opens the invitation', async () => {
    const imported = await api.call('POST', '/admin/representatives/import', { raw: libraryCsv(), contentType: 'text/csv', token: county.admin });
    expect(imported.status).toBe(201);
    const strata = [{ id: 'public', label: '服务对象和群众代表', weight: 55 }, { id: 'deputies', label: '两代表一委员', weight: 35 }, { id: 'retired', label: '离退休老干部', weight: 10 }];
    const parties = { 县纪委: 'jiwei-paper-1', 公证处: 'notary-paper-2' };
    const commitments = Object.entries(parties).map(([party, value]) => ({ party, commitment: commitmentOf(value) }));
    // The round takes no directed ballots: a second round that does, for the draw.
    const round2 = await seedSmallCounty(api, { roundId: 'r-letters', importOrg: false, schemeId: 'test-pipeline', channels: ['directed'], period });
    expect((await api.post(`/admin/rounds/${round2.roundId}/draws`, { id: 'dl', label: '邀请函测试抽选', n: 4, strata, commitments }, county.admin)).status).toBe(201);
    const early = await api.get('/admin/draws/dl/letters.pdf', county.admin);
    expect([early.status, early.body.error.code]).toEqual([409, 'DRAW_STATE_CONFLICT']);
    expect((await api.post('/admin/draws/dl/reveal', { reveals: Object.entries(parties).map(([party, value]) => ({ party, value })) }, county.admin)).status).toBe(200);
    const invited = await api.post('/admin/draws/dl/invitations', { expiresAt: new Date(Date.now() + 7 * 86400_000).toISOString() }, county.admin);
    expect(invited.status).toBe(201);
    // Nobody is on WeChat or has answered yet: every invited member needs a letter.
    expect((await api.get('/admin/draws/dl/letters', county.admin)).body).toEqual({ drawId: 'dl', invited: 4, wechat: 0, answered: 0, letters: { 'needs-paper': 4, all: 4 } });
    const letters = async (query: string, name: string) => {
      const pdf = await download(`/admin/draws/dl/letters.pdf${query}`);
      expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
      const file = join(dir, name);
      writeFileSync(file, pdf.bytes);
      const text = poppler('pdftotext', [file, '-']);
      return { pages: Number(/Pages:\s+(\d+)\n/.exec(poppler('pdfinfo', [file]))![1]), text, codes: [...text.matchAll(/邀请码：([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/g)].map((m) => m[1]!) };
    };
    const first = await letters('', 'letters.pdf');
    expect(first.pages).toBe(4);
    expect(first.text).toContain('评议代表邀请函');
    const codes = first.codes;
    expect(new Set(codes).size).toBe(4);
    const tokens: string[] = [];
    for (const c of codes) {
      const opened = await api.get(`/invitations/code/${c.toLowerCase()}`);
      expect(opened.status).toBe(200);
      tokens.push(opened.body.token);
    }
    expect((await api.get(`/landing/${encodeURIComponent(tokens[0]!)}`)).status).toBe(200);

    // The first member binds WeChat (invitation messages reach them), the second answers: the
    // default prints only the other two; `all` still prints four.
    const bound = await api.post('/invitations/subscribe', { token: tokens[0], code: 'dev-letters-1', accepted: ['invitation', 'reminder'] });
    expect([bound.status, bound.body]).toEqual([200, { subscribed: ['invitation', 'reminder'] }]);
    expect((await api.post('/ballots', ballot(tokens[1]!, { targetId: 's11' }))).status).toBe(201);
    expect((await api.get('/admin/draws/dl/letters', county.admin)).body).toEqual({ drawId: 'dl', invited: 4, wechat: 1, answered: 1, letters: { 'needs-paper': 2, all: 4 } });
    const needed = await letters('', 'letters-needed.pdf');
    expect([needed.pages, needed.codes.sort()]).toEqual([2, codes.slice(2).sort()]);
    expect((await letters('?who=all', 'letters-all.pdf')).pages).toBe(4);
    const bad = await api.get('/admin/draws/dl/letters.pdf?who=some', county.admin);
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await api.get('/invitations/code/AAAA-BBBB-CCCC-DDDD');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'INVITATION_NOT_FOUND']);
  });
});

describe('after the round closed', () => {
  it('takes a form only with a postmark inside the period, and audits it as late', async () => {
    expect((await api.post(`/admin/rounds/${county.roundId}/close`, undefined, county.admin)).status).toBe(200);
    const s = serials.s12![3]!;
    await unchanged(async () => {
      const none = await key(clerkA, { serial: s, answers: { overall: 'satisfied' } });
      expect([none.status, none.body.error.code, none.body.error.message]).toEqual([409, 'PAPER_POSTMARK_REQUIRED', '评议已结束，须录入评议期内的邮戳日期才能计入']);
      const before = await key(clerkA, { serial: s, answers: { overall: 'satisfied' }, postmarkedOn: day(-30) });
      expect([before.status, before.body.error.code]).toEqual([422, 'PAPER_DATE_OUTSIDE_ROUND']);
    });
    const postmarkedOn = day(-1);
    expect((await key(clerkA, { serial: s, answers: { overall: 'satisfied' }, postmarkedOn })).body.status).toBe('awaiting_second');
    expect((await key(clerkB, { serial: s, answers: { overall: 'satisfied' }, postmarkedOn })).body.status).toBe('counted');
    expect((await audit()).find((e) => e.action === 'paper_late')?.details).toMatchObject({ serial: s.replace(/-/g, ''), postmarkedOn });
    // The online twin has no postmark: closed is closed.
    const online = await api.post(`/paper/forms/${serials.s12![2]!}/ballot`, { answers: { overall: 'satisfied' } });
    expect([online.status, online.body.error.code]).toEqual([409, 'ROUND_CLOSED']);
  });
});

describe('serials shown as printed', () => {
  it('prints groups of four', () => {
    expect(displaySerial('7K2M9XPQ4D1C')).toBe('7K2M-9XPQ-4D1C');
  });
});
