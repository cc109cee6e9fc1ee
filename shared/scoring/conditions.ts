import { z } from 'zod';
import { ChannelKind } from '../model/channel';
import { GRID, holds, type Comparison } from './compare';

/**
 * A test on one target's result in one round. Rules, grade overrides and the ranking's
 * "put first" override are all written with these, so a county's rules stay data.
 * `rank` counts in the scheme's ranking direction (rank 1 is the best in a best-first ranking,
 * the worst in a worst-first one). `ties` says what happens to a tie block that straddles a
 * cut: `include` lets the whole block in, `exclude` keeps the whole block out. Left out, the
 * engine fills `ties` and `rounding` from the scheme's `ranking.quota` (resolveRankDefaults;
 * docs/scoring.md#ties-at-a-cut); read raw, they mean `include` and `floor`.
 * @example { kind: 'any', of: [{ kind: 'value', of: 'satisfaction', op: 'lt', value: 0.75 }, { kind: 'rankFromEnd', within: 1 }] }
 */
export type Condition =
  | { kind: 'value'; of: string; op: Comparison; value: number }
  | { kind: 'grade'; in: string[] }
  | { kind: 'rank'; top: number; ties?: TiePolicy }
  | { kind: 'rankShare'; top: number; rounding?: Rounding; ties?: TiePolicy }
  | { kind: 'rankFromEnd'; within: number; ties?: TiePolicy }
  | { kind: 'misconduct' }
  | { kind: 'answers'; item: string; values: string[]; channels?: ChannelKind[]; atLeast: number }
  | { kind: 'any'; of: Condition[] }
  | { kind: 'all'; of: Condition[] }
  | { kind: 'not'; of: Condition };

export type TiePolicy = 'include' | 'exclude';
export type Rounding = 'floor' | 'round' | 'ceil';

export const TiePolicy = z.enum(['include', 'exclude']);
export const Rounding = z.enum(['floor', 'round', 'ceil']);
const Ties = TiePolicy;

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('value'), of: z.string(), op: z.enum(['lt', 'lte', 'gt', 'gte', 'eq']), value: z.number() }),
    z.object({ kind: z.literal('grade'), in: z.array(z.string()).min(1) }),
    z.object({ kind: z.literal('rank'), top: z.number().int().min(1), ties: Ties.optional() }),
    z.object({
      kind: z.literal('rankShare'),
      top: z.number().gt(0).lte(1),
      rounding: Rounding.optional(),
      ties: Ties.optional(),
    }),
    z.object({ kind: z.literal('rankFromEnd'), within: z.number().int().min(1), ties: Ties.optional() }),
    z.object({ kind: z.literal('misconduct') }),
    z.object({
      kind: z.literal('answers'),
      item: z.string(),
      values: z.array(z.string()).min(1),
      channels: z.array(ChannelKind).optional(),
      atLeast: z.number().int().min(1),
    }),
    z.object({ kind: z.literal('any'), of: z.array(Condition).min(1) }),
    z.object({ kind: z.literal('all'), of: z.array(Condition).min(1) }),
    z.object({ kind: z.literal('not'), of: Condition }),
  ]),
);

/**
 * What a condition can see of a target in one round. `countAnswers` exists only for the round
 * being scored: earlier rounds are known by their results, not their tallies.
 */
export type TargetView = {
  values: Record<string, number | null>;
  grade: string | null;
  rank: number | null;
  tieSize: number;
  rankedCount: number;
  misconduct: number;
  countAnswers?: (item: string, values: string[], channels?: ChannelKind[]) => number;
  /** This round's 95% simultaneous rank confidence (rank-confidence.ts); absent for past rounds. */
  rankBounds?: RankBounds;
};

/**
 * How many of the ranked targets are, with 95% simultaneous confidence, placed before (`ahead`)
 * or after (`behind`) this one, and how many share its place by a stated rule rather than by a
 * score (the silent block). Its rank confidence set is [1 + ahead, rankedCount − behind].
 */
