import type { GroupCut, RoundResult } from '@shared/scoring/result';
import { headlineCut, pendingText, rankSetText, targetMarks } from '../../../client/src/lib/rank-notes';
import { actionTerms, certainties, certaintyText, historyTerm } from '../../../client/src/admin/pages/consequences/sheet';
import type { ConsequenceAction } from '../../../client/src/api/consequences';

const cut = (over: Partial<GroupCut>): GroupCut => ({ ruleIds: ['r'], end: 'worst', kind: 'rankFromEnd', places: 1, ties: 'include', tie: null, within: [], confident: [], possible: [], text: '末位：名额线处无并列（r）', ...over });

describe('beside a ranking', () => {
  it('heads a group with the cut whose tie straddles the line, else the first', () => {
    const plain = cut({ text: 'a' });
    // docs/scoring.md "Ties at a cut", worked example (通河 执法监督组).
    const tied = cut({ text: '前40%（5个单位×40%=2，向下取整为2个）：第2名3个单位并列，按“并列不超额”规则均不授予（群众满意单位）', tie: { rank: 2, size: 3, targetIds: ['b', 'c', 'd'], applied: false } });
    expect(headlineCut([plain, tied])?.text).toBe(tied.text);
    expect(headlineCut([plain])?.text).toBe('a');
    expect(headlineCut([])).toBeUndefined();
    expect(headlineCut(undefined)).toBeUndefined();
  });

  it('writes rank sets, 待录入 / 待更正 and the flags as short marks', () => {
    expect(rankSetText({ rankSet: { lower: 3, upper: 5 } })).toBe('名次区间 3–5');
    expect(rankSetText({ rankSet: { lower: 1, upper: 1 } })).toBe('名次区间 1');
    expect(rankSetText({ rankSet: null })).toBeUndefined();
    expect(pendingText({ missing: [{ field: 'served', label: '服务人次', reason: 'missing' }, { field: 'inputs.work', label: '工作考核', reason: 'missing' }, { field: 'inputs.zf', label: '政风建设年', reason: 'invalid' }] }))
      .toBe('待录入：服务人次、工作考核；待更正：政风建设年');
    expect(pendingText({})).toBeUndefined();
    expect(targetMarks({ targetId: 'a', rankSet: { lower: 2, upper: 4 }, flags: [{ id: 'tied_at_cut', label: 'x' }, { id: 'silent_worst', label: 'y' }], missing: [{ field: 'served', label: '服务人次', reason: 'missing' }] }))
      .toEqual(['名次区间 2–4', '并列（见名额说明）', '测评表未收回，按末位处理', '待录入：服务人次']);
    expect(targetMarks({ targetId: 'a', flags: [] })).toEqual([]);
  });
});

describe('on the consequence sheet', () => {
  it('names what a history rule counted and the periods behind it', () => {
    // docs/scoring.md "Periods": 甘泉's annual round of 2026 fires ganquan-two-years over 2025 and 2026.
    expect(historyTerm({ streak: 2, unit: 'year', periods: ['2025年', '2026年'], rounds: ['y25', 'y26'] })).toBe('连续2年：2025年、2026年');
    expect(historyTerm({ streak: 4, unit: 'quarter', periods: ['2026年第二季度', '2026年第三季度'], rounds: ['q2', 'q3'] })).toBe('连续2个季度：2026年第二季度、2026年第三季度（已连续4个季度）');
    expect(historyTerm({ unit: 'round', periods: ['2026年第一季度', '2026年第三季度'], rounds: ['a', 'c'] })).toBe('2次评议：2026年第一季度、2026年第三季度');
    expect(historyTerm({ streak: 3, rounds: ['a', 'b', 'c'] })).toBe('连续3轮');
    expect(historyTerm({ rounds: ['only'] })).toBeUndefined();
    expect(actionTerms({ rounds: ['only'], points: 10, deadlineWorkingDays: 5 })).toEqual(['扣 10 分', '限 5 个工作日内']);
  });

  it('says how sure the place behind an action is, from the rule\'s cut and the rank set', () => {
    expect(certaintyText('confident', { end: 'worst', places: 3 }, { lower: 1, upper: 1 })).toEqual({ title: '确定属于最差3名', why: '按95%同时置信度，抽样误差不改变这一结论（名次区间 1）' });
    expect(certaintyText('possible', { end: 'worst', places: 1 }, { lower: 2, upper: 3 })).toEqual({ title: '可能属于最差1名', why: '按公布排名属于，但95%同时置信下名次区间 2–3跨过名额线，也可能不属于' });
    expect(certaintyText('possible', { end: 'best', places: 2 }, null)?.title).toBe('可能属于前2名');
    expect(certaintyText(undefined, { end: 'worst', places: 1 }, null)).toBeUndefined();

    // The worked example of "Who is confidently worst": C is last, only possibly (rank set [2, 3]).
    const result = {
      schemeId: 's', roundId: 'r', direction: 'best-first',
      groups: [{ group: 'g', label: '组', order: ['A', 'B', 'C'], notRanked: [], cuts: [cut({ ruleIds: ['last'], places: 1, within: ['C'], possible: ['B', 'C'] })] }],
      targets: [{ targetId: 'C', rankSet: { lower: 2, upper: 3 } }],
    } as unknown as RoundResult;
    const action = { targetId: 'C', group: 'g', rank: 3, ruleId: 'last', label: '末位', text: '', rounds: ['r'], certainty: 'possible' } as ConsequenceAction;
    const noRank = { ...action, ruleId: 'below-70', certainty: undefined } as ConsequenceAction;
    const map = certainties([action, noRank], result);
    expect(map.get('last/C')?.title).toBe('可能属于最差1名');
    expect(map.has('below-70/C')).toBe(false);
  });
});
