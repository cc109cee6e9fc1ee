import { Scheme } from '@shared/scoring/scheme';
import { ganquan } from '@shared/schemes/ganquan';
import { luxi } from '@shared/schemes/luxi';
import { tonghe } from '@shared/schemes/tonghe';
import { efficiencyOffice } from '@shared/schemes/efficiency-office';
import { percent, readNumber, readPercent, shareSum, weightsAreShares } from '../../../client/src/admin/pages/schemes/model/numbers';
import { componentRows, formRows, gradeView, ruleRows } from '../../../client/src/admin/pages/schemes/model/rows';
import { describeCondition, describeHistory } from '../../../client/src/admin/pages/schemes/model/conditions';
import {
  addOrgForm, removeForm, setBandMin, setOptionPoints, setOverrideKnob, setRanking, setRuleHistory, setRuleKnob, setWeight, toEntered, toggleChannel, toggleRuleAction,
} from '../../../client/src/admin/pages/schemes/model/edits';
import { fieldName, localProblems, problemMessage, toProblem } from '../../../client/src/admin/pages/schemes/model/problems';
import { showValue, valueIsShare } from '../../../client/src/admin/pages/schemes/model/values';

const frozen = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('percentages in the scheme editor', () => {
  it('shows shares as percentages without float noise and reads typed percentages back', () => {
    expect([0.2, 0.2, 0.1, 0.5].map(percent)).toEqual(['20%', '20%', '10%', '50%']);
    expect(percent(0.1 + 0.2)).toBe('30%');
    expect(percent(0.125)).toBe('12.5%');
    expect(readPercent('80%')).toBe(0.8);
    expect(readPercent('８０％')).toBe(0.8);
    expect(readPercent('33.3')).toBe(0.333);
    expect(readPercent('八十')).toBeUndefined();
    expect(readPercent('')).toBeUndefined();
    expect(readNumber('６０')).toBe(60);
    expect(readNumber('1e3')).toBeUndefined();
  });

  it('checks that a split adds up to exactly 100%', () => {
    expect(shareSum([0.2, 0.2, 0.1, 0.5])).toEqual({ sum: 1, ok: true, text: '100%' });
    expect(shareSum([0.1, 0.2, 0.7])).toMatchObject({ ok: true });
    expect(shareSum([0.3, 0.2, 0.2, 0.2])).toEqual({ sum: 0.9, ok: false, text: '90%' });
  });

  it('tells a split of 100% from multipliers', () => {
    expect(weightsAreShares([0.4, 0.2, 0.2, 0.2])).toBe(true);
    expect(weightsAreShares([1.5, 0.2])).toBe(true);
    expect(weightsAreShares([80, 1])).toBe(false);
  });
});

