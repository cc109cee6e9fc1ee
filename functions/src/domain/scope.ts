import type { OrgNode } from '@shared/model/org';
import type { TalliesResponse } from '@shared/api/results';
import type { ReturnRateResponse } from '@shared/api/panels';
import type { RoundResult } from '@shared/scoring';
import type { Deps } from './deps';
import type { Session } from './sessions';

/**
 * Object-level access (OWASP API1) for what a round shows per target: unit staff see the
 * targets inside their own unit and nothing of another unit; every other role that reaches these
 * routes (supervisor, admin) sees all. A staff session without a unit sees nothing.
 * @example inUnitScope({ role: 'staff', unitId: 'u1', … }, { path: ['c1', 'u1', 's11'], … }) // true
 */
export function inUnitScope(session: Session, node: Pick<OrgNode, 'path'>): boolean {
  if (session.role !== 'staff') return true;
  return session.unitId !== undefined && node.path.includes(session.unitId);
}

/** The subset of `targetIds` the session may see (all of them for the office). */
async function visible(deps: Deps, session: Session, targetIds: string[]): Promise<(id: string) => boolean> {
  if (session.role !== 'staff') return () => true;
  const nodes = await deps.store.org.getNodes(targetIds);
  return (id) => {
    const node = nodes.get(id);
    return node !== undefined && inUnitScope(session, node);
  };
}

export async function scopeTallies(deps: Deps, session: Session, t: TalliesResponse): Promise<TalliesResponse> {
  const sees = await visible(deps, session, t.targets.map((x) => x.targetId));
  return { ...t, targets: t.targets.filter((x) => sees(x.targetId)) };
}

/** Staff keep their targets' rank and ranked count, so they know where they stand, but not the others' rows. */
export async function scopeResults(deps: Deps, session: Session, r: RoundResult): Promise<RoundResult> {
  // The office sees the whole result: the very (frozen, remembered) object, serialised once (http/frozen-json.ts).
  if (session.role !== 'staff') return r;
  const sees = await visible(deps, session, r.targets.map((x) => x.targetId));
  const groups = r.groups
    .map((g) => ({
      ...g,
      order: g.order.filter(sees),
      notRanked: g.notRanked.filter(sees),
      // A cut's sentence counts places, never names; its id lists would name the other units.
      ...(g.cuts
        ? { cuts: g.cuts.map((c) => ({ ...c, within: c.within.filter(sees), confident: c.confident.filter(sees), possible: c.possible.filter(sees), tie: c.tie && { ...c.tie, targetIds: c.tie.targetIds.filter(sees) } })) }
        : {}),
    }))
    .filter((g) => g.order.length + g.notRanked.length > 0);
  return { ...r, groups, targets: r.targets.filter((x) => sees(x.targetId)) };
}

export async function scopeReturnRate(deps: Deps, session: Session, r: ReturnRateResponse): Promise<ReturnRateResponse> {
  const sees = await visible(deps, session, r.targets.map((x) => x.targetId));
  return { ...r, targets: r.targets.filter((x) => sees(x.targetId)) };
}
