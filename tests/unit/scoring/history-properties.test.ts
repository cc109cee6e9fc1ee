import fc from 'fast-check';
import { getSchemePreset } from '../../../shared/schemes';
import { scoreRound, ScoringInputError, type RoundFactsInput, type RoundResult, type Scheme } from '../../../shared/scoring';
import { byId, consequence, tally } from './builders';

/**
 * Properties of history rules over random multi-round histories (issue 14): quarterly rounds never
 * fire a year rule; a missing quarter breaks a streak; no consequence ever fires from a history
 * entry lacking the fields it reads (the round is refused instead), and dropping a field no rule
 * reads changes nothing.
 */
const ganquan = getSchemePreset('ganquan')!;
const nanchuan = getSchemePreset('nanchuan')!;
const luxi = getSchemePreset('luxi')!;
const tonghe = getSchemePreset('tonghe')!;

type Period = NonNullable<RoundFactsInput['period']>;
const year = (y: number): Period => ({ kind: 'year', start: `${y}-01-01`, end: `${y}-12-31` });
const LAST_DAY = ['31', '30', '30', '31'];
const quarter = (y: number, q: number): Period => ({ kind: 'quarter', start: `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`, end: `${y}-${String(q * 3).padStart(2, '0')}-${LAST_DAY[q - 1]}` });
const month = (y: number, m: number): Period => ({ kind: 'month', start: `${y}-${String(m).padStart(2, '0')}-01`, end: `${y}-${String(m).padStart(2, '0')}-28` });
const half = (y: number, h: number): Period => ({ kind: 'half', start: `${y}-${h === 1 ? '01' : '07'}-01`, end: `${y}-${h === 1 ? '06-30' : '12-31'}` });

/** A complete, consistent past entry: `rank` of `n`, the scheme total at `value`. */
function entry(scheme: Scheme, targetId: string, rank: number, n: number, value: number, misconduct: number) {
  return {
    targetId,
    rank,
    rankedCount: n,
    tieSize: 1,
    total: value,
    components: { [scheme.total]: { value } },
    grade: { id: value >= 0.85 ? 'satisfied' : 'unsatisfied' },
    misconduct,
  };
}

const FIELDS = ['rank', 'rankedCount', 'tieSize', 'total', 'grade', 'misconduct', 'component'] as const;
type Field = (typeof FIELDS)[number];

/** A random past entry for one of `ids` in a group of `n`. */
const entryArb = (scheme: Scheme, targetId: string, n: number, scale: number) =>
  fc.record({ rank: fc.integer({ min: 1, max: n }), value: fc.integer({ min: 0, max: 100 }), misconduct: fc.nat(1) }).map((e) => entry(scheme, targetId, e.rank, n, (e.value / 100) * scale, e.misconduct));

/** Some of the targets in a past round (a target may be absent: that breaks its streak). */
const roundTargetsArb = (scheme: Scheme, ids: string[], scale: number) =>
  fc.tuple(...ids.map((id) => fc.option(entryArb(scheme, id, ids.length, scale), { freq: 5 }))).map((es) => es.filter((e) => e !== null));

/** Removes `field` from a past entry (`component` is the scheme total's component). */
function drop(target: Record<string, unknown>, field: Field, scheme: Scheme): void {
  if (field === 'component') {
    const components = { ...(target.components as Record<string, unknown>) };
    delete components[scheme.total];
    target.components = components;
  } else delete target[field];
}

/** The history field names an issue may name for a dropped field. */
function named(field: Field, scheme: Scheme): string[] {
  if (field === 'component') return ['total', `components.${scheme.total}`];
  return [field];
}

type Case = { scheme: Scheme; facts: RoundFactsInput; drops: Array<{ round: number; target: number; field: Field }> };

/** 甘泉 in a yearly round: 4 posts, one of them last and under 75% (so 连续2年 reads its history). */
const ganquanCase: fc.Arbitrary<Case> = fc
  .record({
    sats: fc.tuple(fc.integer({ min: 60, max: 100 }), fc.integer({ min: 60, max: 100 }), fc.integer({ min: 60, max: 100 })),
    years: fc.subarray([2021, 2022, 2023, 2024, 2025]),
    quarters: fc.subarray([1, 2, 3, 4]),
  })
  .chain(({ sats, years, quarters }) => {
    const ids = ['p0', 'p1', 'p2', 'p3'];
    const rounds = [...years.map((y) => ({ roundId: `${y}`, period: year(y) })), ...quarters.map((q) => ({ roundId: `2025q${q}`, period: quarter(2025, q) }))].sort((a, b) =>
      a.period.start.localeCompare(b.period.start),
    );
    return fc.record({
      history: fc.tuple(...rounds.map((r) => roundTargetsArb(ganquan, ids, 1).map((targets) => ({ ...r, targets })))),
      drops: fc.array(fc.record({ round: fc.nat(20), target: fc.nat(3), field: fc.constantFrom(...FIELDS) }), { maxLength: 3 }),
    }).map(({ history, drops }) => ({
      scheme: ganquan,
      facts: {
        roundId: '2026',
        period: year(2026),
        targets: [...sats.map((s, i) => ({ targetId: ids[i]!, served: 100, channels: { window: tally('overall', { satisfied: s, unsatisfied: 100 - s }) } })), { targetId: 'p3', served: 100, channels: { window: tally('overall', { satisfied: 50, unsatisfied: 50 }) } }],
        history: [...history],
      },
      drops,
    }));
  });

