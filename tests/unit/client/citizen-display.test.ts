import type { LandingResponse, LandingTarget } from '@shared/api/tokens';
import type { Receipt } from '@shared/model/ballot';
import type { ReceiptEntry } from '../../../client/src/lib/receipts';
import { answeredTargets, nextUnrated, progressOf, ratedOnDevice } from '../../../client/src/lib/rated';
import { groupByUnit } from '../../../client/src/components/target-list/groups';
import { commonNote, gradeTone, scaleOf, showInterval, showScore } from '../../../client/src/public/lib/display';

const unit = (id: string, name: string) => ({ id, kind: 'unit' as const, name });
const section = (id: string, name: string, u: { id: string; name: string }): LandingTarget => ({
  id,
  kind: 'section',
  name,
  formKey: 'default',
  path: [unit(u.id, u.name), { id, kind: 'section', name }],
});
const gaj = unit('u1', '公安局');
const jyj = unit('u2', '教育局');
const targets = [section('s11', '户政科', gaj), section('s21', '基础教育科', jyj), section('s12', '治安科', gaj)];

function landing(over: Partial<LandingResponse> = {}, rating?: 'round' | 'visit' | 'apart'): LandingResponse {
  return {
    channel: 'directed',
    token: 't',
    rounds: [{ roundId: 'r1', roundName: '评议', closesAt: '2026-12-31T00:00:00.000Z', schemeName: '南川', targets, forms: {}, ...(rating ? { rating } : {}) }],
    ...over,
  };
}

function counted(targetId: string, channel: 'window' | 'directed' | 'sampling', roundId = 'r1'): ReceiptEntry {
  return { state: 'counted', clientBallotId: `b-${targetId}-${channel}`, replayed: false, savedAt: '', receipt: { roundId, targetId, channel } as unknown as Receipt };
}

describe('already rated, known before the form', () => {
  it('follows the round rule: once per round on any channel, once apart per channel, never from a receipt for per-visit rounds', () => {
    const receipts = [counted('s11', 'window')];
    const q = { roundId: 'r1', targetId: 's11', channel: 'directed' as const };
    expect(ratedOnDevice(receipts, { ...q, rating: 'round' })?.clientBallotId).toBe('b-s11-window');
    expect(ratedOnDevice(receipts, { ...q, rating: 'apart' })).toBeUndefined();
    expect(ratedOnDevice(receipts, { ...q, channel: 'window', rating: 'apart' })).toBeDefined();
    expect(ratedOnDevice(receipts, { ...q, rating: 'visit' })).toBeUndefined();
    expect(ratedOnDevice(receipts, { ...q, roundId: 'r2' })).toBeUndefined();
    const refused: ReceiptEntry = { state: 'rejected', clientBallotId: 'x', targetName: '', roundName: '', message: '', savedAt: '' };
    expect(ratedOnDevice([refused], q)).toBeUndefined();
  });

  it('joins the invitation list with this device’s receipts for progress and 下一个', () => {
    const l = landing({ invitation: { expiresAt: '2026-12-31T00:00:00.000Z', answeredTargetIds: ['s21'] } });
    const answered = answeredTargets(l, [counted('s11', 'directed')]);
    expect([...answered].sort()).toEqual(['s11', 's21']);
    expect(progressOf(l, answered)).toEqual({ done: 2, total: 3 });
    expect(nextUnrated(l, answered)?.targetId).toBe('s12');
    expect(nextUnrated(l, new Set(['s11']), 's11')?.targetId).toBe('s21');
    // Past the end it wraps round to what is left; nothing left, nothing next.
    expect(nextUnrated(l, new Set(['s12']), 's12')?.targetId).toBe('s11');
    expect(nextUnrated(l, new Set(['s11', 's21', 's12']), 's12')).toBeUndefined();
  });

  it('counts the server’s total when the list is paged, never above it', () => {
    const l = landing({ invitation: { expiresAt: '2026-12-31T00:00:00.000Z', answeredTargetIds: ['a', 'b', 'c', 'd', 'e'] } });
    l.rounds[0]!.total = 66;
    expect(progressOf(l, answeredTargets(l, []))).toEqual({ done: 5, total: 66 });
    l.rounds[0]!.total = 4;
    expect(progressOf(l, answeredTargets(l, []))).toEqual({ done: 4, total: 4 });
  });
});

describe('the target list grouped by unit', () => {
  const listed = targets.map((t) => ({ ...t, roundId: 'r1' }));

  it('groups in first-seen order and searches every name on the path', () => {
    expect(groupByUnit(listed).map((g) => [g.name, g.targets.map((t) => t.id)])).toEqual([
      ['公安局', ['s11', 's12']],
      ['教育局', ['s21']],
    ]);
    expect(groupByUnit(listed, ' 公安 ').map((g) => g.targets.map((t) => t.id))).toEqual([['s11', 's12']]);
    expect(groupByUnit(listed, '治安').map((g) => g.targets.map((t) => t.id))).toEqual([['s12']]);
    expect(groupByUnit(listed, '税务')).toEqual([]);
  });

  it('puts a unit rated as a whole in its own group', () => {
    const whole = { ...section('u3', '人社局', unit('u3', '人社局')), kind: 'unit' as const, roundId: 'r1' };
    expect(groupByUnit([whole]).map((g) => [g.key, g.name])).toEqual([['u3', '人社局']]);
  });
});

describe('published numbers on a phone', () => {
  it('reads a list of shares as percentages with one decimal and points with at most two', () => {
    const shares = [{ total: 0.857142, lower: 0.6, upper: 0.96 }, { total: null, lower: null, upper: null }];
    expect(scaleOf(shares)).toBe('share');
    expect(showScore(0.857142, 'share')).toBe('85.7%');
    expect(showInterval(0.6, 0.96, 'share')).toBe('60.0%–96.0%');
    expect(scaleOf([...shares, { total: 18, lower: null, upper: null }])).toBe('points');
    expect(showScore(87.456, 'points')).toBe('87.46');
    expect(showScore(null, 'points')).toBe('—');
    expect(scaleOf([])).toBe('points');
  });

  it('colours grades by their wording and lifts a note every row carries', () => {
    expect(['满意', '基本满意', '不满意', '优秀', '一般', '较差'].map(gradeTone)).toEqual(['good', 'middle', 'bad', 'good', 'middle', 'bad']);
    expect(commonNote([{ notes: '样本不足' }, { notes: '样本不足' }])).toBe('样本不足');
    expect(commonNote([{ notes: '样本不足' }, { notes: '' }])).toBe('');
    expect(commonNote([{ notes: '样本不足' }])).toBe('');
  });
});
