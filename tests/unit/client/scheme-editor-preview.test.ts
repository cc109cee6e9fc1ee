import { Scheme } from '@shared/scoring/scheme';
import { scoreRound } from '@shared/scoring/engine';
import { ganquan } from '@shared/schemes/ganquan';
import { tonghe } from '@shared/schemes/tonghe';
import { emptySample, sampleColumns, sampleRequest } from '../../../client/src/admin/pages/schemes/model/sample';
import { diffValue, rankMove } from '../../../client/src/admin/pages/schemes/model/show';
import { comparePreview } from '@shared/schemes/preview';
import { setBandMin, setRuleKnob, setWeight, toEntered } from '../../../client/src/admin/pages/schemes/model/edits';
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

describe('甘泉 at 80%, as docs/scoring.md tells it', () => {
  it('re-scores the 2014 example plus a post at 82%: one grade changes, praise appears twice, one sanction vanishes', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const example = require('../../../docs/examples/ganquan-2014.json') as { facts: { targets: unknown[] } };
    const facts = { ...example.facts, targets: [...example.facts.targets, { targetId: 'jy-w5', name: '教育5号窗口', served: 70, channels: { window: { ballots: 50, answers: { overall: { satisfied: 41 } } } } }] };
    const edited = setRuleKnob(setBandMin(ganquan, 'satisfied', 0.8), 'ganquan-praise', ['of', 0, 'value'], 0.8);
    const before = scoreRound(Scheme.parse(ganquan), facts as never);
    const after = scoreRound(Scheme.parse(edited), facts as never);
    const preview = comparePreview(before, after, { kind: 'published', roundId: '2014' });
    // jy-w5: 41 ÷ 50 = 82%, return 50 ÷ 70 = 71.4%: below 85% → 不满意, at or above 80% → 满意.
    expect(preview.gradeChanges).toEqual([{ targetId: 'jy-w5', from: 'unsatisfied', to: 'satisfied' }]);
    expect(preview.rankMoves).toEqual([]);
    // 82% > 80% with 满意 → praised; bdc-w1 at exactly 85% was not above 85% and is above 80%.
    expect(preview.consequencesAppear.map((c) => `${c.targetId} ${c.ruleId}`).sort()).toEqual(['bdc-w1 ganquan-praise', 'jy-w5 ganquan-praise']);
    expect(preview.consequencesVanish.map((c) => `${c.targetId} ${c.ruleId}`)).toEqual(['jy-w5 ganquan-not-excellent']);
  });
});

describe('通河 with the statistics bureau\'s survey score entered, as docs/scoring.md tells it', () => {
  it('scores the entered 90 exactly as the 90-of-100 phone survey: 84.067, and 85.067 in 社会服务组', () => {
    const body = Scheme.parse(toEntered(tonghe, 'survey', 0, 100));
    const ITEMS = ['openness', 'lawful', 'service', 'integrity', 'institutions'];
    const all = (v: string) => Object.fromEntries(ITEMS.map((i) => [i, v]));
    const sheets = [all('good'), { openness: 'fairly_good', lawful: 'fairly_good', service: 'fairly_good', integrity: 'fair' }, all('poor')];
    const unit = (targetId: string, group: string, inputs: Record<string, number>) => ({ targetId, group, channels: { hearing: { sheets } }, present: { hearing: 3 }, inputs });
    const r = scoreRound(body, { roundId: '2011', targets: [unit('gs', 'enforcement', { survey: 90, style_year: 85, work: 92 }), unit('sw', 'service', { survey: 90, work: 92 })] });
    const byId = Object.fromEntries(r.targets.map((t) => [t.targetId, t]));
    // 90 × 0.4 + 85 × 0.2 + (190 ÷ 3) × 0.2 + 92 × 0.2 = 36 + 17 + 12.667 + 18.4
    expect(byId.gs!.total).toBeCloseTo(84.0667, 4);
    // 社会服务组: 90 × 0.6 + 12.667 + 18.4
    expect(byId.sw!.total).toBeCloseTo(85.0667, 4);
    // Phone ballots are no longer a channel: a round on it collects hearing sheets only.
    expect(body.channels).toEqual(['hearing']);
    // A survey score outside 0–100 is refused when entered, naming the unit and the field.
    expect(() => scoreRound(body, { roundId: '2011', targets: [unit('gs', 'enforcement', { survey: 120, style_year: 85, work: 92 })] })).toThrow(/survey/);
  });
});
