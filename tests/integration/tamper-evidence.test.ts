import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Ballot, Receipt } from '@shared/model/ballot';
import { Snapshot } from '@shared/publication/snapshot';
import { verifyInclusion } from '@shared/publication/merkle';
import { joinBallotLogPages, loggedBallot, parseBallotLog } from '@shared/publication/ballot-log';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, keepPendingFlags, seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { tableDigest } from '../support/snapshot';

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let supervisor: string;
const receipts: Receipt[] = [];
const citizens: string[] = [];
let first: { body: Record<string, unknown>; token: string };
const COMMENT = '我是李四，手机13912345678，排队两小时';
const dir = mkdtempSync(join(tmpdir(), 'tamper-'));

const raw = async (path: string) => {
  const r = await fetch(`${stack.baseUrl}/api${path}`);
  return { status: r.status, text: await r.text() };
};
/** The script's complaints (stderr also carries the AWS SDK's runtime notices). */
const complaints = (stderr: string) => stderr.split('\n').filter((l) => /Error|MISMATCH|not a /.test(l));
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Every ballot item of the round as stored (PK/SK included), to edit it behind the API's back. */
async function ballotItems(): Promise<Array<Record<string, any>>> {
  const out: Array<Record<string, any>> = [];
  for (let shard = 0; shard < 16; shard++) {
    const r = await stack.db.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `BALLOT#r1#${shard}` } }));
    out.push(...(r.Items ?? []));
  }
  return out;
}
const itemOf = async (receiptId: string) => (await ballotItems()).find((i) => i.receiptId === receiptId)!;
const setAnswer = (item: Record<string, any>, overall: string) =>
  stack.db.send(new UpdateCommand({ TableName: stack.tableName, Key: { PK: item.PK, SK: item.SK }, UpdateExpression: 'SET answers = :a', ExpressionAttributeValues: { ':a': { overall } } }));

