import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ORG_IDS_MAX, ORG_PAGE_DEFAULT, ORG_PAGE_MAX } from '@shared/api/org';
import { LANDING_TARGET_PAGE } from '../../functions/src/domain/landing';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty, type SmallCounty } from '../support/fixtures';

/**
 * Public reads stay small and read only what they show, whatever the county's size: the org
 * tree comes in pages, a window landing reads the window's path, a link's landing one page of
 * its targets. Sizes and store reads are asserted, never times (speed: bench/public-reads.ts).
 */
let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let windowRoundToken: string;
const meter = { orgItems: 0 };

const UNITS = 10;
const SECTIONS_PER_UNIT = 10;
const WINDOWS_PER_SECTION = 30;
const BIG_WINDOWS = UNITS * SECTIONS_PER_UNIT * WINDOWS_PER_SECTION;
/** Every public answer stays under this, however large the county (docs/security.md, public reads). */
const PUBLIC_MAX_BYTES = 200 * 1024;

/** Counts org node items the store hands back (Get, BatchGet, Query), whatever the command. */
function meterOrgReads(db: DynamoDBDocumentClient) {
  const isNode = (item: unknown) => {
    const pk = (item as { PK?: unknown } | undefined)?.PK;
    return pk === 'ORG' || (typeof pk === 'object' && pk !== null && (pk as { S?: string }).S === 'ORG');
  };
  db.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const o = out.output as { Item?: unknown; Items?: unknown[]; Responses?: Record<string, unknown[]> };
      const items = [...(o.Item ? [o.Item] : []), ...(o.Items ?? []), ...Object.values(o.Responses ?? {}).flat()];
      meter.orgItems += items.filter(isNode).length;
      return out;
    },
    { step: 'initialize', name: 'orgReadMeter' },
  );
}

async function measured(path: string): Promise<{ status: number; body: any; bytes: number; orgItems: number }> {
  meter.orgItems = 0;
  const r = await fetch(`${stack.baseUrl}/api${path}`);
  const text = await r.text();
  return { status: r.status, body: JSON.parse(text), bytes: Buffer.byteLength(text), orgItems: meter.orgItems };
}

function bigCountyCsv(): string {
  const lines = ['kind,id,name,parentId,formKey', 'category,cb,社会服务组,,'];
  for (let u = 0; u < UNITS; u++) {
    lines.push(`unit,ub${u},第${u + 1}政务服务中心,cb,`);
    for (let s = 0; s < SECTIONS_PER_UNIT; s++) {
      const sid = `sb${u * SECTIONS_PER_UNIT + s}`;
      lines.push(`section,${sid},综合受理${u + 1}-${s + 1}科,ub${u},`);
      for (let w = 0; w < WINDOWS_PER_SECTION; w++) lines.push(`window,wb${(u * SECTIONS_PER_UNIT + s) * WINDOWS_PER_SECTION + w},综合受理${w + 1}号窗口（不动产登记、社保医保、公积金）,${sid},`);
    }
  }
  return lines.join('\n');
}

beforeAll(async () => {
  stack = await startStack();
  meterOrgReads(stack.db);
  api = apiClient(stack.baseUrl);
  // The big county's windows are imported after r1 opened: r1 says they join (round.newWindowsJoin).
  county = await seedSmallCounty(api, { newWindowsJoin: true });
  const imported = await api.call('POST', '/admin/nodes/import', { raw: bigCountyCsv(), contentType: 'text/csv', token: county.admin });
  expect(imported.status).toBe(201);
  // A sampling round that rates every window: the link covers thousands of targets.
  const now = Date.now();
  const created = await api.post(
    '/admin/rounds',
    {
      id: 'rw',
      name: '窗口抽样评议',
      period: { kind: 'quarter', label: '2026年第四季度', start: '2026-10-01', end: '2026-12-31' },
      schemeId: 'test-pipeline',
      targetKind: 'window',
      channels: ['sampling', 'window'],
      opensAt: new Date(now - 3600_000).toISOString(),
      closesAt: new Date(now + 30 * 86400_000).toISOString(),
    },
    county.admin,
  );
  expect(created.status).toBe(201);
  expect((await api.post('/admin/rounds/rw/open', undefined, county.admin)).status).toBe(200);
  windowRoundToken = (await api.post('/admin/rounds/rw/sampling-link', undefined, county.admin)).body.token;
}, 300_000);
afterAll(() => stack.close());

const ALL_NODES = 1 + 2 + 3 + 4 + 1 + UNITS + UNITS * SECTIONS_PER_UNIT + BIG_WINDOWS;