export type RankBounds = { ahead: number; behind: number; tiedByRule: number };

/**
 * How a rank condition is read: on the published ranking (`point`), for certain (`confident`:
 * it holds for every ranking in the confidence set) or at all (`possible`: for some ranking in
 * it). `not` swaps the last two, so "confidently not in the top 6" is "not possibly in it".
 */
export type RankMode = 'point' | 'confident' | 'possible';

/**
 * How many places a share of a group gets: 40% of 16 units is 6.4, floored to 6 by default.
 * The product is put on the comparison grid first so 0.4 × 10 is 4, not 4.000000000000001.
 * @example quotaFor(0.4, 16, 'floor') // 6
 */
export function quotaFor(share: number, size: number, rounding: Rounding = 'floor'): number {
  const exact = Math.round(share * size * GRID) / GRID;
  return rounding === 'ceil' ? Math.ceil(exact) : rounding === 'round' ? Math.round(exact) : Math.floor(exact);
}

function inTop(v: TargetView, k: number, ties: TiePolicy = 'include'): boolean {
  if (v.rank === null) return false;
  return ties === 'exclude' ? v.rank + v.tieSize - 1 <= k : v.rank <= k;
}

function inBottom(v: TargetView, k: number, ties: TiePolicy = 'include'): boolean {
  if (v.rank === null) return false;
  const cut = v.rankedCount - k;
  return ties === 'exclude' ? v.rank > cut : v.rank + v.tieSize - 1 > cut;
}

/**
 * The first k places at the head (rank 1) or tail of the ranking, read in `mode`. Confident: the
 * place holds and at least n − k targets are confidently on the other side of it (a block tied
 * by rule counts with it when ties are included). Possible: fewer than k are confidently nearer
 * the end. Without confidence bounds (past rounds) every mode reads the ranking.
 */
function inPlaces(v: TargetView, end: 'head' | 'tail', k: number, ties: TiePolicy = 'include', mode: RankMode = 'point'): boolean {
  if (v.rank === null) return false;
  const point = end === 'head' ? inTop(v, k, ties) : inBottom(v, k, ties);
  const b = v.rankBounds;
  if (mode === 'point' || !b) return point;
  const nearer = end === 'head' ? b.ahead : b.behind;
  const farther = end === 'head' ? b.behind : b.ahead;
  if (mode === 'possible') return nearer < k;
  return point && farther + (ties === 'include' ? b.tiedByRule : 0) >= v.rankedCount - k;
}

/**
 * Whether a condition holds for a target's view. A missing value (no ballots, no score) makes a
 * value test false, never true: a target is not punished for an absent number.
 * @example conditionHolds({ kind: 'rank', top: 3 }, view) // true when view.rank is 1, 2 or 3
 */
export function conditionHolds(c: Condition, v: TargetView, mode: RankMode = 'point'): boolean {
  switch (c.kind) {
    case 'value': {
      const x = v.values[c.of];
      return x !== undefined && x !== null && holds(x, c.op, c.value);
    }
    case 'grade':
      return v.grade !== null && c.in.includes(v.grade);
    case 'rank':
      return inPlaces(v, 'head', c.top, c.ties, mode);
    case 'rankShare':
      return inPlaces(v, 'head', quotaFor(c.top, v.rankedCount, c.rounding), c.ties, mode);
    case 'rankFromEnd':
      return inPlaces(v, 'tail', c.within, c.ties, mode);
    case 'misconduct':
      return v.misconduct > 0;
    case 'answers':
      return v.countAnswers !== undefined && v.countAnswers(c.item, c.values, c.channels) >= c.atLeast;
    case 'any':
      return c.of.some((x) => conditionHolds(x, v, mode));
    case 'all':
      return c.of.every((x) => conditionHolds(x, v, mode));
    case 'not':
      return !conditionHolds(c.of, v, mode === 'confident' ? 'possible' : mode === 'possible' ? 'confident' : 'point');
  }
}

export type RankCondition = Extract<Condition, { kind: 'rank' | 'rankShare' | 'rankFromEnd' }>;

