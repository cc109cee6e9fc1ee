import type { LandingTarget } from '@shared/api/tokens';

export type ListedTarget = LandingTarget & { roundId: string };
export type TargetGroup = { key: string; name: string; targets: ListedTarget[] };

/** The unit a target belongs to (its own name when it is a unit, or has none above it). */
function unitOf(t: LandingTarget): { id: string; name: string } {
  const unit = t.path.find((p) => p.kind === 'unit' && p.id !== t.id);
  return unit ? { id: unit.id, name: unit.name } : { id: t.id, name: t.name };
}

/**
 * Targets grouped by their unit, in first-seen order, filtered by `query` (matched against the
 * target's name and every name on its path, so 公安 finds every section of 公安局).
 * @example groupByUnit([户政科, 治安科, 社保科], '公安') // [{ name: '公安局', targets: [户政科, 治安科] }]
 */
export function groupByUnit(targets: ListedTarget[], query = ''): TargetGroup[] {
  const q = query.trim().toLowerCase();
  const groups = new Map<string, TargetGroup>();
  for (const t of targets) {
    if (q && ![t.name, ...t.path.map((p) => p.name)].some((n) => n.toLowerCase().includes(q))) continue;
    const unit = unitOf(t);
    const g = groups.get(unit.id) ?? { key: unit.id, name: unit.name, targets: [] };
    g.targets.push(t);
    groups.set(unit.id, g);
  }
  return [...groups.values()];
}
