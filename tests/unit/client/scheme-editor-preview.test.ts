import { Scheme } from '@shared/scoring/scheme';
import { scoreRound } from '@shared/scoring/engine';
import { ganquan } from '@shared/schemes/ganquan';
import { tonghe } from '@shared/schemes/tonghe';
import { emptySample, sampleColumns, sampleRequest } from '../../../client/src/admin/pages/schemes/model/sample';
import { diffValue, rankMove } from '../../../client/src/admin/pages/schemes/model/show';
import { setBandMin, setWeight } from '../../../client/src/admin/pages/schemes/model/edits';
import { localProblems, mergeProblems, problemLine, toProblem } from '../../../client/src/admin/pages/schemes/model/problems';

describe('the sample table of the preview', () => {
  it('asks for every part that is not a weighted sum, shares in percent', () => {
    expect(sampleColumns(tonghe).map((c) => [c.label, c.percent])).toEqual([
      ['群众满意度测评分', false],
      ['“政风建设年”活动评议分', false],
      ['听证评议分', false],
      ['工作考核分', false],
    ]);
    expect(sampleColumns(ganquan).filter((c) => c.percent).map((c) => c.id)).toEqual(['satisfaction', 'return_rate', 'hearing']);
    expect(emptySample(tonghe)).toHaveLength(3);
    expect(emptySample(tonghe).every((r) => r.group === tonghe.groups![0]!.id && r.name === '')).toBe(true);
  });

  it('scores typed numbers under 通河 weights after a change: 0.3 / 0.2 / 0.2 / 0.3, hand-computed totals and ranks', () => {
    let body = setWeight(tonghe, 'total', undefined, 'survey', 0.3);
    body = setWeight(body, 'total', undefined, 'work', 0.3);
    const group = tonghe.groups![0]!.id;
    const req = sampleRequest(body, [
      { name: '户政科', group, values: { survey: 90, style_year: 80, hearing: 70, work: 60 } },
      { name: '', group, values: { survey: 1 } },
      { name: '出入境管理科', group, values: { survey: 60, style_year: 70, hearing: 80, work: 90 } },
    ]);
    expect(req.sample.targets.map((t) => t.name)).toEqual(['户政科', '出入境管理科']);
    expect(Scheme.safeParse(req.body).success).toBe(true);
    const result = scoreRound(Scheme.parse(req.body), req.sample, { incomplete: 'list' });
    const byName = Object.fromEntries(result.targets.map((t) => [t.targetId, t]));
    // 户政科 90×0.3 + 80×0.2 + 70×0.2 + 60×0.3 = 27 + 16 + 14 + 18 = 75
    // 出入境 60×0.3 + 70×0.2 + 80×0.2 + 90×0.3 = 18 + 14 + 16 + 27 = 75 → tie at rank 1
    expect(byName['sample-1']!.total).toBeCloseTo(75, 9);
    expect(byName['sample-2']!.total).toBeCloseTo(75, 9);
    expect(byName['sample-1']!.rank).toBe(byName['sample-2']!.rank);
  });

  it('scores 甘泉 at 80%: 82% satisfaction is 满意, 78% is not', () => {
    const body = setBandMin(ganquan, 'satisfied', 0.8);
    const req = sampleRequest(body, [
      { name: '户政窗口', group: 'all', values: { satisfaction: 0.82, return_rate: 0.7, hearing: 0.9 } },
      { name: '车管窗口', group: 'all', values: { satisfaction: 0.78, return_rate: 0.7, hearing: 0.9 } },
    ]);
    const result = scoreRound(Scheme.parse(req.body), req.sample, { incomplete: 'list' });
    expect(result.targets.map((t) => t.grade?.id)).toEqual(['satisfied', 'unsatisfied']);
  });
});

describe('the diff and preview in words', () => {
  it('shows weights and thresholds as percentages, points as numbers, absent as （无）', () => {
    expect(diffValue(0.85, 'grades.bands.satisfied.min')).toBe('85%');
    expect(diffValue(0.3, 'components.total.parts.survey.weight')).toBe('30%');
    expect(diffValue(70, 'rules.x.when.value')).toBe('70');
    expect(diffValue(undefined, 'rules.x')).toBe('（无）');
    expect(diffValue(['praise', 'talk'], 'rules.x.actions')).toBe('表彰表扬、谈话提醒、诫勉谈话');
    expect(diffValue(true, 'ranking.silent')).toBe('是');
    expect(rankMove(3, 1)).toBe('第3名 → 第1名');
    expect(rankMove(null, 2)).toBe('未排名 → 第2名');
  });
});

describe('problems from the API beside the editor\'s own', () => {
  it('keeps the field the API names in its Chinese sentence', () => {
    expect(toProblem(tonghe, { path: 'components.survey', message: '分项“群众满意度测评分”：最低分高于最高分' })).toEqual({ path: 'components.survey', field: '分项“群众满意度测评分”', message: '最低分高于最高分' });
    expect(problemLine(toProblem(tonghe, { path: '(试算)', message: '按本方案试算一组示例数据时无法计分，请检查分项与规则' }))).toBe('方案：按本方案试算一组示例数据时无法计分，请检查分项与规则');
  });

  it('says a weight sum once when both the editor and the API flag it', () => {
    const body = setWeight(tonghe, 'total', undefined, 'survey', 0.3);
    const local = localProblems(body);
    const remote = [toProblem(body, { path: 'components.total.parts', message: '权重合计须为100%，现为90%（评议总成绩权重）' }), toProblem(body, { path: 'rules.x', message: '处理规则“x”：没有等次“y”' })];
    expect(mergeProblems(local, remote).map(problemLine)).toEqual(['评分项“评议总成绩”的权重：权重合计为90%，应为100%', '处理规则“x”：没有等次“y”']);
  });
});
