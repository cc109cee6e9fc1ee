import type { z } from 'zod';
import type { SchemeProblem } from '../api/schemes';
import { scoreRound } from '../scoring/engine';
import { ScoringInputError } from '../scoring/errors';
import { SchemeShape, type Scheme } from '../scoring/scheme';
import { schemeIssues } from '../scoring/scheme-checks';
import { schemePathLabel, type SchemeLike } from './labels';
import { probeFacts } from './probe';

/** How many probe facts sets the save path scores (each a few ms; see probe.ts). */
export const PROBE_SEEDS = 4;

/**
 * Checks a scheme body the way the save path does: its fields (zod), its cross-references
 * (schemeIssues, Chinese), then a probe that scores a few facts sets fitting it (probe.ts), so a
 * scheme that is stored never answers 422 when a round is scored. Every problem names its field
 * in Chinese. `scheme` is the parsed body (defaults filled) when there is no problem.
 * @example checkSchemeBody({ ...tonghe, components: [] }).problems[0].message // '分项：至少须有 1 项'
 */
export function checkSchemeBody(body: unknown): { scheme?: Scheme; problems: SchemeProblem[] } {
  const parsed = SchemeShape.safeParse(body);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => zodProblem(body, i)) };
  const scheme = parsed.data;
  const sizes = magnitudeProblems(scheme);
  if (sizes.length > 0) return { problems: sizes };
  const issues = schemeIssues(scheme);
  if (issues.length > 0) return { problems: issues.map((i) => ({ path: i.path, message: i.zh })) };
  for (let seed = 1; seed <= PROBE_SEEDS; seed++) {
    try {
      scoreRound(scheme, probeFacts(scheme, seed), { incomplete: 'list' });
    } catch (e) {
      const detail = e instanceof ScoringInputError ? e.problems.slice(0, 3).join('；') : (e as Error).message;
      return { problems: [{ path: '(试算)', message: `按本方案试算一组示例数据时无法计分，请检查分项与规则：${detail}` }] };
    }
  }
  return { scheme, problems: [] };
}

/** The largest number a scheme may hold (points, weights, ranges, thresholds): 10亿. */
export const NUMBER_LIMIT = 1e9;
/** Divisors and multipliers must not be so small that a score leaves that range. */
const FACTOR_FLOOR = 1e-6;

/**
 * Numbers too large (or factors too small) to score on: every threshold and tie is decided on a
 * 1e-9 grid (compare.ts), so a score beyond about 1e299 cannot be placed on it and publishes as
 * ∞ (null in JSON) — a round that could never be published. No county's rule needs more than 10亿.
 */
function magnitudeProblems(scheme: Scheme): SchemeProblem[] {
  const out: SchemeProblem[] = [];
  const walk = (x: unknown, path: string[], key: string): void => {
    if (typeof x === 'number') {
      const where = path.join('.');
      const label = () => schemePathLabel(scheme as unknown as SchemeLike, where);
      if (!(Math.abs(x) <= NUMBER_LIMIT)) out.push({ path: where, message: `${label()}：数值须在 -10亿 至 10亿 之间（现为 ${x}）` });
      else if ((key === 'scale' || key === 'normaliser') && x < FACTOR_FLOOR) out.push({ path: where, message: `${label()}：不能小于 ${FACTOR_FLOOR}（现为 ${x}）` });
      return;
    }
    if (Array.isArray(x)) {
      x.forEach((e, i) => {
        const o = e && typeof e === 'object' ? (e as Record<string, unknown>) : {};
        const name = [o.id, o.value, o.component].find((n) => typeof n === 'string');
        walk(e, [...path, typeof name === 'string' ? name : String(i)], key);
      });
      return;
    }
    if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, [...path, k], k);
  };
  walk(scheme, [], '');
  return out;
}

/** A zod issue as a Chinese sentence naming the field; list indices become entry ids where the body has them. */
function zodProblem(body: unknown, issue: z.core.$ZodIssue): SchemeProblem {
  const path = namedPath(body, issue.path);
  const label = schemePathLabel(body as SchemeLike, path);
  return { path, message: `${label}：${zodMessage(issue)}` };
}

function namedPath(body: unknown, path: PropertyKey[]): string {
  const out: string[] = [];
  let at: unknown = body;
  for (const seg of path) {
    const next = at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[seg as never] : undefined;
    if (typeof seg === 'number' && next && typeof next === 'object') {
      const e = next as Record<string, unknown>;
      const name = [e.id, e.value, e.component].find((x) => typeof x === 'string');
      out.push(typeof name === 'string' ? name : String(seg));
    } else out.push(String(seg));
    at = next;
  }
  return out.join('.');
}

function zodMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '必须填写' : `类型不对（应为${TYPE_NAMES[issue.expected] ?? issue.expected}）`;
    case 'too_small':
      return issue.origin === 'array' ? `至少须有 ${issue.minimum} 项` : issue.origin === 'string' ? `至少 ${issue.minimum} 个字` : `不能小于 ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `最多 ${issue.maximum} 项` : issue.origin === 'string' ? `最多 ${issue.maximum} 个字` : `不能大于 ${issue.maximum}`;
    case 'invalid_format':
      return '格式不正确（编号只能用小写字母、数字和 _ 或 -）';
    case 'invalid_value':
      return `须为 ${issue.values.map(String).join('、')} 之一`;
    case 'invalid_union':
      return '取值不符合任何一种允许的写法';
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    default:
      return issue.message;
  }
}

const TYPE_NAMES: Record<string, string> = { number: '数字', string: '文字', boolean: '是/否', array: '列表', object: '对象' };
