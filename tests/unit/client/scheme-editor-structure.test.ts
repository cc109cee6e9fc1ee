import { ganquan } from '@shared/schemes/ganquan';
import { tonghe } from '@shared/schemes/tonghe';
import { luxi } from '@shared/schemes/luxi';
import { checkSchemeBody } from '@shared/schemes/validate';
import { setWeight } from '../../../client/src/admin/pages/schemes/model/edits';
import { localProblems } from '../../../client/src/admin/pages/schemes/model/problems';
import {
  addBand, addEnteredPart, addItem, addOption, addRankingGroup, addRule, freeId, removeBand, removeComponent, removeItem, removeOption, removeRankingGroup, removeRule, usesOf,
} from '../../../client/src/admin/pages/schemes/model/structure';
import type { Body } from '../../../client/src/admin/pages/schemes/model/values';

const frozen = <T>(x: T): T => Object.freeze(JSON.parse(JSON.stringify(x))) as T;
const saves = (b: Body) => checkSchemeBody(b).problems;
const lines = (b: Body) => [...localProblems(b).map((p) => `${p.field}：${p.message}`), ...checkSchemeBody(b).problems.map((p) => p.message)];

describe('adding and removing entries of a scheme in the editor', () => {
  it('adds an entered part to 通河 总分 at weight 0: the live check asks for the weight, and 30/20/20/20/10 saves', () => {
    const body = frozen(tonghe) as Body;
    const { body: added, id } = addEnteredPart(body, 'total', '营商环境评价');
    expect(id).toBe('part1');
    const at = added.components.findIndex((c) => c.id === id);
    expect(added.components[at]).toEqual({ kind: 'input', id: 'part1', label: '营商环境评价', min: 0, max: 100 });
    expect(added.components[at + 1]?.id).toBe('total');
    expect(lines(added)).toContain('评分项“评议总成绩”的权重：每项权重须大于0');
    const balanced = setWeight(setWeight(added, 'total', undefined, 'part1', 0.1), 'total', undefined, 'survey', 0.3);
    expect(localProblems(balanced)).toEqual([]);
    expect(saves(balanced)).toEqual([]);
    expect(body.components.some((c) => c.id === 'part1')).toBe(false);
  });

  it('removes a part from every sum and names what still reads it', () => {
    const body = frozen(tonghe) as Body;
    expect(usesOf(body, 'style_year')).toEqual(['“评议总成绩”的权重']);
    const removed = removeComponent(body, 'style_year');
    expect(removed.components.map((c) => c.id)).not.toContain('style_year');
    const total = removed.components.find((c) => c.id === 'total')!;
    expect(total.kind === 'weighted' && total.parts.map((p) => p.component)).toEqual(['survey', 'hearing', 'work']);
    expect(lines(removed).some((l) => l.includes('评议总成绩') && l.includes('80%'))).toBe(true);
    expect(removeComponent(body, 'total')).toBe(body);
    // 甘泉's satisfaction is its total (kept); its return rate is read by a grade override, named when it goes.
    const g = frozen(ganquan) as Body;
    expect(g.total).toBe('satisfaction');
    expect(removeComponent(g, 'satisfaction')).toBe(g);
    expect(usesOf(g, 'return_rate')).toEqual(['等次特别规定']);
    expect(saves(removeComponent(g, 'return_rate')).map((p) => p.message).join('\n')).toContain('等次特别规定第1条：没有名为“return_rate”的分项');
  });

  it('adds and removes items and options; a part reading a removed item is named', () => {
    const body = frozen(ganquan) as Body;
    const withItem = addItem(body, 'default', '办事效率');
    const item = withItem.forms.default!.items.at(-1)!;
    expect(item).toMatchObject({ id: 'q1', label: '办事效率', kind: 'single' });
    expect(saves(withItem)).toEqual([]);
    const withOption = addOption(withItem, 'default', 'q1', '基本满意');
    expect(withOption.forms.default!.items.at(-1)!.options.map((o) => o.label)).toEqual(['满意', '不满意', '基本满意']);
    expect(removeOption(withOption, 'default', 'q1', 'opt1').forms.default!.items.at(-1)!.options).toHaveLength(2);
    expect(removeItem(withItem, 'default', 'q1')).toEqual(body);
    // The hearing sheet without its one question: refused (a form needs an item), and with a new
    // question in its place, the part that counted the old one is named.
    const hearing = removeItem(addItem(body, 'hearing', '现场评议'), 'hearing', 'overall');
    expect(saves(hearing).map((p) => p.message).join('\n')).toContain('分项“评议会满意度（仅公布，不计入等次）”：所用评价方式的评议表中没有题目“overall”');
  });

  it('adds a band above the catch-all and removes bands, never the last', () => {
    const body = frozen(ganquan) as Body;
    const three = addBand(body, '基本满意');
    expect(three.grades!.bands.map((b) => [b.label, b.min])).toEqual([['满意', 0.85], ['基本满意', 0.75], ['不满意', undefined]]);
    expect(saves(three)).toEqual([]);
    expect(removeBand(three, 'band1')).toEqual(body);
    const one = removeBand(body, 'satisfied');
    expect(one.grades!.bands).toHaveLength(1);
    expect(removeBand(one, 'unsatisfied')).toBe(one);
    // Overrides and rules name 满意 / 不满意: removing 满意 is refused with the rule named.
    expect(saves(one).map((p) => p.message).join('\n')).toContain('没有等次“satisfied”');
  });

  it('adds a ranking group and removes one with its own weights', () => {
    const body = frozen(tonghe) as Body;
    const added = addRankingGroup(body, '窗口单位组');
    expect(added.groups!.at(-1)).toEqual({ id: 'group1', label: '窗口单位组' });
    expect(saves(added)).toEqual([]);
    const service = body.groups!.find((g) => g.id === 'service')!;
    const removed = removeRankingGroup(body, service.id);
    const total = removed.components.find((c) => c.id === 'total')!;
    expect(total.kind === 'weighted' && total.byGroup).toBeUndefined();
    // Rules limited to 社会服务组 are named by the check, not silently widened.
    expect(saves(removed).map((p) => p.message).join('\n')).toContain('没有组别“service”');
    expect(removeRankingGroup(removeRankingGroup(frozen(luxi) as Body, 'x'), 'y').groups).toEqual(luxi.groups);
  });

  it('adds quota and consequence rules from templates and removes rules', () => {
    const body = frozen(ganquan) as Body;
    const { body: one, id } = addRule(body, 'bottom');
    expect(one.rules!.at(-1)).toEqual({ id: 'rule1', label: '排名后3名', text: '排名后3名的，按规定处理', when: { kind: 'rankFromEnd', within: 3 } });
    const { body: two } = addRule(one, 'below');
    expect(two.rules!.at(-1)).toMatchObject({ id: 'rule2', label: '总分低于60%', when: { kind: 'value', of: 'total', op: 'lt', value: 0.6 } });
    expect(saves(two)).toEqual([]);
    expect(removeRule(two, id).rules!.map((r) => r.id)).toEqual([...body.rules!.map((r) => r.id), 'rule2']);
    expect(addRule(frozen(tonghe) as Body, 'topShare').body.rules!.at(-1)).toMatchObject({ when: { kind: 'rankShare', top: 0.4 } });
  });

  it('makes ids that are free', () => {
    expect(freeId([], 'part')).toBe('part1');
    expect(freeId(['part1', 'part2'], 'part')).toBe('part3');
  });
});
