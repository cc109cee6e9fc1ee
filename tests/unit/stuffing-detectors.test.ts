import { DEFAULT_FLAG_THRESHOLDS, thresholdsFor, type FlagThresholds } from '@shared/review/flag-thresholds';
import { detectFlags, normaliseComment, type LoggedBallot } from '../../functions/src/domain/stuffing/detectors';

const T0 = Date.parse('2026-11-23T02:00:00Z');
let seq = 0;
/** A window ballot `minutes` after T0. */
function ballot(minutes: number, over: Partial<LoggedBallot> = {}): LoggedBallot {
  seq += 1;
  return { ballotId: `b${String(seq).padStart(4, '0')}`, receiptId: `R${seq}`, targetId: 's11', windowId: 'w111', channel: 'window', evaluator: `e${seq}`, receivedAt: new Date(T0 + minutes * 60_000).toISOString(), ...over };
}
const only = (kind: string, t: FlagThresholds = DEFAULT_FLAG_THRESHOLDS) => (bs: LoggedBallot[]) => detectFlags(bs, t).filter((f) => f.kind === kind);

describe('burst detector', () => {
  const bursts = only('burst', thresholdsFor({ burst: { ballots: 5, minutes: 10 } }));

  it('flags every ballot of a stretch with more than N ballots at one window within M minutes', () => {
    const crowd = Array.from({ length: 6 }, (_, i) => ballot(100 + i));
    const calm = [ballot(0), ballot(30), ballot(60)];
    const flags = bursts([...calm, ...crowd]);
    expect(flags).toHaveLength(1);
    expect(flags[0]!.ballotIds).toEqual(crowd.map((b) => b.ballotId));
    expect(flags[0]!.places).toEqual(['w111']);
    expect(flags[0]!.from).toBe(crowd[0]!.receivedAt);
    expect(flags[0]!.to).toBe(crowd[5]!.receivedAt);
  });

  it('does not flag exactly N ballots within M minutes, nor N + 1 spread wider than M', () => {
    expect(bursts(Array.from({ length: 5 }, (_, i) => ballot(i)))).toEqual([]);
    expect(bursts(Array.from({ length: 6 }, (_, i) => ballot(i * 2.1)))).toEqual([]);
  });

  it('keeps places apart: the same crowd split over two windows is no burst', () => {
    const split = Array.from({ length: 8 }, (_, i) => ballot(i, { windowId: i % 2 ? 'w111' : 'w112' }));
    expect(bursts(split)).toEqual([]);
  });

  it('gives two bursts hours apart two flags', () => {
    const flags = bursts([...Array.from({ length: 6 }, (_, i) => ballot(i)), ...Array.from({ length: 7 }, (_, i) => ballot(300 + i))]);
    expect(flags.map((f) => f.ballotIds.length)).toEqual([6, 7]);
    expect(new Set(flags.map((f) => f.flagId)).size).toBe(2);
  });

  it('ignores channels it is not told to examine (a panel rates together by design)', () => {
    const panel = Array.from({ length: 20 }, (_, i) => ballot(i / 10, { channel: 'directed', windowId: undefined }));
    expect(bursts(panel)).toEqual([]);
  });

  it('gives the same flags with the same ids whatever order the log is read in', () => {
    const log = [...Array.from({ length: 7 }, (_, i) => ballot(i)), ballot(200), ...Array.from({ length: 6 }, (_, i) => ballot(400 + i, { windowId: 'w121', targetId: 's12' }))];
    const shuffled = [...log].reverse();
    expect(bursts(shuffled)).toEqual(bursts(log));
  });
});

describe('spread detector', () => {
  const spread = only('spread', thresholdsFor({ spread: { places: 3, minutes: 30 } }));

  it('flags one evaluator rating more than N windows within M minutes', () => {
    const walk = ['w111', 'w112', 'w121', 'w211'].map((w, i) => ballot(i * 5, { windowId: w, evaluator: 'eve' }));
    const flags = spread([...walk, ballot(1, { evaluator: 'someone' })]);
    expect(flags).toHaveLength(1);
    expect(flags[0]!.ballotIds).toEqual(walk.map((b) => b.ballotId));
    expect(flags[0]!.detail).not.toContain('eve'); // an evaluator is never named
  });

  it('does not flag the same number of windows visited over a longer time', () => {
    expect(spread(['w111', 'w112', 'w121', 'w211'].map((w, i) => ballot(i * 11, { windowId: w, evaluator: 'eve' })))).toEqual([]);
  });

  it('counts windows, not ballots: one window rated on several days is no spread', () => {
    expect(spread(Array.from({ length: 6 }, (_, i) => ballot(i, { evaluator: 'eve' })))).toEqual([]);
  });
});

describe('identical comment detector', () => {
  const same = only('same_comment');

  it('flags three or more ballots whose comments match once case, width, spaces and punctuation are ignored', () => {
    const copies = [ballot(0, { comment: '窗口工作人员态度恶劣，推诿扯皮！' }), ballot(50, { comment: '窗口工作人员态度恶劣 推诿扯皮', windowId: 'w121' }), ballot(900, { comment: '窗口工作人员态度恶劣，，推诿扯皮。。', channel: 'sampling', windowId: undefined })];
    const flags = same([...copies, ballot(1, { comment: '窗口工作人员态度很好，办事快' })]);
    expect(flags).toHaveLength(1);
    expect(flags[0]!.ballotIds).toEqual(copies.map((b) => b.ballotId));
    expect(flags[0]!.comment).toBe('窗口工作人员态度恶劣推诿扯皮');
  });

  it('leaves short stock comments and pairs alone', () => {
    expect(same([ballot(0, { comment: '很好' }), ballot(1, { comment: '很好！' }), ballot(2, { comment: '很好' })])).toEqual([]);
    expect(same([ballot(0, { comment: '窗口工作人员态度恶劣推诿扯皮' }), ballot(1, { comment: '窗口工作人员态度恶劣推诿扯皮' })])).toEqual([]);
  });

  it('normalises full-width letters and case', () => {
    expect(normaliseComment('ＡＢＣ　服务 好!')).toBe(normaliseComment('abc服务好'));
  });
});

describe('thresholds', () => {
  it('takes a round override over the defaults part by part', () => {
    const t = thresholdsFor({ burst: { ballots: 30 } });
    expect(t.burst).toEqual({ ...DEFAULT_FLAG_THRESHOLDS.burst, ballots: 30 });
    expect(t.spread).toEqual(DEFAULT_FLAG_THRESHOLDS.spread);
  });
});
