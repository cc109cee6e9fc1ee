import { randomUUID } from 'node:crypto';
import type { ApiClient } from './http';

/**
 * A small county made through the admin API: 1 category, 2 units, 3 sections (one a school
 * form), 4 windows; an open section round on the pipeline test scheme with all three ballot
 * channels; a QR per window, a sampling link and two invitations.
 */
export interface SmallCounty {
  admin: string;
  roundId: string;
  windowTokens: Record<string, string>;
  samplingToken: string;
  invitations: Array<{ invitationId: string; token: string; memberId: string }>;
}

export const SMALL_COUNTY_CSV = [
  'kind,id,name,parentId,formKey',
  'category,c1,执法监督组,,',
  'unit,u1,公安局,c1,',
  'unit,u2,教育局,c1,',
  'section,s11,户政科,u1,',
  'section,s12,出入境管理科,u1,',
  'section,s21,基础教育科,u2,school',
  'window,w111,户政1号窗口,s11,',
  'window,w112,户政2号窗口,s11,',
  'window,w121,出入境窗口,s12,',
  'window,w211,教育咨询窗口,s21,',
].join('\n');

export async function seedSmallCounty(api: ApiClient, opts: { roundId?: string; name?: string; schemeId?: string; channels?: string[]; opensAt?: string; closesAt?: string; open?: boolean; importOrg?: boolean; period?: { kind: string; label: string; start: string; end: string }; groupMap?: Record<string, string>; programmeId?: string; targetIds?: string[]; staffBatch?: number; newWindowsJoin?: boolean } = {}): Promise<SmallCounty> {
  const admin = await api.login('admin-1', 'admin');
  if (opts.importOrg !== false) {
    const imported = await api.call('POST', '/admin/nodes/import', { raw: SMALL_COUNTY_CSV, contentType: 'text/csv', token: admin });
    if (imported.status !== 201) throw new Error(`import failed: ${JSON.stringify(imported.body)}`);
  }
  const roundId = opts.roundId ?? 'r1';
  const now = Date.now();
  const created = await api.post(
    '/admin/rounds',
    {
      id: roundId,
      name: opts.name ?? '测试轮次',
      ...(opts.programmeId ? { programmeId: opts.programmeId } : {}),
      ...(opts.targetIds ? { targetIds: opts.targetIds } : {}),
      period: opts.period ?? { kind: 'quarter', label: '2026年第四季度', start: '2026-10-01', end: '2026-12-31' },
      ...(opts.groupMap ? { groupMap: opts.groupMap } : {}),
      schemeId: opts.schemeId ?? 'test-pipeline',
      targetKind: 'section',
      channels: opts.channels ?? ['window', 'sampling', 'directed'],
      opensAt: opts.opensAt ?? new Date(now - 3600_000).toISOString(),
      closesAt: opts.closesAt ?? new Date(now + 30 * 86400_000).toISOString(),
      ...(opts.groupMap ? { groupMap: opts.groupMap } : {}),
      ...(opts.staffBatch !== undefined ? { staffBatch: opts.staffBatch } : {}),
      ...(opts.newWindowsJoin !== undefined ? { newWindowsJoin: opts.newWindowsJoin } : {}),
    },
    admin,
  );
  if (created.status !== 201) throw new Error(`round failed: ${JSON.stringify(created.body)}`);
  if (opts.open !== false) {
    const opened = await api.post(`/admin/rounds/${roundId}/open`, undefined, admin);
    if (opened.status !== 200) throw new Error(`open failed: ${JSON.stringify(opened.body)}`);
  }
  const windowTokens: Record<string, string> = {};
  if (opts.importOrg !== false) {
    for (const w of ['w111', 'w112', 'w121', 'w211']) windowTokens[w] = (await api.post(`/admin/windows/${w}/qr`, undefined, admin)).body.scene;
  }
  const channels = opts.channels ?? ['window', 'sampling', 'directed'];
  const samplingToken = channels.includes('sampling') ? (await api.post(`/admin/rounds/${roundId}/sampling-link`, undefined, admin)).body.token : '';
  const invitations = channels.includes('directed')
    ? (
        await api.post(
          `/admin/rounds/${roundId}/invitations`,
          { members: [{ memberId: 'm-001' }, { memberId: 'm-002' }], expiresAt: new Date(now + 7 * 86400_000).toISOString() },
          admin,
        )
      ).body.invitations
    : [];
  return { admin, roundId, windowTokens, samplingToken, invitations };
}

/** A valid ballot body for the pipeline scheme. */
export function ballot(token: string, extra: Record<string, unknown> = {}) {
  return { clientBallotId: randomUUID(), token, answers: { overall: 'satisfied' }, ...extra };
}

/** A programme (评议项目) on the small county's sections: quarterly unless told otherwise. */
export async function createProgramme(api: ApiClient, token: string, opts: { id: string; schemeId: string; name?: string; cadence?: string; yearStartMonth?: number; targetIds?: string[]; groupMap?: Record<string, string> }): Promise<void> {
  const r = await api.post(
    '/admin/programmes',
    { id: opts.id, name: opts.name ?? '测试评议项目', schemeId: opts.schemeId, cadence: opts.cadence ?? 'quarter', targetKind: 'section', ...(opts.yearStartMonth ? { yearStartMonth: opts.yearStartMonth } : {}), ...(opts.targetIds ? { targetIds: opts.targetIds } : {}), ...(opts.groupMap ? { groupMap: opts.groupMap } : {}) },
    token,
  );
  if (r.status !== 201) throw new Error(`programme failed: ${JSON.stringify(r.body)}`);
}

/**
 * Decides every pending stuffing flag of a closed round with `keep`: test crowds are honest but
 * fast (30 sampling ballots in a second are a burst), and an undecided flag that could move a
 * named position blocks publication (STUFFING_UNDECIDED). Returns how many it decided.
 */
export async function keepPendingFlags(api: ApiClient, roundId: string, supervisor: string): Promise<number> {
  const r = await api.get(`/admin/rounds/${roundId}/flags`, supervisor);
  if (r.status !== 200) throw new Error(`flags of ${roundId}: ${r.status} ${JSON.stringify(r.body)}`);
  const pending = (r.body.flags as Array<{ flagId: string; status: string }>).filter((f) => f.status === 'pending');
  for (const f of pending) {
    const d = await api.post(`/admin/rounds/${roundId}/flags/${f.flagId}/decision`, { decision: 'keep', reason: '测试数据：逐份核实为真实评价' }, supervisor);
    if (d.status !== 201 && d.status !== 200) throw new Error(`deciding ${f.flagId}: ${d.status} ${JSON.stringify(d.body)}`);
  }
  return pending.length;
}