/**
 * Whether a condition reads a rank anywhere (also under `not`).
 * @example readsRank({ kind: 'not', of: { kind: 'rank', top: 6 } }) // true
 */
export function readsRank(c: Condition): boolean {
  if (c.kind === 'rank' || c.kind === 'rankShare' || c.kind === 'rankFromEnd') return true;
  if (c.kind === 'any' || c.kind === 'all') return c.of.some(readsRank);
  if (c.kind === 'not') return readsRank(c.of);
  return false;
}

/**
 * The rank conditions a condition asks to hold (not those under `not`: they are exceptions,
 * not cuts), in the order written.
 * @example positiveRankConditions(efficiencyBottomThree.when) // [{ kind: 'rankFromEnd', within: 3 }]
 */
export function positiveRankConditions(c: Condition): RankCondition[] {
  if (c.kind === 'rank' || c.kind === 'rankShare' || c.kind === 'rankFromEnd') return [c];
  if (c.kind === 'any' || c.kind === 'all') return c.of.flatMap(positiveRankConditions);
  return [];
}

/** Which end of the ranking a rank condition counts from, in the document's words. */
export function endOf(c: RankCondition, direction: 'best-first' | 'worst-first'): 'best' | 'worst' {
  const head = c.kind !== 'rankFromEnd';
  return head === (direction === 'best-first') ? 'best' : 'worst';
}

/** The defaults a scheme's ranking sets for rank conditions (docs/scoring.md#ties-at-a-cut). */
export const DEFAULT_QUOTA: { rounding: Rounding; ties: { best: TiePolicy; worst: TiePolicy } } = {
  rounding: 'floor',
  ties: { best: 'exclude', worst: 'include' },
};

/**
 * The condition with every rank condition's `rounding` and `ties` written out: its own when
 * given, else the ranking's `quota`, else DEFAULT_QUOTA. The engine scores with resolved
 * conditions, so this round and every past round are cut by the same stated rule.
 * @example resolveRankDefaults({ kind: 'rank', top: 6 }, 'best-first', undefined) // { kind: 'rank', top: 6, ties: 'exclude' }
 */
export function resolveRankDefaults(
  c: Condition,
  direction: 'best-first' | 'worst-first',
  quota: { rounding?: Rounding | undefined; ties?: { best?: TiePolicy | undefined; worst?: TiePolicy | undefined } | undefined } | undefined,
): Condition {
  const tiesFor = (x: RankCondition): TiePolicy => x.ties ?? quota?.ties?.[endOf(x, direction)] ?? DEFAULT_QUOTA.ties[endOf(x, direction)];
  switch (c.kind) {
    case 'rank':
    case 'rankFromEnd':
      return { ...c, ties: tiesFor(c) };
    case 'rankShare':
      return { ...c, rounding: c.rounding ?? quota?.rounding ?? DEFAULT_QUOTA.rounding, ties: tiesFor(c) };
    case 'any':
    case 'all':
      return { ...c, of: c.of.map((x) => resolveRankDefaults(x, direction, quota)) };
    case 'not':
      return { ...c, of: resolveRankDefaults(c.of, direction, quota) };
    default:
      return c;
  }
}

/**
 * Every component id, grade id and item a condition refers to, for the scheme's cross-checks.
 * @example conditionRefs({ kind: 'value', of: 'total', op: 'lt', value: 70 }) // { values: ['total'], grades: [], items: [] }
 */
export function conditionRefs(c: Condition): { values: string[]; grades: string[]; items: string[] } {
  const out = { values: [] as string[], grades: [] as string[], items: [] as string[] };
  const walk = (x: Condition): void => {
    if (x.kind === 'value') out.values.push(x.of);
    else if (x.kind === 'grade') out.grades.push(...x.in);
    else if (x.kind === 'answers') out.items.push(x.item);
    else if (x.kind === 'any' || x.kind === 'all') x.of.forEach(walk);
    else if (x.kind === 'not') walk(x.of);
  };
  walk(c);
  return out;
}
