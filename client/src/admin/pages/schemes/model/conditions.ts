import type { Condition } from '@shared/scoring/conditions';
import type { z } from 'zod';
import type { RuleHistory } from '@shared/scoring/scheme';
import { OP_LABELS } from './labels';
import { percent } from './numbers';
import { itemLabel, optionLabel, showValue, valueIsShare, valueLabel, type Body } from './values';

type Direction = 'best-first' | 'worst-first';

/**
 * A condition in the clerk's words, read with the scheme's ranking direction.
 * @example describeCondition(ganquan, lowOrLast) // '满意度低于75% 或 排名末位'
 */
export function describeCondition(body: Body, c: Condition): string {
  const direction: Direction = body.ranking?.direction ?? 'best-first';
  const head = (n: number) => (direction === 'best-first' ? `排名前${n}名` : `最差的${n}名`);
  const tail = (n: number) => (direction === 'best-first' ? (n === 1 ? '排名末位' : `排名后${n}名`) : n === 1 ? '排名最好' : `最好的${n}名`);
  switch (c.kind) {
    case 'value':
      return `${valueLabel(body, c.of)}${OP_LABELS[c.op]}${showValue(body, c.of, c.value)}`;
    case 'grade':
      return `等次为${c.in.map((g) => `“${body.grades?.bands.find((b) => b.id === g)?.label ?? g}”`).join('或')}`;
    case 'rank':
      return head(c.top);
    case 'rankShare':
      return direction === 'best-first' ? `排名前${percent(c.top)}` : `最差的${percent(c.top)}`;
    case 'rankFromEnd':
      return tail(c.within);
    case 'misconduct':
      return '查实有违纪违法行为';
    case 'answers':
      return `“${itemLabel(body, c.item)}”选“${c.values.map((v) => optionLabel(body, c.item, v)).join('、')}”的票不少于${c.atLeast}张`;
    case 'any':
      return c.of.map((x) => wrap(body, x)).join(' 或 ');
    case 'all':
      return c.of.map((x) => wrap(body, x)).join(' 且 ');
    case 'not':
      return `不属于${wrap(body, c.of, true)}`;
  }
}

const wrap = (body: Body, c: Condition, always = false): string =>
  always || c.kind === 'any' || c.kind === 'all' ? `（${describeCondition(body, c)}）` : describeCondition(body, c);

/**
 * One number of a condition the clerk may change: the threshold of a value test, the places of a
 * rank test, the share of a quota, the ballots of an answers test. `path` leads to it from the
 * condition; `unit` says how the box reads it.
 */
export type Knob = { path: (string | number)[]; label: string; unit: 'percent' | 'points' | 'places' | 'ballots'; value: number };

/**
 * The numbers a condition holds, in the order written (not those under `not`: an exception such
 * as 「不在前6名」 follows the praise rule's own number, which the clerk edits there).
 * @example conditionKnobs(tonghe, { kind: 'rankShare', top: 0.4 }) // [{ path: ['top'], label: '前百分之几', unit: 'percent', value: 0.4 }]
 */
export function conditionKnobs(body: Body, c: Condition, path: (string | number)[] = []): Knob[] {
  switch (c.kind) {
    case 'value':
      return [{ path: [...path, 'value'], label: `${valueLabel(body, c.of)}${OP_LABELS[c.op]}`, unit: valueIsShare(body, c.of) ? 'percent' : 'points', value: c.value }];
    case 'rank':
      return [{ path: [...path, 'top'], label: (body.ranking?.direction ?? 'best-first') === 'best-first' ? '前几名' : '最差的几名', unit: 'places', value: c.top }];
    case 'rankShare':
      return [{ path: [...path, 'top'], label: '前百分之几', unit: 'percent', value: c.top }];
    case 'rankFromEnd':
      return [{ path: [...path, 'within'], label: (body.ranking?.direction ?? 'best-first') === 'best-first' ? '后几名' : '最好的几名', unit: 'places', value: c.within }];
    case 'answers':
      return [{ path: [...path, 'atLeast'], label: `“${itemLabel(body, c.item)}”票数不少于`, unit: 'ballots', value: c.atLeast }];
    case 'any':
    case 'all':
      return c.of.flatMap((x, i) => conditionKnobs(body, x, [...path, 'of', i]));
    default:
      return [];
  }
}

/**
 * The condition with the number at `path` replaced (a copy; the input is not changed).
 * @example setKnob({ kind: 'rankShare', top: 0.4 }, ['top'], 0.3) // { kind: 'rankShare', top: 0.3 }
 */
export function setKnob(c: Condition, path: (string | number)[], value: number): Condition {
  const out = JSON.parse(JSON.stringify(c)) as Condition;
  let at: Record<string | number, unknown> = out as unknown as Record<string, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = value;
  return out;
}

const UNIT_WORDS = { round: '轮', quarter: '个季度', year: '年' } as const;

/**
 * A rule's history in words.
 * @example describeHistory({ kind: 'consecutive', rounds: 2, mode: 'atLeast', unit: 'year' }) // '连续2年以上'
 * @example describeHistory({ kind: 'count', atLeast: 2, unit: 'round' }) // '累计2轮'
 */
export function describeHistory(h: z.input<typeof RuleHistory> | undefined): string {
  if (!h) return '本轮即处理';
  const unit = UNIT_WORDS[h.unit ?? 'round'];
  if (h.kind === 'consecutive') return `连续${h.rounds}${unit}${(h.mode ?? 'atLeast') === 'atLeast' ? '以上' : ''}`;
  return `${h.window ? `最近${h.window}${unit}内` : ''}累计${h.atLeast}${unit}`;
}
