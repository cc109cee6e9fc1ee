import type { PreviewResponse, PreviewStanding } from '../api/schemes';
import type { RoundResult, TargetResult } from '../scoring/result';

const standing = (t: TargetResult): PreviewStanding => ({
  rank: t.rank,
  total: t.total,
  grade: t.grade,
  consequences: t.consequences.map((c) => ({ ruleId: c.ruleId, label: c.label })),
});

/**
 * Lays a re-scored round beside what was published: each target's rank, total, grade and
 * consequences under both, the ranks that move, the grades that change and the consequences that
 * appear or vanish. Without `published` (a sample typed in by the clerk) only the new standing.
 * @example comparePreview(snapshot.results, scoreRound(edited, snapshot.facts), source).rankMoves // [{ targetId: 'c', from: 3, to: 2 }]
 */
export function comparePreview(published: RoundResult | undefined, preview: RoundResult, source: PreviewResponse['source']): PreviewResponse {
  const before = new Map((published?.targets ?? []).map((t) => [t.targetId, t]));
  const out: PreviewResponse = { source, targets: [], rankMoves: [], gradeChanges: [], consequencesAppear: [], consequencesVanish: [] };
  for (const t of preview.targets) {
    const was = before.get(t.targetId);
    out.targets.push({ targetId: t.targetId, ...(t.name ? { name: t.name } : {}), group: t.group, ...(was ? { published: standing(was) } : {}), preview: standing(t) });
    if (!published) continue;
    const wasRank = was?.rank ?? null;
    if (wasRank !== t.rank) out.rankMoves.push({ targetId: t.targetId, from: wasRank, to: t.rank });
    const wasGrade = was?.grade?.id ?? null;
    if (wasGrade !== (t.grade?.id ?? null)) out.gradeChanges.push({ targetId: t.targetId, from: wasGrade, to: t.grade?.id ?? null });
    const wasRules = new Set((was?.consequences ?? []).map((c) => c.ruleId));
    const nowRules = new Set(t.consequences.map((c) => c.ruleId));
    for (const c of t.consequences) if (!wasRules.has(c.ruleId)) out.consequencesAppear.push({ targetId: t.targetId, ruleId: c.ruleId, label: c.label });
    for (const c of was?.consequences ?? []) if (!nowRules.has(c.ruleId)) out.consequencesVanish.push({ targetId: t.targetId, ruleId: c.ruleId, label: c.label });
  }
  return out;
}
