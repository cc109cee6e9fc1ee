import { AppError } from '@shared/errors';
import type { OrgNode } from '@shared/model/org';
import type { Session } from '../sessions';
import type { BallotSource } from './compose';
import type { StandingReader } from './standing';

/**
 * Nobody rates the unit they work in or the units they supervise (docs/access.md, "Own unit").
 * What "own unit" is, by session role, for a citizen ballot (window QR or sampling link):
 *  - `staff`: the unit in the session (`unitId`) — the unit itself, every section and window
 *    under it, and every node above it (a category round rates the unit as part of its group).
 *    A window ballot is judged by its window too: a window of their unit never counts for them,
 *    whatever level the round rates.
 *  - `supervisor`, `admin`: the office that runs the programme opens and closes its rounds,
 *    decides its stuffing flags and publishes its rankings, so every rated unit is under its
 *    supervision — its "own unit" is every target, and its office session casts no citizen
 *    ballot at all.
 *  - `monitor`, `inspector`: not part of a rated unit nor of the deciding office; they give
 *    their opinions on their own sheets (`POST /sheets`) and are not refused here.
 *  - invitations (directed, hearing): the ballot belongs to the panel member the office invited,
 *    whatever session is attached, so the session is not judged.
 * A citizen session (WeChat login) whose openid is bound to an office account carries that
 * account's role and unit (`Session.office`, set at login: accounts.ts `citizenSession`) and is
 * judged as that account: signing in as a citizen does not make one's own unit rateable.
 * Refused with OWN_UNIT_BALLOT (403) before anything is written.
 */
export async function assertNotOwnUnit(read: Pick<StandingReader, 'node'>, session: Session | undefined, source: BallotSource, target: OrgNode): Promise<void> {
  if (!session || (source.kind !== 'window' && source.kind !== 'link')) return;
  const who = session.role === 'citizen' ? session.office : session;
  if (!who) return;
  if (who.role === 'supervisor' || who.role === 'admin') throw new AppError('OWN_UNIT_BALLOT', { role: who.role, targetId: target.id, scope: 'programme' });
  if (who.role !== 'staff' || !who.unitId) return;
  const unitId = who.unitId;
  const inside = (node: Pick<OrgNode, 'id' | 'path'>) => node.id === unitId || node.path.includes(unitId);
  if (inside(target) || (source.kind === 'window' && inside(source.window))) throw new AppError('OWN_UNIT_BALLOT', { role: 'staff', targetId: target.id, scope: 'unit' });
  // A target above the unit (its category) contains it: only the unit's own path says so.
  if (target.kind === 'category') {
    const unit = await read.node(unitId);
    if (unit?.path.includes(target.id)) throw new AppError('OWN_UNIT_BALLOT', { role: 'staff', targetId: target.id, scope: 'unit' });
  }
}
