import fc from 'fast-check';
import { SCHEME_PRESET_IDS, getSchemePreset } from '../../../shared/schemes';
import { checkSchemeBody, PROBE_SEEDS } from '../../../shared/schemes/validate';
import { probeFacts } from '../../../shared/schemes/probe';
import { pastTargetsOf, scoreRound, RoundResult, Scheme, type PastRound, type RoundFactsInput, type RoundPeriod } from '../../../shared/scoring';
import { SchemeShape } from '../../../shared/scoring/scheme';
import type { SchemeProblem } from '../../../shared/api/schemes';

/**
 * Issue 16: any scheme the editor's API accepts either scores every random facts set or is
 * refused at save time — never a 422 at results time.
 *
 * The save path (POST /admin/schemes, /admin/schemes/:id/versions → domain/schemes/schemes.ts
 * validBody) accepts exactly what checkSchemeBody accepts. Each run edits a preset the way a
 * clerk can in the editor — weights, thresholds, components switched to entered scores, bands
 * added and removed, groups added and removed, quota rules, consequence rules counting rounds,
 * quarters or years — sensible or not, then:
 * - refused ⇒ every problem is a Chinese sentence at a field path, naming that field (never the
 *   probe's catch-all: a refusal the static checks miss is a gap in them);
 * - accepted ⇒ the stored body parses as the Scheme every round reads (roundScheme: else
 *   SCHEME_UNKNOWN), and a programme of rounds on it scores: random complete facts for each
 *   round, with its period, and as history every earlier round's own published result (exactly
 *   what round-facts.ts publishedHistory gives the engine), so consecutive and count rules read
 *   real past rounds. Each round scores in live mode (`list`) and at publication (`refuse`);
 *   its result is publishable (the snapshot's RoundResult schema after JSON) with every
 *   component and the total reported. Thinner live facts (inputs still to enter) score too.
 *
 * The last test shows the property has teeth: with the save-time checks off (fields only) it
 * finds a scheme that breaks at results time.
 */
type Body = Record<string, any>;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

