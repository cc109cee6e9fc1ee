import type { SchemeForms } from '@shared/model/scheme-forms';
import type { SchemeInput } from '@shared/scoring/scheme';
import { getSchemePreset } from '@shared/schemes';

/**
 * The bench's own scheme (tests/ is others' to change): the shape of a typical 评议 form —
 * one required satisfaction item, one optional item whose blank still counts, one multi-choice
 * problem list — so each ballot adds to 2–5 tally cells, like real forms — scored like a 满意率
 * (one proportion, ranked), so the results endpoint can be timed on it too.
 */
export const BENCH_SCHEME: SchemeForms & SchemeInput = {
  id: 'bench',
  name: '基准测试方案',
  channels: ['window', 'sampling'],
  forms: {
    default: {
      title: '基准测试表',
      comment: true,
      items: [
        { id: 'overall', label: '总体评价', kind: 'single', required: true, options: [{ value: 'satisfied', label: '满意' }, { value: 'basic', label: '基本满意' }, { value: 'unsatisfied', label: '不满意' }] },
        { id: 'speed', label: '办事效率', kind: 'single', required: false, blankAs: 'normal', options: [{ value: 'good', label: '好' }, { value: 'normal', label: '一般' }, { value: 'bad', label: '差' }] },
        { id: 'problems', label: '存在问题', kind: 'multi', required: false, options: [{ value: 'cold', label: '门难进' }, { value: 'lazy', label: '事难办' }, { value: 'push', label: '推诿' }] },
      ],
    },
  },
  components: [{ kind: 'proportion', id: 'satisfaction', label: '满意率', channels: ['window', 'sampling'], item: 'overall', success: ['satisfied', 'basic'], denominator: 'ballots', scale: 100 }],
  total: 'satisfaction',
  ranking: { direction: 'best-first', higherIs: 'better' },
  rules: [],
};

export const benchSchemes = (id: string): SchemeForms | undefined => (id === BENCH_SCHEME.id ? BENCH_SCHEME : getSchemePreset(id));

const OVERALL = ['satisfied', 'satisfied', 'basic', 'unsatisfied'];
const SPEED = ['good', 'normal', 'bad', undefined];
const PROBLEMS: string[][] = [[], [], ['cold'], ['lazy', 'push']];

/** Deterministic, varied answers for ballot i (a mix of blanks and multi-choice). */
export function answersFor(i: number): Record<string, string | string[]> {
  const speed = SPEED[(i >> 2) % SPEED.length];
  const problems = PROBLEMS[(i >> 4) % PROBLEMS.length]!;
  return {
    overall: OVERALL[i % OVERALL.length]!,
    ...(speed ? { speed } : {}),
    ...(problems.length > 0 ? { problems } : {}),
  };
}
