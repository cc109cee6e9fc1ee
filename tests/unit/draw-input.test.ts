import { commitmentOf, type DrawRecord } from '@shared/draw/draw';
import type { DrawSummary } from '@shared/api/panels';
import { parseCommitments, parseStrata } from '../../client/src/admin/lib/draw-input';
import { checkDraw } from '../../client/src/public/lib/check-draw';
import { verifyDraw, apportion, canonicalPool, poolHash, combineSeed, runDraw } from '@shared/draw';

describe('the draw form', () => {
  it('reads quotas written with Chinese or ASCII separators', () => {
    expect(parseStrata('public:55，deputies：35、retired:10')).toEqual({ strata: [{ id: 'public', weight: 55 }, { id: 'deputies', weight: 35 }, { id: 'retired', weight: 10 }], problems: [] });
  });
  it('reads categories by the names the office uses', () => {
    expect(parseStrata('服务对象:55，两代表一委员:35，离退休老干部:10')).toEqual({ strata: [{ id: 'public', weight: 55 }, { id: 'deputies', weight: 35 }, { id: 'retired', weight: 10 }], problems: [] });
  });
  it('names what it cannot read instead of guessing', () => {
    const r = parseStrata('public:55, 代表:35, retired');
    expect(r.strata).toEqual([{ id: 'public', weight: 55 }]);
    expect(r.problems).toHaveLength(2);
  });
  it('reads one commitment per line and refuses a short one', () => {
    const c = commitmentOf('x');
    expect(parseCommitments(`县纠风办:${c}\n公证员：${c.slice(0, 60)}`)).toEqual({ commitments: [{ party: '县纠风办', commitment: c }], problems: [expect.stringContaining('公证员')] });
  });
});

describe('checking a published draw on the reader’s device', () => {
  const pool = canonicalPool(Array.from({ length: 30 }, (_, i) => ({ id: `R${String(i).padStart(3, '0')}`, stratum: i % 3 === 0 ? 'deputies' : 'public' })));
  const strata = [{ id: 'public', weight: 2 }, { id: 'deputies', weight: 1 }];
  const quotas = apportion(strata, 6);
  const reveals = [{ party: 'a', value: 'alpha' }, { party: 'b', value: 'beta' }];
  const commitments = reveals.map((r) => ({ party: r.party, commitment: commitmentOf(r.value) }));
  const seed = combineSeed(commitments, reveals).seed!;
  const { selection, shortfall } = runDraw(pool, strata, quotas, seed, true);
  const record: DrawRecord = { format: 'qunzhong-pingyi/draw@1', drawId: 'd1', roundId: 'r1', label: 't', n: 6, strata, quotas, onePerHousehold: true, pool, poolHash: poolHash(pool), commitments, committedAt: 'x', status: 'drawn', reveals, seed, selection, shortfall, drawnAt: 'y' };
  const shown = { drawId: 'd1', roundId: 'r1', label: 't', status: 'drawn', n: 6, quotas, poolSize: 30, poolHash: record.poolHash, commitments, committedAt: 'x', seed, selection, shortfall } as DrawSummary;

  it('passes when the record re-runs to the result the page shows', () => {
    expect(verifyDraw(record).problems).toEqual([]);
    expect(checkDraw(shown, record)).toEqual([]);
  });
  it('fails when the page shows another selection than the record produces', () => {
    const swapped = selection.map((s) => ({ ...s, ids: [...s.ids].reverse() }));
    expect(checkDraw({ ...shown, selection: swapped }, record)).toEqual([expect.stringContaining('抽取结果')]);
  });
  it('fails when a member was swapped in the record', () => {
    const forged = { ...record, selection: [{ stratum: selection[0]!.stratum, ids: [...selection[0]!.ids.slice(1), 'R999'] }, ...selection.slice(1)] };
    expect(checkDraw({ ...shown, selection: forged.selection }, forged)).toEqual([expect.stringContaining('selection')]);
  });
});
