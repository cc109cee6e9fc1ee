import { AppError, ERROR_CATALOGUE } from '../../../shared/errors';
import { getSchemePreset } from '../../../shared/schemes';
import { score } from '../../../functions/src/domain/results';
import { tally } from './builders';

/**
 * The results endpoint's mapping of history refusals (functions/src/domain/results.ts): 422 with
 * a machine code per kind and the engine's issues (round, target, field, Chinese message).
 */
const ganquan = getSchemePreset('ganquan')!;
const year = (y: number) => ({ kind: 'year' as const, start: `${y}-01-01`, end: `${y}-12-31` });
const posts = [90, 80, 70].map((s, i) => ({ targetId: `p${i}`, served: 100, channels: { window: tally('overall', { satisfied: s, unsatisfied: 100 - s }) } }));

function refusal(history: object[]): AppError {
  try {
    score(ganquan, { roundId: '2026', period: year(2026), targets: posts, history: history as never });
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('results: history refusals as API errors', () => {
  it('answers 422 HISTORY_INCOMPLETE naming round, target and field when rankedCount is missing', () => {
    // p2 is last at 70% now; in 2025 it was 1st at 95% but the entry does not say of how many.
    const e = refusal([{ roundId: '2025', period: year(2025), targets: [{ targetId: 'p2', rank: 1, tieSize: 1, total: 0.95 }] }]);
    expect([e.code, e.status]).toEqual(['HISTORY_INCOMPLETE', 422]);
    expect(ERROR_CATALOGUE.HISTORY_INCOMPLETE.zh).toMatch(/往期评议结果缺少/);
    const details = e.details as { issues: Array<{ roundId: string; targetId: string; field: string; message: string }> };
    expect(details.issues).toEqual([expect.objectContaining({ roundId: '2025', targetId: 'p2', field: 'rankedCount' })]);
    expect(details.issues[0]?.message).toBe('往期评议“2025”中“p2”缺少参加排名的单位数（rankedCount），规则“连续2年：追责和组织处理”（ganquan-two-years）需要读取；往期结果须完整，不作推定');
  });

  it('answers 422 HISTORY_INCONSISTENT for a rank beyond the ranked count', () => {
    const e = refusal([{ roundId: '2025', period: year(2025), targets: [{ targetId: 'p2', rank: 5, rankedCount: 3, tieSize: 1, total: 0.7 }] }]);
    expect([e.code, e.status]).toEqual(['HISTORY_INCONSISTENT', 422]);
    expect((e.details as { issues: Array<{ field: string; message: string }> }).issues[0]).toMatchObject({ field: 'rank', message: '往期评议“2025”中“p2”的名次（rank）为第5名，超过参加排名的单位数3' });
  });

  it('keeps SCORING_INPUT_INVALID for facts that do not fit the scheme', () => {
    expect(() => score(ganquan, { roundId: 'r', targets: [{ targetId: 'a', channels: {} }] })).toThrow(expect.objectContaining({ code: 'SCORING_INPUT_INVALID' }));
  });
});
