import { z } from 'zod';
import { ChannelKind } from '../model/channel';

/**
 * The building blocks of a score. Components are computed in the order the scheme lists them;
 * a `weighted` component may only use components listed before it, so a scheme can never loop.
 * Values are plain numbers on the component's own scale (`scale: 100` turns a share into
 * percentage points).
 */
const id = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'component id: lower-case letters, digits, _');
const label = z.string().min(1).max(40);
const channels = z.array(ChannelKind).min(1);

/**
 * successes ÷ (ballots or answers on `item`) × scale. 甘泉: 满意 ÷ 回收份数.
 * @example { kind: 'proportion', id: 'satisfaction', label: '满意度', channels: ['window'], item: 'overall', success: ['satisfied'], denominator: 'ballots' }
 */
export const ProportionComponent = z.object({
  kind: z.literal('proportion'),
  id,
  label,
  channels,
  item: z.string(),
  success: z.array(z.string()).min(1),
  /** `ballots`: every returned ballot counts, a blank answer is not a success; `answered`: only ballots that answered the item. */
  denominator: z.enum(['ballots', 'answered']).default('ballots'),
  scale: z.number().positive().default(1),
});

/**
 * Forms returned ÷ served (facts per target: `returned` when numbered forms were issued, else
 * every ballot on the channels; returned.ts). 甘泉: 回收率.
 * @example { kind: 'returnRate', id: 'return_rate', label: '回收率', channels: ['window'] }
 */
export const ReturnRateComponent = z.object({
  kind: z.literal('returnRate'),
  id,
  label,
  channels,
  scale: z.number().positive().default(1),
});

/**
 * Σ count × option points ÷ (N × normaliser) × scale, N = ballots (`per: 'ballot'`, a hearing
 * sheet's total) or answers (`per: 'answer'`, 效能办: Σ 次数 × 分 ÷ (总次数 × 90)).
 * `divisor` (per ballot only): N is the sheets returned (`returned`, default) or the
 * representatives present, a fact per target and channel (`present`, 通河: 听证评议总分 ÷
 * 参加听证会评议代表人数); a present representative without a sheet adds 0 points. Without that
 * fact the value is missing (flag `missing_present`, an input still to enter).
 * @example { kind: 'pointsMean', id: 'hearing', label: '听证评议', channels: ['hearing'], items: ['openness'], per: 'ballot', divisor: 'present' }
 */
export const PointsMeanComponent = z.object({
  kind: z.literal('pointsMean'),
  id,
  label,
  channels,
  items: z.array(z.string()).min(1),
  per: z.enum(['ballot', 'answer']),
  divisor: z.enum(['returned', 'present']).optional(),
  normaliser: z.number().positive().default(1),
  scale: z.number().positive().default(1),
});

/**
 * A number given in the facts per target (工作考核, 政风建设年), checked against [min, max].
 * `groups`: the groups it applies to (通河: no 政风建设年 for 社会服务组); `required` holds there.
 * @example { kind: 'input', id: 'work', label: '工作考核', min: 0, max: 100 }
 */
export const InputComponent = z.object({
  kind: z.literal('input'),
  id,
  label,
  min: z.number(),
  max: z.number(),
  required: z.boolean().default(true),
  groups: z.array(z.string()).min(1).optional(),
});

/**
 * base − Σ points per record × count of records, never below `floor`. 效能办 整改情况:
 * 20 − 3 × late − 5 × after second notice − 10 × refusal, 扣完为止.
 * @example { kind: 'deduction', id: 'rectification', label: '整改情况', base: 20, floor: 0, per: { late_or_incomplete: 3 } }
 */
export const DeductionComponent = z.object({
  kind: z.literal('deduction'),
  id,
  label,
  base: z.number(),
  floor: z.number().default(0),
  per: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,31}$/), z.number().min(0)),
  recordLabels: z.record(z.string(), z.string()).optional(),
});

const Part = z.object({ component: z.string(), weight: z.number() });

/**
 * Σ weight × part. `byGroup` replaces the parts for a group (通河 社会服务组: survey 60%, no
 * 政风建设年). `missing` says what a part without a value does: `null` (the whole component
 * has no value), `zero` (counts as 0) or `renormalise` (the remaining weights are scaled up to
 * the full weight, and the target is flagged).
 * @example { kind: 'weighted', id: 'total', label: '总分', parts: [{ component: 'composite', weight: 80 }, { component: 'rectification', weight: 1 }] }
 */
export const WeightedComponent = z.object({
  kind: z.literal('weighted'),
  id,
  label,
  parts: z.array(Part).min(1),
  byGroup: z.record(z.string(), z.array(Part).min(1)).optional(),
  missing: z.enum(['null', 'zero', 'renormalise']).default('null'),
});

export const Component = z.discriminatedUnion('kind', [
  ProportionComponent,
  ReturnRateComponent,
  PointsMeanComponent,
  InputComponent,
  DeductionComponent,
  WeightedComponent,
]);
export type Component = z.infer<typeof Component>;
export type ComponentInput = z.input<typeof Component>;
export type WeightedComponent = z.infer<typeof WeightedComponent>;
