import fc from 'fast-check';
import { getSchemePreset } from '../../../shared/schemes';
import { Scheme, scoreRound, type RoundFactsInput } from '../../../shared/scoring';
import { checkField, factsOfFields, inputColumns, mergeFields, type FieldMap, type FieldValue } from '../../../shared/target-inputs/fields';

const tonghe = Scheme.parse(getSchemePreset('tonghe'));
const ganquan = Scheme.parse(getSchemePreset('ganquan'));

const FIELDS = ['served', 'misconduct', 'inputs.work', 'inputs.style_year', 'records.late_or_incomplete', 'present.hearing'];
const value = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 100 }));
const set = fc.dictionary(fc.constantFrom(...FIELDS), value, { minKeys: 1, maxKeys: 4 });

describe('mergeFields', () => {
  it('gives the same fields whichever order two changes to different fields are applied in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...FIELDS), fc.integer({ min: 0, max: 100 })), set, set, (start: FieldMap, a, b) => {
        // Two clerks' changes touch different fields (the same field is a conflict, answered 409 by the store).
        const bOnly = Object.fromEntries(Object.entries(b).filter(([f]) => !(f in a)));
        expect(mergeFields(mergeFields(start, a), bOnly)).toEqual(mergeFields(mergeFields(start, bOnly), a));
      }),
      { numRuns: 200 },
    );
  });

  it('leaves fields it does not name and clears a field set to null', () => {
    expect(mergeFields({ served: 10, 'inputs.work': 90 }, { 'inputs.work': null, misconduct: 1 })).toEqual({ served: 10, misconduct: 1 });
  });
});

describe('factsOfFields', () => {
  it('builds the engine facts of a target from its fields', () => {
    const tally = { ballots: 2, answers: { overall: { satisfied: 2 } } };
    expect(factsOfFields({ served: 5, 'inputs.work': 90, 'present.hearing': 3, 'channels.phone': tally })).toEqual({ served: 5, inputs: { work: 90 }, present: { hearing: 3 }, channels: { phone: tally } });
  });
});

describe('checkField', () => {
  const ctx = (group: string, ballots = {}) => ({ scheme: tonghe, roundChannels: ['phone', 'hearing'], target: { targetId: 'dx', name: '电信公司', group }, ballots });
  const check = (group: string, field: string, v: FieldValue | null) => checkField(ctx(group), field, v)?.code;

  it('refuses 政风建设年 for 社会服务组 and takes it for 执法监督组', () => {
    expect(check('service', 'inputs.style_year', 80)).toBe('INPUT_NOT_APPLICABLE');
    expect(check('enforcement', 'inputs.style_year', 80)).toBeUndefined();
  });

  it('refuses unknown components and values out of range; clearing is always allowed', () => {
    expect(check('service', 'inputs.speed', 1)).toBe('INPUT_FIELD_UNKNOWN');
    expect(check('service', 'inputs.work', 100.5)).toBe('INPUT_OUT_OF_RANGE');
    expect(check('service', 'inputs.work', null)).toBeUndefined();
    expect(check('service', 'present.monitor', 3)).toBe('INPUT_FIELD_UNKNOWN');
  });

  it('refuses 服务人次 below the forms returned on the return-rate channels', () => {
    const g = { scheme: ganquan, roundChannels: ['window'], target: { targetId: 'w1', name: '户政窗口', group: 'all' }, ballots: { window: 12, hearing: 30 } };
    expect(checkField(g, 'served', 11)?.message).toBe('户政窗口（w1）：服务人次 11 少于已回收的 12 份评价表');
    expect(checkField(g, 'served', 12)).toBeUndefined();
  });

  it('refuses an imported tally on a channel that already has ballots', () => {
    expect(checkField(ctx('service', { phone: 3 }), 'channels.phone', { ballots: 1, answers: {} })?.code).toBe('IMPORTED_TALLY_CLASH');
  });

  it('gives the inputs table the scheme’s columns', () => {
    expect(inputColumns(tonghe, ['phone', 'hearing']).map((c) => c.field)).toEqual(['inputs.style_year', 'inputs.work', 'misconduct', 'present.hearing']);
  });
});

describe('scoreRound with incomplete inputs listed', () => {
  const phone = { ballots: 4, answers: { overall: { satisfied: 3, unsatisfied: 1 } } };
  const facts: RoundFactsInput = { roundId: 'r', targets: [{ targetId: 'a', group: 'service', channels: { phone }, inputs: {} }, { targetId: 'b', group: 'service', channels: { phone }, inputs: { work: 80 } }] };

  it('refuses by default, as the offline engine always has', () => {
    expect(() => scoreRound(tonghe, facts)).toThrow(/a\.inputs\.work: required/);
  });

  it('lists the missing input on its target and scores the other (通河 社会服务组: 75 × 0.6 + 80 × 0.2 = 61, no hearing → total null)', () => {
    const r = scoreRound(tonghe, facts, { incomplete: 'list' });
    const a = r.targets.find((t) => t.targetId === 'a')!;
    expect(a.missing).toEqual([{ field: 'inputs.work', label: '工作考核分', reason: 'missing' }]);
    expect(a.flags.map((f) => f.id)).toContain('inputs_pending');
    expect(a.components.survey?.value).toBe(75);
    expect(r.targets.find((t) => t.targetId === 'b')!.missing).toBeUndefined();
  });

  it('leaves an unusable stored value out of the scores and lists it as invalid', () => {
    const r = scoreRound(tonghe, { roundId: 'r', targets: [{ targetId: 'a', group: 'service', channels: { phone }, inputs: { work: 80, style_year: 90 } }] }, { incomplete: 'list' });
    expect(r.targets[0]!.missing).toEqual([{ field: 'inputs.style_year', label: '“政风建设年”活动评议分', reason: 'invalid' }]);
    expect(r.targets[0]!.components.style_year?.value).toBeNull();
  });
});
