import { getSchemePreset, SCHEME_PRESET_IDS } from '../../../shared/schemes';
import { Scheme } from '../../../shared/scoring';
import { ACTION_KINDS } from '../../../shared/scoring/action-kinds';
import { actionKindLabels } from '../../../shared/publication/consequence-list';

/** Every preset rule says what it makes the office do, so the office's list can be sorted by kind. */
describe('action kinds of the preset rules', () => {
  const presets = SCHEME_PRESET_IDS.map((id) => Scheme.parse(getSchemePreset(id)));

  it('are declared on every rule of every preset', () => {
    for (const s of presets) for (const r of s.rules) expect({ rule: r.id, declared: (r.actions?.length ?? 0) > 0 }).toEqual({ rule: r.id, declared: true });
  });

  it("name the county documents' actions", () => {
    const kinds = Object.fromEntries(presets.flatMap((s) => s.rules.map((r) => [r.id, r.actions])));
    expect(kinds['ganquan-no-awards']).toEqual(['award_freeze', 'talk']); // 不得争先评优，并对分管领导实施诫勉谈话
    expect(kinds['nanchuan-remove-supervisor']).toEqual(['removal']);
    expect(kinds['nanchuan-interview']).toEqual(['interview']);
    expect(kinds['ganquan-misconduct']).toEqual(['referral']);
    expect(kinds['tonghe-satisfied-unit']).toEqual(['praise']);
    expect(kinds['efficiency-below-70']).toEqual(['rectification', 'accountability']);
  });

  it('are refused when unknown or repeated', () => {
    const base = getSchemePreset('luxi')!;
    const withActions = (actions: unknown) => ({ ...base, rules: [{ ...base.rules![0]!, actions }] });
    expect(Scheme.safeParse(withActions(['talk', 'dismiss'])).success).toBe(false);
    expect(Scheme.safeParse(withActions(['talk', 'talk'])).success).toBe(false);
    expect(Scheme.safeParse(withActions([])).success).toBe(false);
    expect(Scheme.safeParse(withActions(['talk'])).success).toBe(true);
  });

  it('read as Chinese words', () => {
    expect(actionKindLabels(['award_freeze', 'talk'])).toBe(`${ACTION_KINDS.award_freeze}；${ACTION_KINDS.talk}`);
    expect(actionKindLabels(undefined)).toBe('');
  });
});