describe('a scheme body as rows', () => {
  it('shows 效能办 composite weights as 20% / 20% / 10% / 50% summing to 100%, and its total as multipliers', () => {
    const rows = componentRows(efficiencyOffice);
    const composite = rows.find((r) => r.id === 'composite')!;
    expect(composite.weights[0]).toMatchObject({ shares: true, sum: '100%', sumOk: true });
    expect(composite.weights[0]!.rows.map((w) => `${w.label} ${w.shown}`)).toEqual(['监测点即时测评满意率 20%', '监测点综合测评满意率 20%', '明察暗访测评满意率 10%', '集中测评满意率 50%']);
    const total = rows.find((r) => r.id === 'total')!;
    expect(total.weights[0]).toMatchObject({ shares: false, sum: undefined, sumOk: true });
    expect(total.weights[0]!.rows.map((w) => w.shown)).toEqual(['× 80', '× 1']);
  });

  it('tells ballot tallies from entered numbers and lists 通河 社会服务组 weights apart', () => {
    const rows = componentRows(tonghe);
    expect(rows.map((r) => [r.id, r.sourceLabel])).toEqual([
      ['survey', '来自评议票'],
      ['style_year', '录入数值'],
      ['hearing', '来自评议票'],
      ['work', '录入数值'],
      ['total', '由其他项合计'],
    ]);
    expect(rows[0]).toMatchObject({ channels: ['phone'], reads: '“您对该单位的政风行风是否满意”选“满意”的比例（百分制）', scaleLabel: '分' });
    expect(rows[1]).toMatchObject({ range: { min: 0, max: 100 }, groups: '执法监督组、综合管理组、基层执法单位' });
    const total = rows[4]!;
    expect(total.weights.map((t) => [t.title, t.rows.map((w) => w.shown).join('/'), t.sum])).toEqual([
      ['各组通用', '40%/20%/20%/20%', '100%'],
      ['社会服务组', '60%/20%/20%', '100%'],
    ]);
  });

  it('lists each 泸西 organisation type\'s form with the points of every option', () => {
    const forms = formRows(luxi);
    expect(forms.slice(0, 5).map((f) => f.label)).toEqual(['通用评价表', '农村', '机关', '学校', '社区']);
    expect(forms[1]).toMatchObject({ title: '农村党组织群众满意度测评表', usedBy: '单位类型为“农村”的单位' });
    expect(forms[1]!.items[0]).toEqual({ id: 'focus', label: '富民强村', options: [{ value: 'satisfied', label: '满意', points: 1 }, { value: 'basically_satisfied', label: '基本满意', points: 1 }, { value: 'unsatisfied', label: '不满意', points: 0 }] });
    expect(formRows(tonghe)[1]).toMatchObject({ label: '听证（评议会）评分表', usedBy: '听证评议' });
  });

  it('shows 甘泉 grade bands and the return-rate override in percentages', () => {
    const g = gradeView(ganquan)!;
    expect(g).toMatchObject({ basisLabel: '满意度', share: true });
    expect(g.bands.map((b) => `${b.label} ${b.shown}`)).toEqual(['满意 85%及以上', '不满意 其余']);
    expect(g.overrides[0]).toMatchObject({ text: '测评表回收率低于60% → “不满意”', knobs: [{ path: ['value'], unit: 'percent', value: 0.6 }] });
  });

  it('words every rule\'s condition, period and actions as the documents do', () => {
    expect(ruleRows(ganquan).map((r) => [r.label, r.when, r.history])).toEqual([
      ['通报表扬', '满意度高于85% 且 等次为“满意”', '本轮即处理'],
      ['主要领导问责', '满意度低于75%', '本轮即处理'],
      ['不得评优、诫勉谈话', '满意度低于75% 或 排名末位', '本轮即处理'],
      ['连续2年：追责和组织处理', '满意度低于75% 或 排名末位', '连续2年以上'],
      ['不得评为优秀', '等次为“不满意”', '本轮即处理'],
      ['移交调查', '查实有违纪违法行为', '本轮即处理'],
    ]);
    expect(ruleRows(tonghe)[0]).toMatchObject({ when: '排名前40%', groups: '执法监督组、综合管理组、社会服务组', actions: ['praise'] });
    expect(ruleRows(efficiencyOffice).map((r) => r.when)).toEqual(['排名前6名', '排名后3名 且 总得分不低于70分 且 不属于（排名前6名）', '总得分低于70分']);
    expect(ruleRows(efficiencyOffice)[1]!.knobs.map((k) => [k.label, k.value])).toEqual([['后几名', 3], ['总得分不低于', 70]]);
    expect(describeHistory({ kind: 'count', atLeast: 2, window: 4, unit: 'quarter' })).toBe('最近4个季度内累计2个季度');
    expect(describeCondition(luxi, { kind: 'value', of: 'satisfaction', op: 'lt', value: 0.6 })).toBe('评议满意率低于60%');
  });

  it('reads shares and points apart', () => {
    expect(valueIsShare(ganquan, 'satisfaction')).toBe(true);
    expect(valueIsShare(tonghe, 'survey')).toBe(false);
    expect(valueIsShare(efficiencyOffice, 'composite')).toBe(true);
    expect(showValue(efficiencyOffice, 'total', 70)).toBe('70分');
  });
});

