/** A scheme's ranking group as the round form shows it. */
export type SchemeGroup = { id: string; label: string };
/** A county's own 组别 (an org node of kind `category`). */
export type Category = { id: string; name: string };

/**
 * Which scheme group each of the county's 组别 ranks in, as the round form first proposes it: the
 * group with the same id (an organisation file written with the scheme's ids), else the one with
 * the same name (执法监督组 ↔ 执法监督组). A 组别 that matches neither is left for the clerk.
 * @example defaultGroupMap([{ id: 'c1', name: '执法监督组' }], [{ id: 'enforcement', label: '执法监督组' }]) // { c1: 'enforcement' }
 */
export function defaultGroupMap(categories: readonly Category[], groups: readonly SchemeGroup[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const c of categories) {
    const match = groups.find((g) => g.id === c.id) ?? groups.find((g) => g.label === c.name.trim());
    if (match) map[c.id] = match.id;
  }
  return map;
}

/** The 组别 a scheme with groups cannot place: their targets would rank in no group. */
export function unmappedCategories(categories: readonly Category[], groups: readonly SchemeGroup[], map: Readonly<Record<string, string>>): Category[] {
  if (groups.length === 0) return [];
  return categories.filter((c) => !groups.some((g) => g.id === map[c.id]));
}
