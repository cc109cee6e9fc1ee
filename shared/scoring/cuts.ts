import { conditionHolds, endOf, positiveRankConditions, quotaFor, type RankCondition, type TargetView } from './conditions';
import type { GroupCut } from './result';
import type { Rule } from './scheme';

/** The tie rules' names as the published table states them. */
export const TIE_RULE_NAMES = { include: '并列均计入', exclude: '并列不超额' } as const;

const ROUNDING_NAMES = { floor: '向下取整', round: '四舍五入', ceil: '向上取整' } as const;

/**
 * Every cut the group's rules make on its ranking (conditions already resolved, see
 * resolveRankDefaults): how many places, which tie rule applies, the tie block straddling the
 * cut if any and what it got, and who is confidently / possibly within the places. Rules that
 * cut at the same place with the same rule share one entry. `views` are the group's ranked
 * targets (rank not null).
 * @example groupCuts(rules, 'best-first', views)[0]?.text // '前40%（5个单位×40%=2，向下取整为2个）：第2名3个单位并列，按“并列不超额”规则均不授予'
 */
export function groupCuts(rules: Rule[], direction: 'best-first' | 'worst-first', views: Array<{ targetId: string; view: TargetView }>): GroupCut[] {
  const ranked = views.filter((v) => v.view.rank !== null);
  if (ranked.length === 0) return [];
  const n = ranked[0]!.view.rankedCount;
  const byKey = new Map<string, { c: RankCondition; rules: Rule[] }>();
  for (const rule of rules) {
    for (const c of positiveRankConditions(rule.when)) {
      const key = JSON.stringify(c);
      const entry = byKey.get(key) ?? { c, rules: [] };
      if (!entry.rules.includes(rule)) entry.rules.push(rule);
      byKey.set(key, entry);
    }
  }
  const cuts: GroupCut[] = [];
  for (const { c, rules: rs } of byKey.values()) {
    const end = endOf(c, direction);
    const ties = c.ties ?? 'include';
    const places = c.kind === 'rankShare' ? quotaFor(c.top, n, c.rounding) : c.kind === 'rank' ? c.top : c.within;
    const head = c.kind !== 'rankFromEnd';
    // The places counted from the head are 1..k; from the tail, n − k + 1..n. A block straddles
    // the cut when it starts inside and ends outside (head) or starts outside and ends inside.
    const line = head ? places : n - places;
    const straddling = ranked.filter((v) => v.view.tieSize > 1 && v.view.rank! <= line && v.view.rank! + v.view.tieSize - 1 > line);
    const within = ranked.filter((v) => conditionHolds(c, v.view)).map((v) => v.targetId).sort();
    const confident = ranked.filter((v) => v.view.rankBounds && conditionHolds(c, v.view, 'confident')).map((v) => v.targetId).sort();
    const possible = ranked.filter((v) => v.view.rankBounds && conditionHolds(c, v.view, 'possible')).map((v) => v.targetId).sort();
    const first = straddling[0];
    const tie = first ? { rank: first.view.rank!, size: first.view.tieSize, targetIds: straddling.map((v) => v.targetId).sort(), applied: ties === 'include' } : null;
    cuts.push({
      ruleIds: rs.map((r) => r.id),
      end,
      kind: c.kind,
      places,
      ...(c.kind === 'rankShare' ? { share: c.top, rounding: c.rounding ?? 'floor' } : {}),
      ties,
      tie,
      within,
      confident,
      possible,
      text: cutText(c, n, places, ties, end, tie, rs),
    });
  }
  return cuts;
}

function cutText(c: RankCondition, n: number, places: number, ties: 'include' | 'exclude', end: 'best' | 'worst', tie: GroupCut['tie'], rules: Rule[]): string {
  const where = c.kind === 'rankFromEnd' ? `后${places}名` : c.kind === 'rank' ? `前${places}名` : `前${pct(c.top)}%（${n}个单位×${pct(c.top)}%=${num(c.top * n)}，${ROUNDING_NAMES[c.rounding ?? 'floor']}为${places}个）`;
  const labels = rules.map((r) => r.label).join('、');
  if (!tie) return `${where}：名额线处无并列（${labels}）`;
  const verb = end === 'best' ? (tie.applied ? '均授予' : '均不授予') : tie.applied ? '均列入' : '均不列入';
  return `${where}：第${tie.rank}名${tie.size}个单位并列，按“${TIE_RULE_NAMES[ties]}”规则${verb}（${labels}）`;
}

function pct(share: number): string {
  return num(share * 100);
}

function num(x: number): string {
  return String(Math.round(x * 100) / 100);
}