describe('edits to a scheme body', () => {
  it('甘泉 at 80%: moves the 满意 threshold and the praise rule, leaving the preset untouched, and still validates', () => {
    const before = frozen(ganquan);
    let body = setBandMin(ganquan, 'satisfied', 0.8);
    body = setRuleKnob(body, 'ganquan-praise', ['of', 0, 'value'], 0.8);
    expect(ganquan).toEqual(before);
    expect(gradeView(body)!.bands[0]!.shown).toBe('80%及以上');
    expect(ruleRows(body)[0]!.when).toBe('满意度高于80% 且 等次为“满意”');
    expect(Scheme.safeParse(body).success).toBe(true);
    expect(localProblems(body)).toEqual([]);
  });

  it('通河 with the bureau\'s survey score entered: the component keeps its weight, phone ballots are no longer collected', () => {
    const body = toEntered(tonghe, 'survey', 0, 100);
    expect(body.components[0]).toEqual({ kind: 'input', id: 'survey', label: '群众满意度测评分', min: 0, max: 100 });
    expect(body.channels).toEqual(['hearing']);
    expect(body.channelForms).toEqual({ hearing: 'hearing' });
    expect(componentRows(body)[4]!.weights[0]!.rows[0]).toMatchObject({ label: '群众满意度测评分', shown: '40%' });
    expect(Scheme.safeParse(body).success).toBe(true);
  });

  it('flags weights that no longer add up to 100%, naming the component', () => {
    const body = setWeight(tonghe, 'total', undefined, 'survey', 0.3);
    expect(localProblems(body)).toEqual([{ path: 'components.total.parts', field: '评分项“评议总成绩”的权重', message: '权重合计为90%，应为100%' }]);
    const fixed = setWeight(body, 'total', undefined, 'work', 0.3);
    expect(localProblems(fixed)).toEqual([]);
    const group = setWeight(tonghe, 'total', 'service', 'survey', 0.5);
    expect(localProblems(group).map((p) => `${p.field}：${p.message}`)).toEqual(['评分项“评议总成绩”的权重（社会服务组）：权重合计为90%，应为100%']);
  });

  it('flags bands out of order and percentages past 100%', () => {
    expect(localProblems(setBandMin(ganquan, 'satisfied', 1.2)).map((p) => p.message)).toEqual(['分数线120%须在0%到100%之间']);
    const threeBands = { ...ganquan, grades: { basis: 'satisfaction', bands: [{ id: 'a', label: '满意', min: 0.85 }, { id: 'b', label: '基本满意', min: 0.9 }, { id: 'c', label: '不满意' }] } };
    expect(localProblems(threeBands).map((p) => `${p.field}：${p.message}`)).toEqual(['等次“满意”的分数线：分数线须高于下一等次“基本满意”']);
  });

  it('changes option points, channels, ranking quota, history and actions', () => {
    expect(setOptionPoints(tonghe, 'hearing', 'openness', 'good', 25).forms.hearing!.items[0]!.options[0]!.points).toBe(25);
    const luxiNoWindow = toggleChannel(luxi, 'satisfaction', 'window');
    expect(componentRows(luxiNoWindow)[0]!.channels).toEqual(['directed', 'sampling']);
    expect(toggleChannel(luxiNoWindow, 'satisfaction', 'window').components[0]).toMatchObject({ channels: ['directed', 'sampling', 'window'] });
    const addPhone = toggleChannel(luxi, 'satisfaction', 'phone');
    expect(addPhone.channels).toContain('phone');
    expect(setRanking(tonghe, { tiesBest: 'include', rounding: 'round' }).ranking).toEqual({ direction: 'best-first', higherIs: 'better', quota: { rounding: 'round', ties: { best: 'include', worst: 'include' } } });
    expect(setRanking(luxi, { direction: 'worst-first', higherIs: 'worse' }).ranking).toEqual({ direction: 'worst-first', higherIs: 'worse' });
    const quarterly = setRuleHistory(luxi, 'luxi-twice-below-70', { kind: 'consecutive', rounds: 3, unit: 'quarter' });
    expect(ruleRows(quarterly)[1]!.history).toBe('连续3个季度以上');
    expect(ruleRows(setRuleHistory(luxi, 'luxi-twice-below-70', undefined))[1]!.history).toBe('本轮即处理');
    const acts = toggleRuleAction(toggleRuleAction(ganquan, 'ganquan-praise', 'publicity'), 'ganquan-praise', 'praise');
    expect(acts.rules![0]!.actions).toEqual(['publicity']);
    expect(toggleRuleAction(ganquan, 'ganquan-no-awards', 'interview').rules![2]!.actions).toEqual(['talk', 'interview', 'award_freeze']);
    expect(gradeView(setOverrideKnob(ganquan, 0, ['value'], 0.5))!.overrides[0]!.text).toBe('测评表回收率低于50% → “不满意”');
  });

  it('adds and removes a form for an organisation type, never the general one', () => {
    const body = addOrgForm(ganquan, 'school', '学校满意度测评表');
    expect(formRows(body).map((f) => f.label)).toEqual(['通用评价表', '听证（评议会）评分表', '学校']);
    expect(body.forms.school!.items).toEqual(ganquan.forms.default!.items);
    expect(removeForm(body, 'school').forms).toEqual(ganquan.forms);
    expect(removeForm(body, 'default')).toBe(body);
  });
});