/** Runs `npx <args>` without blocking this process (whose HTTP server the child may call). */
function runScript(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('npx', args, { cwd: resolve(__dirname, '../..'), env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** Writes the public log and snapshot to files and runs the offline recount on them alone (or, `fromStore`, the snapshot named by round id). */
async function offlineRecount(version?: number, fromStore = false) {
  const log = await raw('/public/rounds/r1/ballots.jsonl');
  expect(log.status).toBe(200);
  const snap = await raw(`/public/rounds/r1/snapshot.json${version ? `?version=${version}` : ''}`);
  const logFile = join(dir, `log-${Date.now()}.jsonl`);
  const snapFile = join(dir, `snap-${Date.now()}.json`);
  writeFileSync(logFile, log.text);
  writeFileSync(snapFile, snap.text);
  // No store unless asked: the script must not need one for files.
  const env = fromStore ? { ...process.env, DYNAMODB_ENDPOINT: process.env.DDB_TEST_ENDPOINT, TABLE_NAME: stack.tableName } : { ...process.env, DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', TABLE_NAME: 'none' };
  const snapshotArgs = fromStore ? ['--snapshot', 'r1', ...(version ? ['--version', String(version)] : [])] : ['--snapshot', snapFile];
  return spawnSync('npx', ['tsx', 'scripts/recount.ts', '--log', logFile, ...snapshotArgs], { cwd: resolve(__dirname, '../..'), env, encoding: 'utf8' });
}

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api, { schemeId: 'ganquan', channels: ['window'] });
  supervisor = await api.login('jiwei-1', 'supervisor');
  // Odd counts per target, so the tree has promoted nodes: 7 + 3 + 5 = 15 ballots.
  const votes: Array<[string, string[]]> = [
    ['w111', ['satisfied', 'satisfied', 'unsatisfied', 'satisfied', 'satisfied', 'unsatisfied', 'satisfied']],
    ['w121', ['satisfied', 'unsatisfied', 'satisfied']],
    ['w211', ['unsatisfied', 'satisfied', 'satisfied', 'unsatisfied', 'satisfied']],
  ];
  for (const [w, answers] of votes) {
    for (const overall of answers) {
      const name = `citizen-${citizens.length}`;
      citizens.push(name);
      const body = ballot(county.windowTokens[w]!, { answers: { overall }, ...(overall === 'unsatisfied' ? { comment: COMMENT } : {}) });
      const token = await api.login(name);
      first ??= { body, token };
      const r = await api.post('/ballots', body, token);
      expect(r.status).toBe(201);
      receipts.push(r.body.receipt);
    }
  }
  // Not ballots: the offline recount takes these from the snapshot's facts.
  expect((await api.post('/admin/rounds/r1/target-inputs', { targets: [{ targetId: 's11', served: 9 }, { targetId: 's12', served: 4 }, { targetId: 's21', served: 6 }] }, supervisor)).status).toBe(200);
});
afterAll(() => stack.close());

describe('tamper evidence: receipts, the published root, the ballot log', () => {
  it('hands every citizen a digest that is their ballot’s leaf, and a retry gets the same one', async () => {
    const items = await ballotItems();
    for (const r of receipts) {
      expect(r.digest).toMatch(/^[0-9a-f]{64}$/);
      const item = items.find((i) => i.receiptId === r.receiptId)!;
      expect(item.digest).toBe(r.digest);
      expect(loggedBallot(item as never).digest).toBe(r.digest);
    }
    expect(new Set(receipts.map((r) => r.digest)).size).toBe(receipts.length);
    const retry = await api.post('/ballots', first.body, first.token);
    expect([retry.status, retry.body.replayed, retry.body.receipt]).toEqual([200, true, receipts[0]]);
  });

  it('has no log and no proofs before publication', async () => {
    expect((await raw('/public/rounds/r1/ballots.jsonl')).status).toBe(404);
    const p = await api.get(`/public/rounds/r1/proof/${receipts[0]!.digest}`);
    expect([p.status, p.body.error.code]).toEqual([404, 'PUBLICATION_NOT_FOUND']);
  });

  it('refuses to publish while a ballot differs from its accepted digest, and publishes nothing', async () => {
    expect((await api.post('/admin/rounds/r1/close', undefined, supervisor)).status).toBe(200);
    const victim = await itemOf(receipts[2]!.receiptId);
    await setAnswer(victim, 'satisfied');
    const before = await tableDigest(stack.db, stack.tableName);
    const r = await api.post('/admin/rounds/r1/publish', {}, supervisor);
    expect([r.status, r.body.error.code]).toEqual([409, 'BALLOT_DIGEST_MISMATCH']);
    expect(r.body.error.details.ballots).toEqual([victim.ballotId]);
    expect(await tableDigest(stack.db, stack.tableName)).toEqual(before);
    await setAnswer(victim, 'unsatisfied');
  });

  it('publishes the root in the hashed snapshot; every receipt’s proof verifies against it', async () => {
    // A flagged ballot is voided first: it stays a leaf, the void list says so.
    expect((await api.post(`/admin/rounds/r1/ballots/${receipts[9]!.receiptId}/void`, { reason: '经核实为本科室工作人员自评' }, supervisor)).status).toBe(201);
    // The seeded comments repeat (an identical-comments flag): decided before publishing.
    expect(await keepPendingFlags(api, 'r1', supervisor)).toBe(1);
    const pub = await api.post('/admin/rounds/r1/publish', {}, supervisor);
    expect([pub.status, pub.body.error]).toEqual([201, undefined]);
    const bytes = (await raw('/public/rounds/r1/snapshot.json')).text;
    expect(sha256(bytes)).toBe(pub.body.hash);
    const snapshot = Snapshot.parse(JSON.parse(bytes));
    expect(snapshot.ballotTree).toEqual({ tree: 'rfc6962-sha256', size: 15, root: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const indexes = new Set<number>();
    for (const r of receipts) {
      const p = await api.get(`/public/rounds/r1/proof/${r.digest}`);
      expect(p.status).toBe(200);
      expect(p.body).toMatchObject({ roundId: 'r1', version: 1, hash: pub.body.hash, root: snapshot.ballotTree!.root, digest: r.digest });
      expect(verifyInclusion(r.digest!, p.body.proof, snapshot.ballotTree!)).toBe(true);
      indexes.add(p.body.proof.index);
      expect(p.body.voided !== undefined).toBe(r === receipts[9]);
    }
    expect(indexes.size).toBe(15);
    const voided = await api.get(`/public/rounds/r1/proof/${receipts[9]!.digest}`);
    expect(voided.body.voided).toEqual({ reason: '经核实为本科室工作人员自评', voidedAt: expect.any(String) });
  });

  it('answers a digest that is not a leaf with RECEIPT_NOT_PUBLISHED and a malformed one with 400', async () => {
    const unknown = await api.get(`/public/rounds/r1/proof/${'0'.repeat(64)}`);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'RECEIPT_NOT_PUBLISHED']);
    const last = await api.get(`/public/rounds/r1/proof/${'f'.repeat(64)}`);
    expect([last.status, last.body.error.code]).toEqual([404, 'RECEIPT_NOT_PUBLISHED']);
    for (const bad of ['abc', 'G'.repeat(64), receipts[0]!.digest!.toUpperCase()]) expect((await api.get(`/public/rounds/r1/proof/${bad}`)).status).toBe(400);
    expect((await api.get(`/public/rounds/r1/proof/${receipts[0]!.digest}?version=2`)).status).toBe(404);
  });

  it('exports a log without identities, comments, receipt ids, windows or times', async () => {
    const log = await raw('/public/rounds/r1/ballots.jsonl');
    const parsed = parseBallotLog(log.text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.ballots).toHaveLength(15);
    expect(parsed.ballots.map((b) => b.digest).sort()).toEqual(receipts.map((r) => r.digest).sort());
    const items = await ballotItems();
    const secrets = [
      ...new Set(items.map((i) => String(i.evaluator))),
      ...items.map((i) => String(i.nonce)),
      ...receipts.map((r) => r.receiptId),
      ...receipts.map((r) => r.clientBallotId),
      ...receipts.map((r) => r.receivedAt.slice(0, 16)),
      ...citizens,
      '李四',
      '13912345678',
      'w111',
      'w121',
      'w211',
    ];
    expect(items.map((i) => i.evaluator)).toEqual(items.map(() => expect.stringMatching(/.{8,}/)));
    for (const s of [...secrets, '排队两小时']) expect([s, log.text.includes(s)]).toEqual([s, false]);
    // What the main problems count from a comment is its category (排队两小时 → 办事效率), outside the leaf.
    expect(parsed.ballots.filter((b) => b.commentCategories).map((b) => b.commentCategories)).toEqual(Array(5).fill(['efficiency']));
  });

  it('the export and the snapshot alone reproduce the root and every published number', async () => {
    const r = await offlineRecount();
    expect(complaints(r.stderr)).toEqual([]);
    expect(r.stdout).toContain('OK: 15 ballots (1 voided)');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout.slice(0, r.stdout.lastIndexOf('\nOK:')));
    expect(report.mismatches).toEqual([]);
    expect(report.snapshotSha256).toBe((await api.get('/public/rounds/r1/results')).body.hash);
  });

  it('pages the log: the pages chain, and the recount follows them from the URL to the same numbers', async () => {
    const pages: ReturnType<typeof parseBallotLog>[] = [];
    let after: string | undefined;
    do {
      const page = await raw(`/public/rounds/r1/ballots.jsonl?limit=4${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(page.status).toBe(200);
      const parsed = parseBallotLog(page.text);
      expect(parsed.problems).toEqual([]);
      expect(parsed.header!.after).toBe(after);
      pages.push(parsed);
      after = parsed.header!.next;
    } while (after && pages.length < 20);
    expect(pages.map((p) => p.ballots.length)).toEqual([4, 4, 4, 3]);
    // Leaf order across pages, not received order: page after page, line after line, ascending digests.
    const digests = pages.flatMap((p) => p.ballots.map((b) => b.digest));
    expect(digests).toEqual([...digests].sort());
    const byTime = [...receipts].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)).map((r) => r.digest);
    expect(digests).not.toEqual(byTime);
    const joined = joinBallotLogPages(pages);
    expect(joined.problems).toEqual([]);
    expect(joined.ballots.map((b) => b.digest).sort()).toEqual(receipts.map((r) => r.digest).sort());
    expect(joinBallotLogPages([pages[0]!, ...pages.slice(2)]).problems.join('\n')).toContain('pages are missing or out of order');
    expect(joinBallotLogPages(pages.slice(0, -1)).problems.join('\n')).toContain('the log is incomplete');
    expect(joinBallotLogPages([...pages, pages.at(-1)!]).problems.join('\n')).toContain('is on more than one page');

    // The offline recount, given the log's URL, walks the pages itself.
    const snapFile = join(dir, `snap-pages-${Date.now()}.json`);
    writeFileSync(snapFile, (await raw('/public/rounds/r1/snapshot.json')).text);
    // Not spawnSync: the script fetches from this process's server, which must keep answering.
    const r = await runScript(['tsx', 'scripts/recount.ts', '--log', `${stack.baseUrl}/api/public/rounds/r1/ballots.jsonl?limit=4`, '--snapshot', snapFile], {
      ...process.env,
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
      TABLE_NAME: 'none',
    });
    expect(complaints(r.stderr)).toEqual([]);
    expect(r.stdout).toContain('OK: 15 ballots (1 voided)');
    expect(r.status).toBe(0);
  });

  it('reads a page from its leaves’ ballots, never by querying the round’s ballot partitions', async () => {
    const queried: string[] = [];
    const batched: number[] = [];
    stack.db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { ExpressionAttributeValues?: Record<string, unknown>; RequestItems?: Record<string, { Keys?: unknown[] }> };
        // (marshalled or not, depending on where in the stack this runs)
        const raw = input.ExpressionAttributeValues?.[':pk'] as string | { S?: string } | undefined;
        const pk = typeof raw === 'string' ? raw : raw?.S;
        if (/^Query/.test(String(context.commandName))) queried.push(String(pk));
        if (/^BatchGet/.test(String(context.commandName))) batched.push(...Object.values(input.RequestItems ?? {}).map((r) => r.Keys?.length ?? 0));
        return next(args);
      },
      { step: 'initialize', name: 'logPageReads' },
    );
    try {
      const page = parseBallotLog((await raw('/public/rounds/r1/ballots.jsonl?limit=4')).text);
      expect(page.ballots).toHaveLength(4);
      // The tree's partition is queried (for its blocks' keys); no ballot partition is.
      expect(queried.length).toBeGreaterThan(0);
      expect(queried.filter((pk) => pk.startsWith('TREE#'))).toEqual(queried);
      expect(batched).toContain(4);
    } finally {
      stack.db.middlewareStack.remove('logPageReads');
    }
  });

  it('hands out cursors that decode to nothing: no time, no ballot id, no digest, no position in the clear', async () => {
    const cursors: string[] = [];
    let after: string | undefined;
    do {
      const parsed = parseBallotLog((await raw(`/public/rounds/r1/ballots.jsonl?limit=1${after ? `&after=${encodeURIComponent(after)}` : ''}`)).text);
      after = parsed.header!.next;
      if (after) cursors.push(after);
    } while (after && cursors.length < 30);
    expect(cursors).toHaveLength(14);
    expect(new Set(cursors).size).toBe(14);
    const items = await ballotItems();
    const telling = [
      ...items.map((i) => String(i.ballotId)),
      ...items.map((i) => String(i.digest).slice(0, 16)),
      ...receipts.map((r) => r.receivedAt.slice(0, 10)),
      ...receipts.map((r) => String(Date.parse(r.receivedAt))),
    ];
    for (const c of cursors) {
      expect(c).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      for (const text of [c, Buffer.from(c, 'base64url').toString('latin1'), Buffer.from(c, 'base64url').toString('hex')]) {
        for (const t of telling) expect([c, t, text.includes(t)]).toEqual([c, t, false]);
        // Not JSON (an array of keys, a position) or a bare number either. Parsed, not pattern-matched:
        // ciphertext read as latin1 starts with "[" one time in 256, and that is no leak.
        expect(() => JSON.parse(text)).toThrow();
        expect(text).not.toMatch(/^[0-9]+$/);
      }
    }
    // Deterministic: the same page names the same next cursor, so pages chain by equality.
    const again = parseBallotLog((await raw('/public/rounds/r1/ballots.jsonl?limit=1')).text).header!.next;
    expect(again).toBe(cursors[0]);
  });

  it('refuses a cursor it did not give (forged, altered, of another round), or a page size out of range, with 400', async () => {
    const real = parseBallotLog((await raw('/public/rounds/r1/ballots.jsonl?limit=4')).text).header!.next!;
    const bytes = Buffer.from(real, 'base64url');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 1]! ^= 1;
    const tagFlipped = Buffer.from(bytes);
    tagFlipped[0]! ^= 0x80;
    const forged = [
      'notacursor',
      Buffer.from('[99]').toString('base64url'),
      Buffer.from('[0,5]').toString('base64url'),
      Buffer.from('4').toString('base64url'),
      flipped.toString('base64url'),
      tagFlipped.toString('base64url'),
      Buffer.alloc(bytes.length, 7).toString('base64url'),
      real.slice(0, -2),
      `${real}AA`,
    ];
    for (const c of forged) {
      const r = await api.get(`/public/rounds/r1/ballots.jsonl?after=${encodeURIComponent(c)}`);
      expect([c, r.status, r.body.error?.code]).toEqual([c, 400, 'VALIDATION_FAILED']);
    }
    for (const q of ['limit=0', 'limit=5001', 'limit=two']) {
      const r = await api.get(`/public/rounds/r1/ballots.jsonl?${q}`);
      expect([q, r.status, r.body.error?.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
    }
    // The real one still works, with any page size.
    expect((await raw(`/public/rounds/r1/ballots.jsonl?limit=2&after=${encodeURIComponent(real)}`)).status).toBe(200);
  });

  it('a correction is its own version with its own root, and the recount holds for it', async () => {
    expect((await api.post(`/admin/rounds/r1/ballots/${receipts[0]!.receiptId}/void`, { reason: '重复评价' }, supervisor)).status).toBe(201);
    const v2 = await api.post('/admin/rounds/r1/publish', { reason: '作废一张重复评价' }, supervisor);
    expect(v2.body.version).toBe(2);
    const snap2 = Snapshot.parse(JSON.parse((await raw('/public/rounds/r1/snapshot.json?version=2')).text));
    // Same ballots, so the same leaves; the numbers differ by the void.
    expect(snap2.ballotTree).toEqual(Snapshot.parse(JSON.parse((await raw('/public/rounds/r1/snapshot.json?version=1')).text)).ballotTree);
    const p = await api.get(`/public/rounds/r1/proof/${receipts[0]!.digest}?version=2`);
    expect([p.body.version, p.body.voided?.reason]).toEqual([2, '重复评价']);
    expect(verifyInclusion(receipts[0]!.digest!, p.body.proof, snap2.ballotTree!)).toBe(true);
    const r = await offlineRecount(2);
    expect([r.status, complaints(r.stderr)]).toEqual([0, []]);
    expect(r.stdout).toContain('OK: 15 ballots (2 voided)');
    // The snapshot may also be named by round (and version), read from the store.
    const v1 = await offlineRecount(1, true);
    expect([v1.status, complaints(v1.stderr)]).toEqual([0, []]);
    expect(v1.stdout).toContain('OK: 15 ballots (1 voided) rebuild root');
    expect(v1.stdout).toContain('every published number of version 1');
  });

  it('a ballot edited in the table after publication is caught by the log recount and the store recount', async () => {
    const victim = await itemOf(receipts[4]!.receiptId);
    expect(victim.answers).toEqual({ overall: 'satisfied' });
    // The edit an insider would make: the answer, its digest, and the counters, so the tallies still add up.
    const edited = loggedBallot({ ...(victim as Ballot), answers: { overall: 'unsatisfied' } });
    await stack.db.send(new UpdateCommand({ TableName: stack.tableName, Key: { PK: victim.PK, SK: victim.SK }, UpdateExpression: 'SET answers = :a, digest = :d', ExpressionAttributeValues: { ':a': { overall: 'unsatisfied' }, ':d': edited.digest } }));
    const tally = { TableName: stack.tableName, Key: { PK: `TALLY#r1#${victim.shard}`, SK: 's11#window' } };
    expect((await stack.db.send(new GetCommand(tally))).Item).toBeDefined();
    await stack.db.send(new UpdateCommand({ ...tally, UpdateExpression: 'ADD #s :m, #u :p', ExpressionAttributeNames: { '#s': 'a:overall:satisfied', '#u': 'a:overall:unsatisfied' }, ExpressionAttributeValues: { ':m': -1, ':p': 1 } }));

    const r = await offlineRecount();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ballot tree root: published');
    expect(r.stderr).toMatch(/facts s11\.window: published .*"satisfied":4.*, recomputed .*"satisfied":3/);
    expect(r.stderr).toContain('results.targets');

    // The citizen's receipt still names the leaf that was published; the log no longer has it.
    const log = parseBallotLog((await raw('/public/rounds/r1/ballots.jsonl')).text);
    expect(log.ballots.map((b) => b.digest)).not.toContain(receipts[4]!.digest);
    const stillPublished = await api.get(`/public/rounds/r1/proof/${receipts[4]!.digest}`);
    expect(verifyInclusion(receipts[4]!.digest!, stillPublished.body.proof, { root: stillPublished.body.root, size: 15 })).toBe(true);

    const store = spawnSync('npx', ['tsx', 'scripts/recount.ts', '--round', 'r1'], {
      cwd: resolve(__dirname, '../..'),
      env: { ...process.env, DYNAMODB_ENDPOINT: process.env.DDB_TEST_ENDPOINT, TABLE_NAME: stack.tableName },
      encoding: 'utf8',
    });
    expect(store.status).toBe(1);
    expect(store.stderr).toContain('ROOT MISMATCH');

    // Nor can a correction launder the edit: its ballots must be the ones version 2 committed to.
    const before = await tableDigest(stack.db, stack.tableName);
    const correction = await api.post('/admin/rounds/r1/publish', { reason: '重新发布' }, supervisor);
    expect([correction.status, correction.body.error.code]).toEqual([409, 'BALLOT_DIGEST_MISMATCH']);
    expect(correction.body.error.details.previous).toMatchObject({ version: 2, size: 15 });
    expect(await tableDigest(stack.db, stack.tableName)).toEqual(before);
  });

  it('the store recount also names a ballot whose digest was left alone', async () => {
    const victim = await itemOf(receipts[5]!.receiptId);
    await setAnswer(victim, 'satisfied');
    const report = await api.post('/admin/rounds/r1/recount', undefined, supervisor);
    expect(report.status).toBe(200);
    expect(report.body.digestMismatches).toEqual([{ ballotId: victim.ballotId, stored: receipts[5]!.digest, recomputed: expect.any(String) }]);
    expect(report.body.tree.published).toMatchObject({ version: 2, size: 15 });
    expect(report.body.tree.root).not.toBe(report.body.tree.published.root);
  });
});