/** 南川 in 2026 Q3: x is always #1, so both removal rules read its quarters. */
const nanchuanCase: fc.Arbitrary<Case> = fc
  .record({ quarters: fc.subarray(['2025-3', '2025-4', '2026-1', '2026-2']), others: fc.tuple(fc.integer({ min: 0, max: 79 }), fc.integer({ min: 0, max: 79 })) })
  .chain(({ quarters, others }) => {
    const ids = ['x', 'y', 'z'];
    const rounds = quarters.map((k) => {
      const [y, q] = k.split('-').map(Number) as [number, number];
      return { roundId: `${y}q${q}`, period: quarter(y, q) };
    });
    const section = (targetId: string, d: number) => ({ targetId, channels: { directed: { ballots: 100, answers: { problems: { cold: d } } } } });
    return fc.record({
      history: fc.tuple(...rounds.map((r) => roundTargetsArb(nanchuan, ids, 100).map((targets) => ({ ...r, targets })))),
      drops: fc.array(fc.record({ round: fc.nat(20), target: fc.nat(2), field: fc.constantFrom(...FIELDS) }), { maxLength: 3 }),
    }).map(({ history, drops }) => ({
      scheme: nanchuan,
      facts: { roundId: '2026q3', period: quarter(2026, 3), targets: [section('x', 90), section('y', others[0]), section('z', others[1])], history: [...history] },
      drops,
    }));
  });

/** 泸西 counting evaluations: o is under 70% now, so 2次低于70% reads every earlier round. */
const luxiCase: fc.Arbitrary<Case> = fc
  .record({ rounds: fc.integer({ min: 0, max: 4 }) })
  .chain(({ rounds }) => {
    const ids = ['o', 'p'];
    const org = (targetId: string, yes: number) => ({ targetId, formKey: 'agency', channels: { directed: { ballots: 100, answers: { overall: { satisfied: yes, unsatisfied: 100 - yes } } } } });
    return fc.record({
      history: fc.tuple(...Array.from({ length: rounds }, (_, i) => roundTargetsArb(luxi, ids, 1).map((targets) => ({ roundId: `r${i + 1}`, targets })))),
      drops: fc.array(fc.record({ round: fc.nat(20), target: fc.nat(1), field: fc.constantFrom(...FIELDS) }), { maxLength: 3 }),
    }).map(({ history, drops }) => ({ scheme: luxi, facts: { roundId: 'r9', targets: [org('o', 65), org('p', 90)], history: [...history] }, drops }));
  });

function scoreOrRefusal(scheme: Scheme, facts: RoundFactsInput): RoundResult | ScoringInputError {
  try {
    return scoreRound(scheme, facts);
  } catch (e) {
    if (e instanceof ScoringInputError) return e;
    throw e;
  }
}

