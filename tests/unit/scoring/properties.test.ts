import fc from 'fast-check';
import { getSchemePreset } from '../../../shared/schemes';
import { scoreRound, wilsonCounts } from '../../../shared/scoring';
import { byId, tally } from './builders';

const ganquan = getSchemePreset('ganquan')!;
const nanchuan = getSchemePreset('nanchuan')!;
const efficiency = getSchemePreset('efficiency-office')!;
const tonghe = getSchemePreset('tonghe')!;

const grades = fc.record({ excellent: fc.nat(20), good: fc.nat(20), fair: fc.nat(20), poor: fc.nat(20), bad: fc.nat(20) });
const effTarget = (id: string) =>
  fc.record({
    targetId: fc.constant(id),
    group: fc.constantFrom('enforcement', 'management'),
    channels: fc.record({
      monitor: fc.tuple(grades, grades).map(([i, m]) => ({ ballots: sum(i) + sum(m), answers: { instant: i, monthly: m } })),
      inspection: grades.map((g) => tally('grade', g)),
      directed: grades.map((g) => tally('grade', g)),
    }),
    records: fc.record({ late_or_incomplete: fc.nat(5), after_second_notice: fc.nat(3), refused: fc.nat(2) }),
  });
const effTargets = fc.tuple(...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(effTarget));

function sum(o: Record<string, number>): number {
  return Object.values(o).reduce((s, x) => s + x, 0);
}

describe('properties', () => {
  it('one more 满意 ballot never lowers a target’s satisfaction (甘泉)', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.nat(500), (sat, unsat, spare) => {
        const served = sat + unsat + 1 + spare;
        const one = (s: number) => ({ roundId: 'r', targets: [{ targetId: 't', served, channels: { window: tally('overall', { satisfied: s, unsatisfied: unsat }) } }] });
        const before = byId(scoreRound(ganquan, one(sat)), 't').components.satisfaction?.value ?? 0;
        const after = byId(scoreRound(ganquan, one(sat + 1)), 't').components.satisfaction?.value;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('a ballot ticking nothing never raises a section’s difficulty; one ticking all five, or one more tick, never lowers it (南川)', () => {
    const problems = fc.record({ cold: fc.nat(50), lazy: fc.nat(50), greedy: fc.nat(50) });
    fc.assert(
      fc.property(problems, fc.nat(50), (p, extra) => {
        const ballots = Math.max(p.cold, p.lazy, p.greedy) + extra + 1;
        const d = (b: number, q: Record<string, number>) =>
          byId(scoreRound(nanchuan, { roundId: 'r', targets: [{ targetId: 's', channels: { directed: { ballots: b, answers: { problems: q } } } }] }), 's').components.difficulty?.value ?? 0;
        const base = d(ballots, p);
        expect(d(ballots + 1, p)).toBeLessThanOrEqual(base);
        // p never ticks shirk or arbitrary, so the new ballot is their only tick.
        const plusAllFive = { cold: p.cold + 1, lazy: p.lazy + 1, shirk: 1, arbitrary: 1, greedy: p.greedy + 1 };
        expect(d(ballots + 1, plusAllFive)).toBeGreaterThanOrEqual(base);
        expect(d(ballots, { ...p, lazy: p.lazy + 1 })).toBeGreaterThanOrEqual(base);
      }),
    );
  });

  it('permuting the targets changes no result (效能办)', () => {
    fc.assert(
      fc.property(effTargets, fc.func(fc.integer()), (targets, f) => {
        const shuffled = [...targets].sort((x, y) => f(x.targetId) - f(y.targetId));
        expect(scoreRound(efficiency, { roundId: 'r', targets: shuffled })).toEqual(scoreRound(efficiency, { roundId: 'r', targets }));
      }),
      { numRuns: 60 },
    );
  });

  it('keeps totals within [0, 100], values inside their intervals, and ranks consistent with totals (效能办)', () => {
    fc.assert(
      fc.property(effTargets, (targets) => {
        const res = scoreRound(efficiency, { roundId: 'r', targets });
        for (const t of res.targets) {
          for (const c of Object.values(t.components)) {
            if (c.value === null || !c.interval) continue;
            expect(c.interval.lower).toBeLessThanOrEqual(c.value + 1e-9);
            expect(c.interval.upper).toBeGreaterThanOrEqual(c.value - 1e-9);
          }
          if (t.total === null) continue;
          expect(t.total).toBeGreaterThanOrEqual(0);
          expect(t.total).toBeLessThanOrEqual(100 + 1e-9);
        }
        for (const g of res.groups) {
          const ranked = g.order.map((id) => byId(res, id));
          ranked.forEach((t, i) => {
            const next = ranked[i + 1];
            if (!next) return;
            expect(t.total!).toBeGreaterThanOrEqual(next.total! - 1e-9);
            expect(next.rank! > t.rank! || (next.rank === t.rank && Math.abs(next.total! - t.total!) < 1e-9)).toBe(true);
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the 通河 total within [0, 100] for any sheets and inputs', () => {
    const level = fc.constantFrom('good', 'fairly_good', 'fair', 'poor', undefined);
    const sheet = fc.record({ openness: level, lawful: level, service: level, integrity: level, institutions: level }).map((s) =>
      Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as Record<string, string>,
    );
    fc.assert(
      fc.property(fc.array(sheet, { minLength: 1, maxLength: 12 }), fc.nat(50), fc.nat(50), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (sheets, yes, no, style, work) => {
        fc.pre(yes + no > 0);
        const t = { targetId: 't', group: 'management', channels: { phone: tally('overall', { satisfied: yes, unsatisfied: no }), hearing: { sheets } }, present: { hearing: sheets.length }, inputs: { style_year: style, work } };
        const r = byId(scoreRound(tonghe, { roundId: 'r', targets: [t] }), 't');
        expect(r.components.hearing?.value).toBeGreaterThanOrEqual(25);
        expect(r.components.hearing?.value).toBeLessThanOrEqual(100);
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('Wilson intervals stay within [0, 1] and contain the observed share', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (a, b) => {
        const n = a + b;
        const { lower, upper } = wilsonCounts(a, n);
        expect(lower).toBeGreaterThanOrEqual(0);
        expect(upper).toBeLessThanOrEqual(1);
        if (n > 0) {
          expect(lower).toBeLessThanOrEqual(a / n + 1e-12);
          expect(upper).toBeGreaterThanOrEqual(a / n - 1e-12);
        }
      }),
    );
  });
});
