import { getSchemePreset } from '../../../shared/schemes';
import { checkSchemeBody, NUMBER_LIMIT } from '../../../shared/schemes/validate';
import { probeFacts } from '../../../shared/schemes/probe';
import { scoreRound, RoundResult } from '../../../shared/scoring';
import { SchemeShape } from '../../../shared/scoring/scheme';

/**
 * Found by the save property (save-property.test.ts): an entered score whose range reaches 1e300
 * passed every save-time check, and its round scored to ∞ — published as null, which the
 * snapshot refuses, so the round could never be published. Numbers are now held to ±10亿.
 */
describe('numbers a scheme may hold', () => {
  const ganquan = getSchemePreset('ganquan')!;
  const huge = { ...ganquan, components: ganquan.components.map((c) => (c.id === 'satisfaction' ? { kind: 'input', id: 'satisfaction', label: '满意度', min: -1e300, max: 1 } : c)) };

  it('a round on an entered score ranging to 1e300 cannot be published (why the limit exists)', () => {
    const scheme = SchemeShape.parse(huge);
    const result = scoreRound(scheme, { ...probeFacts(scheme, 1, { complete: true }), targets: probeFacts(scheme, 1, { complete: true }).targets.map((t) => ({ ...t, inputs: { satisfaction: -1e300 } })) });
    expect(RoundResult.safeParse(JSON.parse(JSON.stringify(result))).success).toBe(false);
  });

  it('refuses it at save time, naming the field in Chinese', () => {
    const { scheme, problems } = checkSchemeBody(huge);
    expect(scheme).toBeUndefined();
    expect(problems).toEqual([{ path: 'components.satisfaction.min', message: '分项“满意度”：下限：数值须在 -10亿 至 10亿 之间（现为 -1e+300）' }]);
  });

  it('refuses a divisor so small that a score leaves the range', () => {
    const eff = getSchemePreset('efficiency-office')!;
    const pm = eff.components.find((c) => c.kind === 'pointsMean')!;
    const body = { ...eff, components: eff.components.map((c) => (c.id === pm.id ? { ...c, normaliser: 1e-12 } : c)) };
    expect(checkSchemeBody(body).problems.map((p) => p.path)).toEqual([`components.${pm.id}.normaliser`]);
  });

  it('accepts numbers up to the limit', () => {
    const body = { ...ganquan, components: ganquan.components.map((c) => (c.id === 'satisfaction' ? { kind: 'input', id: 'satisfaction', label: '满意度', min: -NUMBER_LIMIT, max: NUMBER_LIMIT } : c)) };
    expect(checkSchemeBody(body).problems).toEqual([]);
  });
});
