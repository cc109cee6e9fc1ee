import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import { expectStatus, type HttpClient } from './http';
import { BENCH_SCHEME } from './scheme';

export const ROUND_ID = 'bench-round';
const SECTIONS_PER_UNIT = 20;
const UNITS_PER_CATEGORY = 20;

export interface Seeded {
  admin: string;
  round: Round;
  /** The round's targets (sections), in a fixed order the phases index into. */
  targets: OrgNode[];
  samplingToken: string;
}

/**
 * An org tree sized by `targets` (sections, each with one window so the org partition holds
 * what a real county's does), one open section round on the bench scheme, and its sampling
 * link — all through the admin API, as an operator would.
 */
export async function seedRound(api: HttpClient, targets: number, shards: number): Promise<Seeded> {
  const admin = expectStatus(await api.post('/auth/dev', { name: 'bench-admin', role: 'admin' }), 200, 'admin login').body.token as string;
  const csv = orgCsv(targets);
  const imported = expectStatus(await api.call('POST', '/admin/nodes/import', { raw: csv, contentType: 'text/csv', token: admin }), 201, 'org import');
  const sections = (imported.body.nodes as OrgNode[]).filter((n) => n.kind === 'section');
  const now = Date.now();
  expectStatus(
    await api.post(
      '/admin/rounds',
      {
        id: ROUND_ID,
        name: '基准测试轮次',
        period: { kind: 'quarter', label: '2026年第四季度', start: '2026-10-01', end: '2026-12-31' },
        schemeId: BENCH_SCHEME.id,
        targetKind: 'section',
        channels: ['sampling', 'window'],
        opensAt: new Date(now - 3600_000).toISOString(),
        closesAt: new Date(now + 30 * 86400_000).toISOString(),
        tallyShards: shards,
      },
      admin,
    ),
    201,
    'create round',
  );
  const opened = expectStatus(await api.post(`/admin/rounds/${ROUND_ID}/open`, undefined, admin), 200, 'open round').body as Round;
  const link = expectStatus(await api.post(`/admin/rounds/${ROUND_ID}/sampling-link`, undefined, admin), 200, 'sampling link').body as { token: string; version: number };
  // The round as it stands after the link was issued (the direct phase's fence names the link version).
  const round: Round = { ...opened, samplingVersion: link.version, samplingRevoked: false };
  return { admin, round, targets: sections, samplingToken: link.token };
}

export function orgCsv(targets: number): string {
  const lines = ['kind,id,name,parentId,formKey'];
  const units = Math.ceil(targets / SECTIONS_PER_UNIT);
  for (let u = 0; u < units; u++) {
    const c = Math.floor(u / UNITS_PER_CATEGORY);
    if (u % UNITS_PER_CATEGORY === 0) lines.push(`category,c${c},评议组${c + 1},,`);
    lines.push(`unit,u${u},单位${u + 1},c${c},`);
  }
  for (let s = 0; s < targets; s++) {
    const u = Math.floor(s / SECTIONS_PER_UNIT);
    lines.push(`section,${sectionId(s)},单位${u + 1}科室${(s % SECTIONS_PER_UNIT) + 1},u${u},`);
    lines.push(`window,${windowOf(sectionId(s))},单位${u + 1}科室${(s % SECTIONS_PER_UNIT) + 1}窗口,${sectionId(s)},`);
  }
  return lines.join('\n');
}

export const sectionId = (i: number) => `s${i}`;
/** Each section's one window. */
export const windowOf = (sectionId: string) => `w${sectionId.slice(1)}`;

/** A QR scene for every target's window (the window channel's token), in target order. */
export async function issueWindowTokens(api: HttpClient, admin: string, targets: OrgNode[]): Promise<string[]> {
  const scenes: string[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < targets.length; i = next++)
      scenes[i] = expectStatus(await api.post(`/admin/windows/${windowOf(targets[i]!.id)}/qr`, undefined, admin), 200, 'window QR').body.scene;
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return scenes;
}
