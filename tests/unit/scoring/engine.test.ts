import { formFor } from '../../../shared/model/scheme-forms';
import { SchemeForms } from '../../../shared/model/scheme-forms';
import { getSchemePreset, SCHEME_PRESET_IDS, SCHEME_PRESETS } from '../../../shared/schemes';
import { holds, quantise, RoundResult, Scheme, scoreRound, ScoringInputError, wilsonCounts, wilsonInterval, Z95 } from '../../../shared/scoring';

const ganquan = getSchemePreset('ganquan')!;

describe('presets', () => {
  it('lists the six presets, each a valid Scheme and a valid SchemeForms for the ballot pipeline', () => {
    expect(SCHEME_PRESET_IDS).toEqual(['ganquan', 'luxi', 'tonghe', 'nanchuan', 'efficiency-office', 'haochaping']);
    for (const id of SCHEME_PRESET_IDS) {
      expect(Scheme.safeParse(SCHEME_PRESETS[id]).success).toBe(true);
      expect(SchemeForms.safeParse(getSchemePreset(id)).success).toBe(true);
    }
    expect(getSchemePreset('nope')).toBeUndefined();
    expect(getSchemePreset('toString')).toBeUndefined();
  });

  it('gives the hearing channel its own form where a scheme says so', () => {
    expect(formFor(getSchemePreset('tonghe')!, {}, 'hearing').title).toBe('听证评议计分表');
    expect(formFor(getSchemePreset('luxi')!, { formKey: 'rural' }, 'directed').title).toBe('农村党组织群众满意度测评表');
  });
});

describe('result shape', () => {
  it('produces output that its own RoundResult schema accepts, strictly', () => {
    const res = scoreRound(getSchemePreset('nanchuan')!, {
      roundId: 'q1',
      targets: [{ targetId: 'a', misconduct: 1, channels: { directed: { ballots: 40, answers: { problems: { cold: 12 } } } } }, { targetId: 'b' }],
    });
    expect(RoundResult.parse(res)).toEqual(res);
  });
});

describe('scheme cross-checks', () => {
  const broken = (patch: Record<string, unknown>) => Scheme.safeParse({ ...ganquan, ...patch });
  const messages = (r: ReturnType<typeof broken>) => (r.success ? [] : r.error.issues.map((i) => i.message));

  it('rejects an unknown total, a component used before it exists and an unknown item', () => {
    expect(messages(broken({ total: 'nope' }))).toContain('total: unknown component "nope"');
    const loop = broken({ components: [{ kind: 'weighted', id: 'w', label: 'w', parts: [{ component: 'satisfaction', weight: 1 }] }, ...ganquan.components] });
    expect(messages(loop)).toContain('components.w: part "satisfaction" must be a component listed before it');
    const item = broken({ components: [{ kind: 'proportion', id: 'satisfaction', label: 'x', channels: ['window'], item: 'missing', success: ['satisfied'] }] });
    expect(messages(item).join('\n')).toMatch(/no form on its channels has item "missing"/);
  });

  it('rejects a rule on an unknown grade, bands out of order and a mix that does not add up', () => {
    const rule = broken({ rules: [{ id: 'x-rule', label: 'x', text: 'x', when: { kind: 'grade', in: ['excellent'] } }] });
    expect(messages(rule)).toContain('rules.x-rule: unknown grade "excellent"');
    const bands = broken({ grades: { ...ganquan.grades, bands: [{ id: 'low', label: '低', min: 0.5 }, { id: 'high', label: '高', min: 0.9 }] } });
    expect(messages(bands).join('\n')).toMatch(/from the highest min down/);
    const mix = broken({ evaluatorMix: { default: { categories: [{ id: 'a', label: 'a', share: 0.5 }] } } });
    expect(messages(mix).join('\n')).toMatch(/shares add up to 0.5/);
  });

  it('rejects points-based components over options without points', () => {
    const r = broken({ components: [...ganquan.components, { kind: 'pointsMean', id: 'm', label: 'm', channels: ['window'], items: ['overall'], per: 'ballot' }] });
    expect(r.success).toBe(true);
    const noPoints = Scheme.safeParse({
      ...ganquan,
      forms: { ...ganquan.forms, default: { ...ganquan.forms.default!, items: [{ ...ganquan.forms.default!.items[0]!, options: [{ value: 'satisfied', label: '满意' }, { value: 'unsatisfied', label: '不满意' }] }] } },
      components: [...ganquan.components, { kind: 'pointsMean', id: 'm', label: 'm', channels: ['window'], items: ['overall'], per: 'ballot' }],
    });
    expect(messages(noPoints)).toContain('components.m: every option of "overall" needs points');
  });
});

describe('facts checks', () => {
  it('lists every problem at once instead of scoring half the facts', () => {
    try {
      scoreRound(ganquan, {
        roundId: 'r',
        targets: [
          { targetId: 'a', served: 5, channels: { window: { ballots: 3, answers: { overall: { satisfied: 4 } } } } },
          { targetId: 'a', served: 5, channels: { phone: { ballots: 1, answers: {} } } },
        ],
      });
      throw new Error('expected a ScoringInputError');
    } catch (e) {
      expect(e).toBeInstanceOf(ScoringInputError);
      const problems = (e as ScoringInputError).problems;
      expect(problems).toEqual(
        expect.arrayContaining(['a.channels.window.answers.overall.satisfied: 4 answers but only 3 ballots', 'a: listed twice', 'a.channels.phone: the scheme does not use this channel']),
      );
    }
  });

  it('reports schema errors with their path', () => {
    expect(() => scoreRound(ganquan, { roundId: '', targets: [] })).toThrow(/roundId/);
    expect(() => scoreRound(ganquan, { roundId: 'r', targets: [{ targetId: 'a', served: -1 }] })).toThrow(/targets\.0\.served/);
  });

  it('counts sheets exactly as stored ballots are counted and rejects a sheet that does not fit the form', () => {
    const res = scoreRound(ganquan, { roundId: 'r', targets: [{ targetId: 'a', served: 3, channels: { window: { sheets: [{ overall: 'satisfied' }, { overall: 'unsatisfied' }] } } }] });
    expect(res.targets[0]?.components.satisfaction).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(() => scoreRound(ganquan, { roundId: 'r', targets: [{ targetId: 'a', served: 3, channels: { window: { sheets: [{}] } } }] })).toThrow(/sheets\.0: overall missing/);
  });
});

describe('comparison grid and Wilson interval', () => {
  it('treats float noise as equal and real differences as different', () => {
    expect(quantise(17 / 20)).toBe(quantise(0.85));
    expect(holds(0.1 + 0.2, 'eq', 0.3)).toBe(true);
    expect(holds(0.849, 'gte', 0.85)).toBe(false);
    expect(holds(849_999 / 1_000_000, 'lt', 0.85)).toBe(true);
  });

  it('matches the closed form at 0 successes: upper = z² ÷ (n + z²)', () => {
    const z2 = Z95 * Z95;
    expect(wilsonCounts(0, 10).lower).toBe(0);
    expect(wilsonCounts(0, 10).upper).toBeCloseTo(z2 / (10 + z2), 8);
    expect(wilsonCounts(10, 10).lower).toBeCloseTo(10 / (10 + z2), 8);
  });

  it('matches the textbook value for 85 of 100 (0.7672–0.9069) and knows nothing at n = 0', () => {
    const b = wilsonInterval(0.85, 100);
    expect(b.lower).toBeCloseTo(0.7672, 4);
    expect(b.upper).toBeCloseTo(0.9069, 4);
    expect(wilsonCounts(0, 0)).toEqual({ lower: 0, upper: 1 });
  });
});