describe('GET /api/org: the tree a page at a time', () => {
  it(`answers ${ORG_PAGE_DEFAULT} nodes by default and at most ${ORG_PAGE_MAX}, each page read alone and under 200 KB`, async () => {
    const first = await measured('/org');
    expect([first.status, first.body.nodes.length, typeof first.body.next]).toEqual([200, ORG_PAGE_DEFAULT, 'string']);
    expect(first.bytes).toBeLessThan(PUBLIC_MAX_BYTES);
    expect(first.orgItems).toBe(ORG_PAGE_DEFAULT);
    const max = await measured(`/org?limit=${ORG_PAGE_MAX}`);
    expect([max.status, max.body.nodes.length]).toEqual([200, ORG_PAGE_MAX]);
    expect(max.bytes).toBeLessThan(PUBLIC_MAX_BYTES);
    expect(max.orgItems).toBe(ORG_PAGE_MAX);
    for (const q of [`limit=${ORG_PAGE_MAX + 1}`, 'limit=0', 'limit=x', 'kind=district', 'ids=', `ids=${Array.from({ length: ORG_IDS_MAX + 1 }, (_, i) => `wb${i}`).join(',')}`, 'ids=w111&kind=window', 'whole=1']) {
      const r = await api.get(`/org?${q}`);
      expect([q, r.status, r.body.error?.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
    }
  });

  it('walks every node exactly once, page after page, and every level alone', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let largest = 0;
    do {
      const page = await measured(`/org?limit=${ORG_PAGE_MAX}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(page.status).toBe(200);
      largest = Math.max(largest, page.bytes);
      seen.push(...page.body.nodes.map((n: { id: string }) => n.id));
      after = page.body.next;
    } while (after);
    expect(seen).toHaveLength(ALL_NODES);
    expect(new Set(seen).size).toBe(ALL_NODES);
    expect(largest).toBeLessThan(PUBLIC_MAX_BYTES);

    const sections: string[] = [];
    after = undefined;
    do {
      const page: { body: any } = await api.get(`/org?kind=section&limit=37${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(page.body.nodes.every((n: { kind: string }) => n.kind === 'section')).toBe(true);
      sections.push(...page.body.nodes.map((n: { id: string }) => n.id));
      after = page.body.next;
    } while (after);
    expect(sections.sort()).toEqual(['s11', 's12', 's21', ...Array.from({ length: UNITS * SECTIONS_PER_UNIT }, (_, i) => `sb${i}`)].sort());
  });

  it('answers named nodes by id, reading only those', async () => {
    const r = await measured('/org?ids=wb2999,sb99,nope,ub9');
    expect(r.body.nodes.map((n: { id: string }) => n.id)).toEqual(['wb2999', 'sb99', 'ub9']);
    expect(r.orgItems).toBe(3);
  });

  it('refuses a cursor it did not give, or one of another level, with 400', async () => {
    const next = (await api.get('/org?kind=window')).body.next as string;
    expect((await api.get(`/org?kind=window&after=${encodeURIComponent(next)}`)).status).toBe(200);
    const bytes = Buffer.from(next, 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    for (const q of [`kind=section&after=${encodeURIComponent(next)}`, `after=${encodeURIComponent(next)}`, `kind=window&after=${bytes.toString('base64url')}`, `kind=window&after=${Buffer.from('window|wb5').toString('base64url')}`, 'after=wb5']) {
      const r = await api.get(`/org?${q}`);
      expect([q, r.status, r.body.error?.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
    }
  });
});

describe('landing: reads proportional to what it shows, not to the tree', () => {
  it('a window landing reads the window and its ancestors only', async () => {
    const qr = (await api.post('/admin/windows/wb1234/qr', undefined, county.admin)).body.scene as string;
    const r = await measured(`/landing/${encodeURIComponent(qr)}`);
    expect(r.status).toBe(200);
    expect(r.body.window).toEqual({ id: 'wb1234', name: expect.any(String) });
    // The window round rates the window; the section round (r1) its section, on the same path.
    const shown = r.body.rounds.map((x: { roundId: string; targets: Array<{ id: string; path: unknown[] }> }) => [x.roundId, x.targets.map((t) => [t.id, t.path.length])]);
    expect(shown.sort()).toEqual([['r1', [['sb41', 3]]], ['rw', [['wb1234', 4]]]]);
    // The window (once to verify the token) and its three ancestors: 4 of 3,100+ nodes.
    expect(r.orgItems).toBeLessThanOrEqual(5);
    expect(r.bytes).toBeLessThan(PUBLIC_MAX_BYTES);
  });

  it('a sampling link over thousands of targets answers a page of them, and the pages cover each target once', async () => {
    const first = await measured(`/landing/${encodeURIComponent(windowRoundToken)}`);
    expect(first.status).toBe(200);
    const round = first.body.rounds[0];
    expect(round.targets).toHaveLength(LANDING_TARGET_PAGE);
    expect(round.targets[0].path.map((p: { kind: string }) => p.kind)).toEqual(['category', 'unit', 'section', 'window']);
    expect(typeof round.next).toBe('string');
    expect(first.bytes).toBeLessThan(PUBLIC_MAX_BYTES);
    // The page's targets and their distinct ancestors, nothing more.
    const ancestors = new Set(round.targets.flatMap((t: { path: Array<{ id: string }> }) => t.path.slice(0, -1).map((p) => p.id)));
    expect(first.orgItems).toBeLessThanOrEqual(LANDING_TARGET_PAGE + ancestors.size);

    const seen: string[] = round.targets.map((t: { id: string }) => t.id);
    let after: string | undefined = round.next;
    let largest = first.bytes;
    let mostReads = first.orgItems;
    while (after) {
      const page = await measured(`/landing/${encodeURIComponent(windowRoundToken)}?after=${encodeURIComponent(after)}`);
      expect(page.status).toBe(200);
      largest = Math.max(largest, page.bytes);
      mostReads = Math.max(mostReads, page.orgItems);
      seen.push(...page.body.rounds[0].targets.map((t: { id: string }) => t.id));
      after = page.body.rounds[0].next;
    }
    expect(seen).toHaveLength(BIG_WINDOWS + 4);
    expect(new Set(seen).size).toBe(BIG_WINDOWS + 4);
    expect(largest).toBeLessThan(PUBLIC_MAX_BYTES);
    expect(mostReads).toBeLessThanOrEqual(LANDING_TARGET_PAGE * 4);
  });

  it('answers one named target of a link (the ballot page) reading its path only, and none that is not the round’s', async () => {
    const r = await measured(`/landing/${encodeURIComponent(windowRoundToken)}?targetId=wb2999`);
    expect(r.body.rounds[0].targets.map((t: { id: string }) => t.id)).toEqual(['wb2999']);
    expect(r.body.rounds[0].total).toBe(1);
    expect(r.orgItems).toBeLessThanOrEqual(4);
    const notATarget = await api.get(`/landing/${encodeURIComponent(windowRoundToken)}?targetId=sb1`);
    expect(notATarget.body.rounds[0].targets).toEqual([]);
  });

  it('a section round’s link lists its sections; a forged or foreign cursor is 400', async () => {
    const r = await api.get(`/landing/${encodeURIComponent(county.samplingToken)}`);
    expect(r.body.rounds[0].targets.map((t: { id: string }) => t.id)).toHaveLength(LANDING_TARGET_PAGE);
    const next = r.body.rounds[0].next as string;
    // Another link's cursor does not continue this one.
    for (const q of [`after=${encodeURIComponent(next)}`, 'after=forged-cursor-forged-cursor', `after=${Buffer.from('k|sb5').toString('base64url')}`, 'targetId=../x', 'page=2']) {
      const bad = await api.get(`/landing/${encodeURIComponent(windowRoundToken)}?${q}`);
      expect([q, bad.status, bad.body.error?.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
    }
    expect((await api.get(`/landing/${encodeURIComponent(county.samplingToken)}?after=${encodeURIComponent(next)}`)).status).toBe(200);
  });

  it('an invitation naming its targets pages over them, with the total', async () => {
    const names = Array.from({ length: 120 }, (_, i) => `sb${i % 100}`).concat(['s11']);
    const inv = await api.post('/admin/rounds/r1/invitations', { members: [{ memberId: 'm-big' }], targetIds: names, expiresAt: new Date(Date.now() + 86400_000).toISOString() }, county.admin);
    expect(inv.status).toBe(201);
    const token = inv.body.invitations[0].token as string;
    const first = await measured(`/landing/${encodeURIComponent(token)}`);
    expect(first.body.rounds[0].total).toBe(101);
    const seen: string[] = first.body.rounds[0].targets.map((t: { id: string }) => t.id);
    let after: string | undefined = first.body.rounds[0].next;
    while (after) {
      const page: { body: any } = await api.get(`/landing/${encodeURIComponent(token)}?after=${encodeURIComponent(after)}`);
      seen.push(...page.body.rounds[0].targets.map((t: { id: string }) => t.id));
      after = page.body.rounds[0].next;
    }
    expect(seen.sort()).toEqual([...new Set(names)].sort());
  });
});
