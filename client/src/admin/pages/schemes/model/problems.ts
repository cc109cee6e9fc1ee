import type { ChannelKind } from '@shared/model/channel';
import { channelLabel, formKeyLabel } from './labels';
import { percent, shareSum, weightsAreShares } from './numbers';
import { groupLabel, itemLabel, valueIsShare, valueLabel, type Body } from './values';

/** A problem as the editor shows it: the field in words, then what is wrong, both Chinese. */
export type Problem = { path: string; field: string; message: string };

/**
 * The field a path points to, named as the editor's sections name it. Paths are the API's
 * (`components.4.parts.0.weight`, zod indices) or the engine's (`components.total`, ids).
 * @example fieldName(tonghe, 'components.total') // '评分项“评议总成绩”'
 * @example fieldName(ganquan, 'grades.bands.0.min') // '等次“满意”的分数线'
 */
export function fieldName(body: Body, path: string): string {
  const [head, key, ...rest] = path.split('.').filter(Boolean);
  const pick = <T extends { id: string }>(list: T[] | undefined): T | undefined => (key === undefined ? undefined : (list?.find((x) => x.id === key) ?? (/^\d+$/.test(key) ? list?.[Number(key)] : undefined)));
  switch (head) {
    case 'name':
      return '方案名称';
    case 'components': {
      const c = pick(body.components);
      if (!c) return '评分项';
      if (rest[0] === 'parts' || rest[0] === 'byGroup') return `评分项“${c.label}”的权重${rest[0] === 'byGroup' && rest[1] ? `（${groupLabel(body, rest[1])}）` : ''}`;
      if (rest[0] === 'min' || rest[0] === 'max') return `评分项“${c.label}”的分数范围`;
      if (rest[0] === 'channels') return `评分项“${c.label}”的评价方式`;
      return `评分项“${c.label}”`;
    }
    case 'total':
      return '总分';
    case 'grades': {
      if (key === 'bands') {
        const band = rest[0] === undefined ? undefined : (body.grades?.bands.find((b) => b.id === rest[0]) ?? body.grades?.bands[Number(rest[0])]);
        return band ? `等次“${band.label}”${rest[1] === 'min' ? '的分数线' : ''}` : '等次';
      }
      if (key === 'overrides') return '等次的特别规定';
      return '等次';
    }
    case 'ranking':
      return key === 'quota' ? '名额规则' : '排名';
    case 'groups':
      return '排名分组';
    case 'rules': {
      const r = pick(body.rules as { id: string; label: string }[] | undefined);
      return r ? `处理规则“${r.label}”` : '处理规则';
    }
    case 'forms': {
      const form = key === undefined ? undefined : body.forms[key];
      if (!form) return '评价表';
      const item = rest[0] === 'items' && rest[1] !== undefined ? form.items[Number(rest[1])] : undefined;
      return `评价表“${formKeyLabel(key!)}”${item ? `的题目“${item.label}”` : ''}`;
    }
    case 'channels':
    case 'channelForms':
      return '评价方式';
    case 'evaluatorMix':
      return `评议人构成${key ? `（${formKeyLabel(key)}）` : ''}`;
    default:
      return '方案';
  }
}

const hasChinese = (s: string): boolean => /[\u4e00-\u9fff]/.test(s);

/**
 * The engine's English cross-check sentences (shared/scoring/scheme-checks.ts) in Chinese; a
 * message already in Chinese is kept. Unknown ones still show, marked as a setting error.
 * @example problemMessage(tonghe, 'part "survey" must be a component listed before it') // '合计项“群众满意度测评分”须排在本项之前'
 */
export function problemMessage(body: Body, message: string): string {
  if (hasChinese(message)) return message;
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/duplicate component id/, () => '编号与其他评分项重复'],
    [/duplicate rule id/, () => '编号与其他处理规则重复'],
    [/duplicate grade id/, () => '等次编号重复'],
    [/channel "(\w+)" is not one of the scheme's channels/, (m) => `评价方式“${channelLabel(m[1] as ChannelKind)}”未在本方案启用`],
    [/no form on its channels has item "(.+)"/, (m) => `所选评价方式的评价表中没有题目“${itemLabel(body, m[1]!)}”`],
    [/"(.+)" is not an option of "(.+)"/, (m) => `“${m[1]}”不是题目“${itemLabel(body, m[2]!)}”的选项`],
    [/every option of "(.+)" needs points/, (m) => `题目“${itemLabel(body, m[1]!)}”的每个选项都须有分值`],
    [/divisor "present"/, () => '按到会人数计算时须按每张票计分'],
    [/min is above max/, () => '最低分高于最高分'],
    [/unknown group "(.+)"/, (m) => `分组“${m[1]}”不存在`],
    [/part "(.+)" must be a component listed before it/, (m) => `合计项“${valueLabel(body, m[1]!)}”须排在本项之前`],
    [/unknown component "(.+)"/, (m) => `引用的评分项“${m[1]}”不存在`],
    [/unknown grade "(.+)"/, (m) => `引用的等次“${m[1]}”不存在`],
    [/unknown item "(.+)"/, (m) => `引用的题目“${m[1]}”不存在`],
    [/only the last band may omit min/, () => '只有最后一个等次可以不设分数线'],
    [/list bands from the highest min down/, () => '等次须按分数线从高到低排列'],
    [/confidence "required"/, () => '“须有把握”只适用于按名次处理的规则'],
    [/deductions and cases are per round/, () => '扣分和逐票立案只按本轮计算，不能设连续条件'],
    [/no form with this key/, () => '没有对应的评价表'],
    [/shares add up to/, () => '各类评议人比例合计须为100%'],
    [/forms\.default is required/, () => '须保留通用评价表'],
  ];
  for (const [re, zh] of rules) {
    const m = message.match(re);
    if (m) return zh(m);
  }
  return `设置有误（${message}）`;
}