const id = fc.constantFrom('a', 'b', 'x1', 'new_part', 'style_year', 'satisfaction', 'total');
const magnitude = fc.oneof(fc.integer({ min: -10, max: 150 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(1e6, 1e12, 1e300, -1e300));
const unit = fc.constantFrom('round', 'quarter', 'year');
const history = fc.oneof(
  fc.record({ kind: fc.constant('consecutive'), rounds: fc.integer({ min: 1, max: 4 }), mode: fc.constantFrom('atLeast', 'exactly'), unit }),
  fc.record({ kind: fc.constant('count'), atLeast: fc.integer({ min: 1, max: 4 }), window: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), unit }),
);
/** A condition over what a clerk can pick: a component or the total, a band, a place, a share, misconduct. */
const leaf = fc.oneof(
  fc.record({ kind: fc.constant('value'), of: fc.oneof(id, fc.nat()), op: fc.constantFrom('lt', 'lte', 'gt', 'gte', 'eq'), value: magnitude }),
  fc.record({ kind: fc.constant('grade'), in: fc.array(fc.oneof(fc.nat(), id), { minLength: 1, maxLength: 2 }) }),
  fc.record({ kind: fc.constant('rank'), top: fc.integer({ min: 0, max: 8 }) }),
  fc.record({ kind: fc.constant('rankShare'), top: fc.double({ min: -0.2, max: 1.2, noNaN: true }), rounding: fc.option(fc.constantFrom('floor', 'round', 'ceil'), { nil: undefined }), ties: fc.option(fc.constantFrom('include', 'exclude'), { nil: undefined }) }),
  fc.record({ kind: fc.constant('rankFromEnd'), within: fc.integer({ min: 0, max: 5 }), ties: fc.option(fc.constantFrom('include', 'exclude'), { nil: undefined }) }),
  fc.constant({ kind: 'misconduct' }),
);
const condition = fc.oneof({ weight: 3, arbitrary: leaf }, fc.record({ kind: fc.constantFrom('any', 'all'), of: fc.array(leaf, { minLength: 1, maxLength: 3 }) }), fc.record({ kind: fc.constant('not'), of: leaf }));

/** One edit of a scheme body, drawn as data so a failure prints what was done. */
const edit = fc.oneof(
  fc.record({ op: fc.constant('weights' as const), at: fc.nat(), shares: fc.boolean(), weights: fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -5, max: 120 })), { minLength: 1, maxLength: 6 }) }),
  fc.record({ op: fc.constant('threshold' as const), at: fc.nat(), value: magnitude }),
  fc.record({ op: fc.constant('toInput' as const), at: fc.nat(), min: magnitude, max: magnitude, groups: fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), { nil: undefined }) }),
  fc.record({ op: fc.constant('addPart' as const), at: fc.nat(), id, min: fc.integer({ min: -10, max: 100 }), max: fc.integer({ min: -10, max: 150 }), weight: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('dropComponent' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('dropChannel' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('band' as const), at: fc.nat(), min: fc.option(fc.double({ min: -1, max: 120, noNaN: true }), { nil: undefined }) }),
  fc.record({ op: fc.constant('addBand' as const), at: fc.nat(), id: fc.constantFrom('good', 'fair', 'bad', 'satisfied'), min: fc.option(fc.double({ min: -1, max: 120, noNaN: true }), { nil: undefined }) }),
  fc.record({ op: fc.constant('dropBand' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('addGroup' as const), id: fc.constantFrom('g1', 'g2', 'enforcement'), byGroup: fc.boolean() }),
  fc.record({ op: fc.constant('dropGroup' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('quota' as const), share: fc.double({ min: -0.5, max: 1.5, noNaN: true }), rounding: fc.constantFrom('floor', 'round', 'ceil', 'nope'), best: fc.constantFrom('include', 'exclude'), worst: fc.constantFrom('include', 'exclude') }),
  fc.record({ op: fc.constant('rankTop' as const), at: fc.nat(), top: fc.oneof(fc.integer({ min: -2, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true })) }),
  fc.record({ op: fc.constant('direction' as const), direction: fc.constantFrom('best-first', 'worst-first'), higherIs: fc.constantFrom('better', 'worse') }),
  fc.record({ op: fc.constant('addRule' as const), id: fc.constantFrom('r-new', 'r-two', 'ganquan-praise'), when: condition, history: fc.option(history, { nil: undefined }), groups: fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), { nil: undefined }), deduction: fc.boolean() }),
  fc.record({ op: fc.constant('ruleHistory' as const), at: fc.nat(), history: fc.option(history, { nil: undefined }) }),
  fc.record({ op: fc.constant('dropRule' as const), at: fc.nat() }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

const pick = (list: Body[] | undefined, at: number): Body | undefined => (list && list.length ? list[at % list.length] : undefined);
/** A number drawn for an id slot names an existing entry (what the editor's pickers offer). */
const ref = (x: unknown, ids: string[]): unknown => (typeof x === 'number' ? (ids.length ? ids[x % ids.length] : 'none') : x);

function resolveRefs(c: any, body: Body): any {
  const comps = body.components.map((x: Body) => x.id);
  const bands = (body.grades?.bands ?? []).map((b: Body) => b.id);
  if (c.kind === 'value') return { ...c, of: ref(c.of, [...comps, 'total']) };
  if (c.kind === 'grade') return { ...c, in: c.in.map((g: unknown) => ref(g, bands)) };
  if (c.kind === 'any' || c.kind === 'all') return { ...c, of: c.of.map((x: any) => resolveRefs(x, body)) };
  if (c.kind === 'not') return { ...c, of: resolveRefs(c.of, body) };
  return JSON.parse(JSON.stringify(c)); // drops undefined options
}

function apply(body: Body, e: Edit): void {
  const groupIds = (body.groups ?? []).map((g: Body) => g.id);
  switch (e.op) {
    case 'weights': {
      const c = pick(body.components.filter((x: Body) => x.kind === 'weighted'), e.at);
      if (!c) return;
      const raw = c.parts.map((_: Body, i: number) => Math.abs(e.weights[i % e.weights.length]!));
      const sum = raw.reduce((a: number, b: number) => a + b, 0);
      // Half the time weights a clerk rebalanced to 100%, half the time whatever was typed.
      c.parts = c.parts.map((p: Body, i: number) => ({ ...p, weight: e.shares && sum > 0 ? raw[i] / sum : e.weights[i % e.weights.length] }));
      return;
    }
    case 'threshold': {
      const r = pick(body.rules.filter((x: Body) => x.when?.kind === 'value'), e.at);
      if (r) r.when.value = e.value;
      return;
    }
    case 'toInput': {
      const i = e.at % body.components.length;
      const c = body.components[i];
      if (c.kind !== 'weighted') body.components[i] = { kind: 'input', id: c.id, label: c.label, min: e.min, max: e.max, ...(e.groups ? { groups: e.groups.map((g) => ref(g, groupIds)) } : {}) };
      return;
    }
    case 'addPart': {
      // A new entered score, and a part of a weighted component listed after it.
      const w = pick(body.components.filter((x: Body) => x.kind === 'weighted'), e.at);
      const at = w ? body.components.indexOf(w) : body.components.length;
      body.components.splice(at, 0, { kind: 'input', id: e.id, label: `新分项${e.id}`, min: e.min, max: e.max });
      if (w) w.parts.push({ component: e.id, weight: e.weight });
      return;
    }
    case 'dropComponent':
      body.components.splice(e.at % body.components.length, 1);
      return;
    case 'dropChannel':
      body.channels.splice(e.at % body.channels.length, 1);
      return;
    case 'band': {
      const b = pick(body.grades?.bands as Body[] | undefined, e.at);
      if (b) {
        if (e.min === undefined) delete b.min;
        else b.min = e.min;
      }
      return;
    }
    case 'addBand':
      if (body.grades) body.grades.bands.splice(e.at % (body.grades.bands.length + 1), 0, { id: e.id, label: `等次${e.id}`, ...(e.min === undefined ? {} : { min: e.min }) });
      return;
    case 'dropBand':
      if (body.grades) body.grades.bands.splice(e.at % body.grades.bands.length, 1);
      return;
    case 'addGroup': {
      body.groups = [...(body.groups ?? []), { id: e.id, label: `组别${e.id}` }];
      const w = body.components.find((x: Body) => x.kind === 'weighted');
      if (e.byGroup && w) w.byGroup = { ...(w.byGroup ?? {}), [e.id]: clone(w.parts) };
      return;
    }
    case 'dropGroup':
      if (body.groups?.length) body.groups.splice(e.at % body.groups.length, 1);
      return;
    case 'quota':
      if (body.ranking) body.ranking.quota = { rounding: e.rounding, ties: { best: e.best, worst: e.worst } };
      for (const r of body.rules) if (r.when?.kind === 'rankShare') r.when.top = e.share;
      return;
    case 'rankTop': {
      const r = pick(body.rules.filter((x: Body) => x.when?.kind === 'rank' || x.when?.kind === 'rankFromEnd'), e.at);
      if (r) r.when[r.when.kind === 'rank' ? 'top' : 'within'] = e.top;
      return;
    }
    case 'direction':
      if (body.ranking) Object.assign(body.ranking, { direction: e.direction, higherIs: e.higherIs });
      return;
    case 'addRule':
      body.rules.push({
        id: e.id,
        label: '新规则',
        text: '按新规则处理',
        when: resolveRefs(e.when, body),
        ...(e.history ? { history: clone(e.history) } : {}),
        ...(e.groups ? { groups: e.groups.map((g) => ref(g, groupIds)) } : {}),
        ...(e.deduction ? { deductionByRank: [2, 1] } : {}),
      });
      return;
    case 'ruleHistory': {
      const r = pick(body.rules as Body[], e.at);
      if (!r) return;
      if (e.history) r.history = clone(e.history);
      else delete r.history;
      return;
    }
    case 'dropRule':
      if (body.rules.length) body.rules.splice(e.at % body.rules.length, 1);
      return;
  }
}

/** How a programme's rounds follow one another: their period kind, the first one, and gaps. */
const programme = fc.record({
  kind: fc.constantFrom('quarter', 'year', 'month', 'half'),
  yearStartMonth: fc.constantFrom(1, 7),
  first: fc.integer({ min: 0, max: 7 }),
  steps: fc.array(fc.constantFrom(1, 1, 1, 2), { minLength: 1, maxLength: 4 }),
  seed: fc.integer({ min: PROBE_SEEDS + 1, max: 2 ** 31 - 1 }),
});
type Programme = typeof programme extends fc.Arbitrary<infer T> ? T : never;

const iso = (y: number, m: number, d: number): string => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const lastDay = (y: number, m: number): string => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);

/** The n-th period of the programme's kind from 2020: whole quarters, programme years, months, halves. */
function periodAt(kind: Programme['kind'], yearStartMonth: number, n: number): RoundPeriod {
  const months = { month: 1, quarter: 3, half: 6, year: 12 }[kind];
  const startMonth = kind === 'year' ? yearStartMonth : 1;
  const from = 2020 * 12 + (startMonth - 1) + n * months;
  const to = from + months - 1;
  return { kind, start: iso(Math.floor(from / 12), (from % 12) + 1, 1), end: lastDay(Math.floor(to / 12), (to % 12) + 1) };
}

type Scored = { roundId: string; result: RoundResult };

/**
 * Scores a programme of rounds on the scheme, oldest first, each with the earlier ones' published
 * results as history. Throws (fails the property) on any scoring error or unpublishable result.
 */
function scoreProgramme(scheme: Scheme, p: Programme): Scored[] {
  const done: Array<{ round: PastRound; result: RoundResult }> = [];
  let n = p.first;
  p.steps.forEach((step, i) => {
    n += step;
    const roundId = `r${i + 1}`;
    const period = periodAt(p.kind, p.yearStartMonth, n);
    const history = done.map((d) => d.round);
    const complete: RoundFactsInput = { ...probeFacts(scheme, p.seed + i, { complete: true }), roundId, period, yearStartMonth: p.yearStartMonth, history };
    const published = scoreRound(scheme, complete, { incomplete: 'refuse' });
    publishable(scheme, published);
    if (i === p.steps.length - 1) {
      // Live results: the same facts read alike, and facts with entry still under way (inputs,
      // served or present left out) read too.
      expect(scoreRound(scheme, complete, { incomplete: 'list' })).toEqual(published);
      const thin: RoundFactsInput = { ...probeFacts(scheme, p.seed + 1000 + i), roundId, period, yearStartMonth: p.yearStartMonth, history };
      publishable(scheme, scoreRound(scheme, thin, { incomplete: 'list' }));
    }
    done.push({ round: { roundId, period, targets: pastTargetsOf(published.targets) }, result: published });
  });
  return done.map((d) => ({ roundId: d.round.roundId, result: d.result }));
}

/** What a publication stores and the next round reads back: the result through JSON and its schema. */
function publishable(scheme: Scheme, result: RoundResult): void {
  const back = RoundResult.safeParse(JSON.parse(JSON.stringify(result)));
  if (!back.success) throw new Error(`result not publishable: ${back.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  for (const t of result.targets) {
    for (const c of scheme.components) if (!t.components[c.id]) throw new Error(`${t.targetId}: component ${c.id} not reported`);
    if (!t.components[scheme.total]) throw new Error(`${t.targetId}: no total`);
  }
}

/** A refusal names its field: a path into the body, and the entry's name (or id) in the sentence. */
function namesField(body: Body, p: SchemeProblem): boolean {
  if (!/[\u4e00-\u9fff]/.test(p.message) || !p.path || p.path.startsWith('(')) return false;
  const [head, key] = p.path.split('.');
  const entries: Record<string, Body[] | undefined> = { components: body.components, rules: body.rules, groups: body.groups };
  const entry = head && key && Array.isArray(entries[head]) ? entries[head]!.find((x) => x?.id === key) : undefined;
  return !entry || [entry.label, entry.id].some((n) => typeof n === 'string' && p.message.includes(n));
}

type Check = (body: Body) => { scheme?: Scheme; problems: SchemeProblem[] };
type Tally = { accepted: number; refused: number; historyRulesFired: number; rounds: number };

/** The property, for a given save-time check. */
function property(check: Check, tally: Tally) {
  return fc.property(fc.constantFrom(...SCHEME_PRESET_IDS), fc.array(edit, { minLength: 1, maxLength: 5 }), programme, (presetId, edits, p) => {
    const body = clone(getSchemePreset(presetId)!) as Body;
    for (const e of edits) apply(body, e);
    const { scheme, problems } = check(body);
    if (!scheme) {
      tally.refused++;
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) if (!namesField(body, problem)) throw new Error(`refusal does not name its field: ${JSON.stringify(problem)}`);
      return;
    }
    tally.accepted++;
    // Stored as JSON; every round reads it back through the full Scheme (else SCHEME_UNKNOWN).
    const stored = Scheme.safeParse(JSON.parse(JSON.stringify(scheme)));
    if (!stored.success) throw new Error(`stored body is not a scheme: ${stored.error.issues.slice(0, 3).map((i) => i.message).join('; ')}`);
    const rounds = scoreProgramme(stored.data, p);
    tally.rounds += rounds.length;
    tally.historyRulesFired += rounds.flatMap((r) => r.result.targets.flatMap((t) => t.consequences.filter((c) => (c.rounds?.length ?? 0) > 1))).length;
  });
}

describe('a scheme the save path accepts is one every round can score', () => {
  it('edited presets: refused naming the field, or every round of a programme scores, history included', () => {
    const tally: Tally = { accepted: 0, refused: 0, historyRulesFired: 0, rounds: 0 };
    fc.assert(property(checkSchemeBody, tally), { numRuns: 80, seed: 16, endOnFailure: true });
    // Both sides were exercised, and history rules really read past rounds (not only the first).
    expect(tally.accepted).toBeGreaterThan(20);
    expect(tally.refused).toBeGreaterThan(20);
    expect(tally.historyRulesFired).toBeGreaterThan(0);
  });

  it('finds a scheme that breaks at results time when the save-time checks are off (fields only)', () => {
    const fieldsOnly: Check = (body) => {
      const parsed = SchemeShape.safeParse(body);
      return parsed.success ? { scheme: parsed.data, problems: [] } : { problems: [{ path: 'name', message: '字段有误' }] };
    };
    const tally: Tally = { accepted: 0, refused: 0, historyRulesFired: 0, rounds: 0 };
    const out = fc.check(property(fieldsOnly, tally), { numRuns: 80, seed: 16 });
    // e.g. a history rule that also deducts by rank: fields-valid, but every round refuses the
    // stored body (roundScheme → SCHEME_UNKNOWN).
    expect(out.failed).toBe(true);
  });

  it('every preset itself is accepted unchanged', () => {
    for (const presetId of SCHEME_PRESET_IDS) expect([presetId, checkSchemeBody(getSchemePreset(presetId)).problems]).toEqual([presetId, []]);
  });
});