describe('history properties', () => {
  it('a history entry lacking a field a rule reads is refused, naming it; dropping a field no rule reads changes nothing', () => {
    const seen = { refused: 0, unchanged: 0, firedFromHistory: 0 };
    fc.assert(
      fc.property(fc.oneof(ganquanCase, nanchuanCase, luxiCase), ({ scheme, facts, drops }) => {
        const full = scoreRound(scheme, facts);
        if (full.targets.some((t) => t.consequences.some((c) => (c.rounds?.length ?? 0) > 1))) seen.firedFromHistory++;
        const history = structuredClone(facts.history ?? []);
        const dropped = new Map<string, Set<string>>();
        for (const d of drops) {
          const round = history[d.round % Math.max(1, history.length)];
          const target = round?.targets[d.target % Math.max(1, round.targets.length)];
          if (!round || !target) continue;
          drop(target as Record<string, unknown>, d.field, scheme);
          const key = `${round.roundId}/${target.targetId}`;
          dropped.set(key, new Set([...(dropped.get(key) ?? []), ...named(d.field, scheme)]));
        }
        const after = scoreOrRefusal(scheme, { ...facts, history });
        if (after instanceof ScoringInputError) {
          seen.refused++;
          expect(after.issues.length).toBeGreaterThan(0);
          for (const issue of after.issues) {
            expect(issue.code).toBe('HISTORY_INCOMPLETE');
            expect(dropped.get(`${issue.roundId}/${issue.targetId}`)?.has(issue.field ?? '')).toBe(true);
          }
        } else {
          seen.unchanged++;
          expect(after).toEqual(full);
        }
      }),
      { numRuns: 300 },
    );
    // The property is not vacuous: some drops were refused, some changed nothing, and history fired rules.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.unchanged).toBeGreaterThan(0);
    expect(seen.firedFromHistory).toBeGreaterThan(0);
  });

  it('quarterly (and monthly, half-year) rounds never fire a year rule, whatever the history; the annual round does', () => {
    const current = fc.oneof(
      fc.integer({ min: 1, max: 4 }).map((q) => quarter(2026, q)),
      fc.integer({ min: 1, max: 12 }).map((m) => month(2026, m)),
      fc.integer({ min: 1, max: 2 }).map((h) => half(2026, h)),
    );
    const bad = (scheme: Scheme, id: string) => entry(scheme, id, 3, 3, scheme === ganquan ? 0.5 : 40, 0);
    const pastPeriods = fc.subarray([...[2023, 2024, 2025].map(year), ...[1, 2, 3, 4].map((q) => quarter(2025, q)), ...[1, 2, 3, 4].map((q) => quarter(2026, q))]);
    const posts = [90, 80, 50].map((s, i) => ({ targetId: `p${i}`, served: 100, channels: { window: tally('overall', { satisfied: s, unsatisfied: 100 - s }) } }));
    const units = (['j0', 'j1', 'j2'] as const).map((id, i) => ({
      targetId: id,
      group: 'grassroots',
      inputs: { style_year: 80, work: [95, 85, 40][i]! },
      // 通河 divides the hearing by representatives present: all three came.
      present: { hearing: 3 },
      channels: { phone: tally('overall', { satisfied: 90, unsatisfied: 10 }), hearing: { ballots: 3, answers: { openness: { good: 3 }, lawful: { good: 3 }, service: { good: 3 }, integrity: { good: 3 }, institutions: { good: 3 } } } },
    }));
    fc.assert(
      fc.property(fc.constantFrom(ganquan, tonghe), current, pastPeriods, (scheme, period, periods) => {
        const last = scheme === ganquan ? 'p2' : 'j2';
        // Earlier rounds only: every one of them has the last target last (and 甘泉's under 75%).
        const history = periods.filter((p) => p.start < period.start).map((p) => ({ roundId: `${p.kind}-${p.start}`, period: p, targets: [bad(scheme, last)] }));
        const facts = { roundId: 'now', period, targets: scheme === ganquan ? posts : units, history };
        const yearRules = scheme.rules.filter((r) => r.history?.unit === 'year').map((r) => r.id);
        const res = scoreRound(scheme, facts);
        for (const t of res.targets) expect(t.consequences.filter((c) => yearRules.includes(c.ruleId) || c.unit === 'year')).toEqual([]);
        expect(res.notes?.map((n) => n.id)).toEqual(['year_rules_annual_round']);
        // Not vacuous: as an annual round, with the same rounds (2026's quarters included, which year
        // rules ignore), 2026 fires when 2025 has a yearly result.
        const annual = scoreRound(scheme, { ...facts, period: year(2026), history: periods.map((p) => ({ roundId: `${p.kind}-${p.start}`, period: p, targets: [bad(scheme, last)] })) });
        const fired = consequence(byId(annual, last), scheme === ganquan ? 'ganquan-two-years' : 'tonghe-move-head');
        if (periods.some((p) => p.start === '2025-01-01' && p.kind === 'year')) expect(fired).toMatchObject({ unit: 'year', periods: expect.arrayContaining(['2025年', '2026年']) });
        else expect(fired).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });

  it('a 南川 streak is the run of consecutive calendar quarters before this one; a missing quarter breaks it', () => {
    const section = (targetId: string, d: number) => ({ targetId, channels: { directed: { ballots: 100, answers: { problems: { cold: d } } } } });
    const keys = [0, 1, 2, 3, 4, 5, 6, 7]; // 2024 Q3 … 2026 Q2, the eight quarters before 2026 Q3
    const q = (k: number) => quarter(2024 + Math.floor((k + 2) / 4), ((k + 2) % 4) + 1);
    fc.assert(
      fc.property(fc.subarray(keys), (present) => {
        const history = present.map((k) => ({ roundId: `k${k}`, period: q(k), targets: [entry(nanchuan, 'x', 1, 90, 80, 0)] }));
        const res = scoreRound(nanchuan, { roundId: 'now', period: quarter(2026, 3), targets: [section('x', 90), section('y', 10)], history });
        // Hand count: quarters 7, 6, 5 … present without a gap, plus this one.
        let run = 1;
        for (let k = 7; present.includes(k); k--) run++;
        const head = consequence(byId(res, 'x'), 'nanchuan-remove-head');
        if (run >= 2) expect(head).toMatchObject({ streak: run, unit: 'quarter' });
        else expect(head).toBeUndefined();
        expect(consequence(byId(res, 'x'), 'nanchuan-remove-supervisor')?.streak).toBe(run >= 3 ? run : undefined);
      }),
    );
  });
});