/**
 * A problem from the API's `/validate` (or the engine's `where: message` sentence), in Chinese.
 * The API's own Chinese sentences already name their field before a full-width colon
 * (「分项“评议总成绩”：…」); that name is kept as the field rather than derived again.
 * @example toProblem(tonghe, { path: 'components.total', message: 'part "x" must be a component listed before it' })
 * @example toProblem(tonghe, { path: 'components.survey', message: '分项“群众满意度测评分”：最低分高于最高分' }).field // '分项“群众满意度测评分”'
 */
export function toProblem(body: Body, p: { path: string; message: string }): Problem {
  const colon = p.path === '' ? p.message.match(/^([\w.]+): (.*)$/) : null;
  const path = colon ? colon[1]! : p.path;
  const named = !colon && hasChinese(p.message) ? p.message.match(/^([^：]{1,60})：(.+)$/s) : null;
  if (named) return { path, field: named[1]!, message: named[2]! };
  return { path, field: fieldName(body, path), message: problemMessage(body, colon ? colon[2]! : p.message) };
}

/**
 * What the editor checks at once, before the API answers: weights that should split 100% and
 * do not, percentages outside 0–100%, bands out of order, an entered score's range upside down.
 * @example localProblems(setWeight(tonghe, 'total', undefined, 'survey', 0.3))[0]?.message // '权重合计为90%，应为100%'
 */
export function localProblems(body: Body): Problem[] {
  const out: Problem[] = [];
  const add = (path: string, message: string) => out.push({ path, field: fieldName(body, path), message });
  for (const c of body.components) {
    if (c.kind === 'weighted') {
      const lists: [string, { weight: number }[]][] = [[`components.${c.id}.parts`, c.parts], ...Object.entries(c.byGroup ?? {}).map(([g, parts]) => [`components.${c.id}.byGroup.${g}`, parts] as [string, { weight: number }[]])];
      for (const [path, parts] of lists) {
        const weights = parts.map((p) => p.weight);
        if (weights.some((w) => !(w > 0))) add(path, '每项权重须大于0');
        else if (weightsAreShares(weights) && !shareSum(weights).ok) add(path, `权重合计为${shareSum(weights).text}，应为100%`);
      }
    }
    if (c.kind === 'input' && c.min > c.max) add(`components.${c.id}.min`, '最低分高于最高分');
  }
  const g = body.grades;
  if (g) {
    const share = valueIsShare(body, g.basis);
    g.bands.forEach((b, i) => {
      if (b.min !== undefined && share && (b.min < 0 || b.min > 1)) add(`grades.bands.${b.id}.min`, `分数线${percent(b.min)}须在0%到100%之间`);
      const next = g.bands[i + 1];
      if (b.min !== undefined && next?.min !== undefined && next.min >= b.min) add(`grades.bands.${b.id}.min`, `分数线须高于下一等次“${next.label}”`);
    });
  }
  for (const r of body.rules ?? []) {
    if (r.history?.kind === 'consecutive' && r.history.rounds < 2) add(`rules.${r.id}.history`, '连续次数至少为2');
  }
  return out;
}

/**
 * Local problems first, then the API's, without saying the same thing twice for one field: a
 * field the editor already flags (same path) keeps only the editor's sentence.
 */
export function mergeProblems(local: Problem[], remote: Problem[]): Problem[] {
  const seen = new Set(local.map((p) => `${p.field}|${p.message}`));
  const paths = new Set(local.map((p) => p.path));
  return [...local, ...remote.filter((p) => !seen.has(`${p.field}|${p.message}`) && !paths.has(p.path))];
}

/** Problems grouped under their field for display: 「评分项“评议总成绩”的权重：权重合计为90%，应为100%」. */
export function problemLine(p: Problem): string {
  return `${p.field}：${p.message}`;
}

