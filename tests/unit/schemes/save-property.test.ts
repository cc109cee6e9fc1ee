import fc from 'fast-check';
import { SCHEME_PRESET_IDS, getSchemePreset } from '../../../shared/schemes';
import { checkSchemeBody, PROBE_SEEDS } from '../../../shared/schemes/validate';
import { probeFacts } from '../../../shared/schemes/probe';
import { scoreRound } from '../../../shared/scoring';
import type { RoundFactsInput } from '../../../shared/scoring/facts';

/**
 * Issue 16: any scheme the editor's API accepts either scores every random facts set or is
 * refused at save time — never a 422 at results time. The save path (POST /admin/schemes/:id/versions,
 * domain/schemes/schemes.ts validBody) accepts exactly what checkSchemeBody accepts, so this runs
 * that check on edited presets — weights, bands, quotas, thresholds, kinds, channels, input
 * ranges, removed parts, each edit as a clerk might make it, sensible or not — and scores every
 * accepted body on facts the save probe never saw (other seeds, then thinned: channels without
 * ballots, inputs left out, served unknown, a group of one).
 */
type Body = Record<string, any>;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** One edit of a scheme body, drawn as data so a failure prints what was done. */
const edit = fc.oneof(
  fc.record({ op: fc.constant('weights' as const), at: fc.nat(), weights: fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -5, max: 120 })), { minLength: 1, maxLength: 6 }) }),
  fc.record({ op: fc.constant('band' as const), at: fc.nat(), min: fc.oneof(fc.double({ min: -1, max: 120, noNaN: true }), fc.constant(undefined)) }),
  fc.record({ op: fc.constant('quota' as const), share: fc.double({ min: -0.5, max: 1.5, noNaN: true }), rounding: fc.constantFrom('floor', 'round', 'ceil', 'nope') }),
  fc.record({ op: fc.constant('direction' as const), direction: fc.constantFrom('best-first', 'worst-first'), higherIs: fc.constantFrom('better', 'worse') }),
  fc.record({ op: fc.constant('threshold' as const), at: fc.nat(), value: fc.double({ min: -10, max: 200, noNaN: true }) }),
  fc.record({ op: fc.constant('toInput' as const), at: fc.nat(), min: fc.integer({ min: -10, max: 100 }), max: fc.integer({ min: -10, max: 150 }) }),
  fc.record({ op: fc.constant('dropComponent' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('dropChannel' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('dropRule' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('rankTop' as const), at: fc.nat(), top: fc.oneof(fc.integer({ min: -2, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true })) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

const pick = (list: Body[], at: number): Body | undefined => (list.length ? list[at % list.length] : undefined);

function apply(body: Body, e: Edit): void {
  switch (e.op) {
    case 'weights': {
      const c = pick(body.components.filter((x: Body) => x.kind === 'weighted'), e.at);
      if (c) c.parts = c.parts.map((p: Body, i: number) => ({ ...p, weight: e.weights[i % e.weights.length] }));
      return;
    }
    case 'band': {
      const b = pick(body.grades?.bands ?? [], e.at) as Body | undefined;
      if (b) {
        if (e.min === undefined) delete b.min;
        else b.min = e.min;
      }
      return;
    }
    case 'quota':
      if (body.ranking) body.ranking.quota = { ...(body.ranking.quota ?? {}), rounding: e.rounding };
      for (const r of body.rules) if (r.when?.kind === 'rankShare') r.when.top = e.share;
      return;
    case 'direction':
      if (body.ranking) Object.assign(body.ranking, { direction: e.direction, higherIs: e.higherIs });
      return;
    case 'threshold': {
      const r = pick(body.rules.filter((x: Body) => x.when?.kind === 'value'), e.at);
      if (r) r.when.value = e.value;
      return;
    }
    case 'toInput': {
      const i = e.at % body.components.length;
      const c = body.components[i];
      if (c.kind !== 'weighted') body.components[i] = { kind: 'input', id: c.id, label: c.label, min: e.min, max: e.max };
      return;
    }
    case 'dropComponent':
      body.components.splice(e.at % body.components.length, 1);
      return;
    case 'dropChannel':
      body.channels.splice(e.at % body.channels.length, 1);
      return;
    case 'dropRule':
      if (body.rules.length) body.rules.splice(e.at % body.rules.length, 1);
      return;
    case 'rankTop': {
      const r = pick(body.rules.filter((x: Body) => x.when?.kind === 'rankTop' || x.when?.kind === 'rankFromEnd'), e.at);
      if (r) r.when[r.when.kind === 'rankTop' ? 'top' : 'within'] = e.top;
      return;
    }
  }
}

/** Facts the probe never drew: another seed, then thinned the way real rounds are thin. */
const thin = fc.record({ seed: fc.integer({ min: PROBE_SEEDS + 1, max: 2 ** 31 - 1 }), dropChannels: fc.boolean(), dropInputs: fc.boolean(), dropServed: fc.boolean(), onlyOne: fc.boolean() });
function factsFor(scheme: Parameters<typeof probeFacts>[0], t: { seed: number; dropChannels: boolean; dropInputs: boolean; dropServed: boolean; onlyOne: boolean }): RoundFactsInput {
  const facts = probeFacts(scheme, t.seed);
  let targets = facts.targets.map((x, i) => ({
    ...x,
    ...(t.dropChannels && i % 2 === 0 ? { channels: {} } : {}),
    ...(t.dropInputs && i % 3 === 0 ? { inputs: {} } : {}),
  }));
  if (t.dropServed) targets = targets.map(({ served: _s, ...x }) => x);
  if (t.onlyOne) targets = targets.slice(0, 1);
  return { ...facts, targets };
}

describe('a scheme the save path accepts is one every round can score', () => {
  it('edited presets: refused with a Chinese problem naming the field, or scored on every facts set', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.constantFrom(...SCHEME_PRESET_IDS), fc.array(edit, { minLength: 1, maxLength: 4 }), fc.array(thin, { minLength: 3, maxLength: 3 }), (presetId, edits, factsSets) => {
        const body = clone(getSchemePreset(presetId)!) as Body;
        for (const e of edits) apply(body, e);
        const { scheme, problems } = checkSchemeBody(body);
        if (!scheme) {
          refused++;
          expect(problems.length).toBeGreaterThan(0);
          for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
          return;
        }
        accepted++;
        expect(problems).toEqual([]);
        for (const t of factsSets) {
          const result = scoreRound(scheme, factsFor(scheme, t), { incomplete: 'list' });
          // A number that cannot be published (NaN, ∞) is a results-time failure too.
          for (const target of result.targets) {
            expect(target.total === null || Number.isFinite(target.total)).toBe(true);
            for (const c of Object.values(target.components)) expect(c.value === null || Number.isFinite(c.value)).toBe(true);
          }
        }
      }),
      { numRuns: 150, seed: 16, endOnFailure: true },
    );
    // Both sides of the property were exercised (the edits are neither all harmless nor all fatal).
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });

  it('every preset itself is accepted unchanged', () => {
    for (const id of SCHEME_PRESET_IDS) expect([id, checkSchemeBody(getSchemePreset(id)).problems]).toEqual([id, []]);
  });
});
