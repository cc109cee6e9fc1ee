import { z } from 'zod';
import { ChannelKind } from '../model/channel';
import { GRID, holds, type Comparison } from './compare';

/**
 * A test on one target's result in one round. Rules, grade overrides and the ranking's
 * "put first" override are all written with these, so a county's rules stay data.
 * `rank` counts in the scheme's ranking direction (rank 1 is the best in a best-first ranking,
 * the worst in a worst-first one). `ties` says what happens to a tie block that straddles a
 * cut: `include` (default) lets the whole block in, `exclude` keeps the whole block out.
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

const Ties = z.enum(['include', 'exclude']);

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('value'), of: z.string(), op: z.enum(['lt', 'lte', 'gt', 'gte', 'eq']), value: z.number() }),
    z.object({ kind: z.literal('grade'), in: z.array(z.string()).min(1) }),
    z.object({ kind: z.literal('rank'), top: z.number().int().min(1), ties: Ties.optional() }),
    z.object({
      kind: z.literal('rankShare'),
      top: z.number().gt(0).lte(1),
      rounding: z.enum(['floor', 'round', 'ceil']).optional(),
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
};

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
 * Whether a condition holds for a target's view. A missing value (no ballots, no score) makes a
 * value test false, never true: a target is not punished for an absent number.
 * @example conditionHolds({ kind: 'rank', top: 3 }, view) // true when view.rank is 1, 2 or 3
 */
export function conditionHolds(c: Condition, v: TargetView): boolean {
  switch (c.kind) {
    case 'value': {
      const x = v.values[c.of];
      return x !== undefined && x !== null && holds(x, c.op, c.value);
    }
    case 'grade':
      return v.grade !== null && c.in.includes(v.grade);
    case 'rank':
      return inTop(v, c.top, c.ties);
    case 'rankShare':
      return inTop(v, quotaFor(c.top, v.rankedCount, c.rounding), c.ties);
    case 'rankFromEnd':
      return inBottom(v, c.within, c.ties);
    case 'misconduct':
      return v.misconduct > 0;
    case 'answers':
      return v.countAnswers !== undefined && v.countAnswers(c.item, c.values, c.channels) >= c.atLeast;
    case 'any':
      return c.of.some((x) => conditionHolds(x, v));
    case 'all':
      return c.of.every((x) => conditionHolds(x, v));
    case 'not':
      return !conditionHolds(c.of, v);
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