describe('problems in Chinese', () => {
  it('names the field by its Chinese label, from the API\'s index paths or the engine\'s id paths', () => {
    expect(fieldName(tonghe, 'components.4.parts.0.weight')).toBe('评分项“评议总成绩”的权重');
    expect(fieldName(tonghe, 'components.work.max')).toBe('评分项“工作考核分”的分数范围');
    expect(fieldName(ganquan, 'grades.bands.0.min')).toBe('等次“满意”的分数线');
    expect(fieldName(ganquan, 'rules.ganquan-praise.when')).toBe('处理规则“通报表扬”');
    expect(fieldName(luxi, 'forms.rural.items.0.label')).toBe('评价表“农村”的题目“富民强村”');
    expect(fieldName(tonghe, 'ranking.quota.ties')).toBe('名额规则');
  });

  it('puts the engine\'s English cross-check sentences into Chinese and keeps Chinese ones', () => {
    expect(problemMessage(tonghe, 'part "survey" must be a component listed before it')).toBe('合计项“群众满意度测评分”须排在本项之前');
    expect(problemMessage(tonghe, 'channel "phone" is not one of the scheme\'s channels')).toBe('评价方式“电话测评”未在本方案启用');
    expect(problemMessage(tonghe, 'every option of "openness" needs points')).toBe('题目“信息公开”的每个选项都须有分值');
    expect(problemMessage(tonghe, '权重合计须为100%')).toBe('权重合计须为100%');
    expect(problemMessage(tonghe, 'something new')).toBe('设置有误（something new）');
    expect(toProblem(tonghe, { path: '', message: 'components.hearing: every option of "openness" needs points' })).toEqual({ path: 'components.hearing', field: '评分项“听证评议分”', message: '题目“信息公开”的每个选项都须有分值' });
  });

  it('every problem the engine finds in an edited scheme reads in Chinese', () => {
    const broken = setOptionPoints(tonghe, 'hearing', 'openness', 'good', undefined);
    const parsed = Scheme.safeParse(broken);
    expect(parsed.success).toBe(false);
    const messages = parsed.success ? [] : parsed.error.issues.map((i) => toProblem(broken, { path: i.path.join('.'), message: i.message }));
    expect(messages.map((p) => `${p.field}：${p.message}`)).toEqual(['评分项“听证评议分”：题目“信息公开”的每个选项都须有分值']);
  });
});
