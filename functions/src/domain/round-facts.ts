import { AppError } from '@shared/errors';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { ChannelTally, TargetTally } from '@shared/api/results';
import { Scheme, pastTargetsOf, type PastRound, type RoundFactsInput, type RoundPeriod } from '@shared/scoring';
import { Snapshot, type MisconductRecord } from '@shared/publication/snapshot';
import { deductionRecords, DEDUCTION_KINDS, type DeductionKind } from '@shared/rectification/deductions';
import type { ChannelKind } from '@shared/model/channel';
import type { Deps } from './deps';
import type { StoredVoid } from '../ports';
import type { TargetInputs } from './target-inputs/port';
import { listTargetInputs } from './target-inputs/read-inputs';
import { tallyState, type TallyRead, type TallyState } from './tallies';
import { nodesOfKind } from './tally-cache/cache';
import { groupOf } from './groups';
import { isHistoryCandidate, programmeHistory, type HistoryRound } from './programmes/history';
import { returnRateChannels, roundReturnCounts, type ReturnCounts } from './paper/return-rate';

/**
 * Everything the engine is given for a round, gathered from the store:
 * - ballot tallies from the counter shards, minus the cells of voided ballots;
 * - supervisor-entered facts (served, inputs, imported channel tallies, records, misconduct,
 *   representatives present); an imported tally for a channel that also has ballots is left out
 *   and returned in `clashes` (the results list it on the target, publication waits for it);
 * - verified misconduct records (each adds one to `misconduct`);
 * - rectification records from the ledger (tasks due in the round's period), when the scheme has
 *   a deduction component for them;
 * - `history`: the latest published version of every earlier published round of the same
 *   programme, with its period (programmes/history.ts); unpublished and cancelled rounds are
 *   skipped, and the engine sees the gap their periods leave;
 * - `period` and `yearStartMonth` (from the programme) for rules that count quarters or years.
 * The result is frozen into a publication, so it must be complete and deterministic
 * (publication reads the counters `fresh`, never a remembered answer: tallies.ts).
 */
/** The scoring scheme a round runs on (the version it pins); SCHEME_UNKNOWN when it has none the engine can score. */
export async function roundScheme(deps: Deps, round: Round): Promise<Scheme> {
  const parsed = Scheme.safeParse(await deps.schemes(round));
  if (!parsed.success) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId, reason: 'not a scoring scheme' });
  return parsed.data;
}

/**
 * What the engine's facts are made of, as read from the store. Not `fresh`: the tallies and the
 * node lists are the containers' remembered ones while their versions stand still (tallies.ts,
 * tally-cache/), everything else is read on every call.
 */
export interface RoundSources {
  round: Round;
  scheme: Scheme;
  tallies: TallyState;
  nodes: readonly OrgNode[];
  categories: readonly OrgNode[];
  /** Both node lists are the org memory's own (see TallyState.remembered). */
  nodesRemembered: boolean;
  entered: TargetInputs[];
  voids: StoredVoid[];
  misconduct: MisconductRecord[];
  /** Per target: forms issued and returned, for schemes with a return rate (paper/return-rate.ts). */
  forms: Map<string, ReturnCounts>;
  ledger: Map<string, Partial<Record<DeductionKind, number>>>;
  history: PastRound[];
  period: RoundPeriod;
  yearStartMonth: number;
}

export async function roundSources(deps: Deps, roundId: string, read: TallyRead = {}): Promise<RoundSources> {
  const tallies = await tallyState(deps, roundId, read);
  const { round } = tallies;
  const scheme = await roundScheme(deps, round);
  const nodeList = (kind: OrgNode['kind']) => (read.fresh ? deps.store.org.listNodesOfKind(kind).then((nodes) => ({ nodes, complete: false })) : nodesOfKind(deps.store, kind, tallies.nodeCounts[kind]));
  const rateChannels = returnRateChannels(scheme);
  const [nodes, categories, entered, voids, misconduct, forms, ledger, history, periods] = await Promise.all([
    // Only the round's level: a section round need not read every window.
    nodeList(round.targetKind),
    // Categories name the groups of schemes that declare none (a county's own 组别).
    nodeList('category'),
    listTargetInputs(deps, roundId),
    deps.store.review.listVoids(roundId),
    deps.store.review.listMisconduct(roundId),
    // 回收率 = forms returned ÷ forms issued (domain/paper/return-rate.ts, the paper page's own
    // numbers): a round that issues forms reads both from its serials, never from a hand-typed
    // 服务人次, and a window's own QR ballots are opinions, not returned forms.
    rateChannels.length > 0 ? roundReturnCounts(deps, roundId, rateChannels) : new Map<string, ReturnCounts>(),
    // The ledger's deductions depend on the day (a task overdue today): computed on every read.
    ledgerRecords(scheme) ? deps.store.tasks.listTasks({}).then((tasks) => deductionRecords(tasks, round.period, deps.clock.now())) : Promise.resolve(new Map()),
    publishedHistory(deps, round),
    periodFacts(deps, round),
  ]);
  return {
    round,
    scheme,
    tallies,
    nodes: nodes.nodes,
    categories: categories.nodes,
    nodesRemembered: nodes.complete && categories.complete,
    entered,
    voids,
    misconduct,
    forms,
    ledger,
    history,
    ...periods,
  };
}

export async function roundFacts(deps: Deps, roundId: string, read: TallyRead = {}): Promise<{ round: Round; scheme: Scheme; facts: RoundFactsInput; voids: StoredVoid[]; clashes: Map<string, ChannelKind[]> }> {
  return composeFacts(await roundSources(deps, roundId, read));
}

/** The engine's facts from what was read (pure: the same sources always make the same facts). */
export function composeFacts(src: RoundSources): { round: Round; scheme: Scheme; facts: RoundFactsInput; voids: StoredVoid[]; clashes: Map<string, ChannelKind[]> } {
  const { round, scheme, entered, voids, misconduct, forms, ledger } = src;
  const roundId = round.id;
  const nodes = new Map(src.nodes.map((n) => [n.id, n]));
  const enteredBy = new Map(entered.map((i) => [i.targetId, i]));
  const misconductBy = count(misconduct.map((m) => m.targetId));
  const clashes = new Map<string, ChannelKind[]>();
  const targets = src.tallies.targets.map((t) => {
    const input = enteredBy.get(t.targetId);
    const records = addCounts(input?.records ?? {}, ledger.get(t.targetId) ?? {});
    const facts = targetFacts(round, scheme, t, nodes.get(t.targetId), voids);
    // An imported tally (电话测评 …) never silently replaces or adds to sheets that came in as
    // ballots: the ballots count, the tally is left out and listed on the target (待更正).
    const clash = (Object.keys(input?.channels ?? {}) as ChannelKind[]).filter((ch) => (facts.channels[ch]?.ballots ?? 0) > 0);
    if (clash.length > 0) clashes.set(t.targetId, clash);
    const imported = Object.fromEntries(Object.entries(input?.channels ?? {}).filter(([ch]) => !clash.includes(ch as ChannelKind)));
    return {
      ...facts,
      channels: { ...facts.channels, ...imported },
      ...enteredFacts(input),
      ...(forms.has(t.targetId) ? { served: forms.get(t.targetId)!.issued, returned: forms.get(t.targetId)!.returned } : {}),
      ...(Object.keys(records).length > 0 ? { records } : {}),
      ...(input?.misconduct !== undefined || misconductBy.has(t.targetId) ? { misconduct: (input?.misconduct ?? 0) + (misconductBy.get(t.targetId) ?? 0) } : {}),
    };
  });
  const groupLabels = Object.fromEntries(src.categories.filter((c) => targets.some((t) => t.group === c.id)).map((c) => [c.id, c.name]));
  const periods = { period: src.period, yearStartMonth: src.yearStartMonth };
  return { round, scheme, facts: { roundId, targets, history: src.history, ...periods, ...(Object.keys(groupLabels).length ? { groupLabels } : {}) }, voids, clashes };
}

/** Whether the scheme deducts for rectification records the ledger counts (效能办 整改情况). */
function ledgerRecords(scheme: Scheme): boolean {
  return scheme.components.some((c) => c.kind === 'deduction' && DEDUCTION_KINDS.some((k) => k in c.per));
}

/**
 * The programme's earlier published rounds, each as its latest published version's results
 * under the targets' current identities (programmes/history.ts decides which rounds and how;
 * this only reads them). Snapshots are read only for the rounds that can be history.
 */
export async function publishedHistory(deps: Deps, round: Round): Promise<PastRound[]> {
  const current = { id: round.id, programmeId: round.programmeId, period: round.period };
  const [rounds, links] = await Promise.all([deps.store.rounds.listRounds(), deps.store.programmes.listLinks(round.programmeId)]);
  const found = await Promise.all(
    rounds
      .filter((r) => isHistoryCandidate(current, r))
      .map(async (r): Promise<HistoryRound | undefined> => {
        const pub = await deps.store.publications.latest(r.id);
        return pub && { id: r.id, programmeId: r.programmeId, status: r.status, period: r.period, published: publishedRows(pub.body) };
      }),
  );
  return programmeHistory(current, found.filter((c): c is HistoryRound => c !== undefined), links);
}

/**
 * What history needs of a published snapshot, parsed once per body: every results read reads
 * the programme's history, and parsing a 1,000-target snapshot each time would cost more than
 * the rest of the read. Keyed by the body itself, so a body that changed is parsed again.
 */
const parsedBodies = new Map<string, NonNullable<HistoryRound['published']>>();
const MAX_PARSED_BODIES = 8;

function publishedRows(body: string): NonNullable<HistoryRound['published']> {
  const hit = parsedBodies.get(body);
  if (hit) return hit;
  // The same rows the property test feeds back as history (shared/scoring/history.ts), frozen: shared by every read.
  const rows = pastTargetsOf(Snapshot.parse(JSON.parse(body)).results.targets).map((t) => Object.freeze(t));
  parsedBodies.set(body, rows);
  if (parsedBodies.size > MAX_PARSED_BODIES) parsedBodies.delete(parsedBodies.keys().next().value!);
  return rows;
}

/** The period the engine reads (`label` is for people) and the programme year's first month. */
async function periodFacts(deps: Deps, round: Round): Promise<{ period: RoundPeriod; yearStartMonth: number }> {
  const programme = await deps.store.programmes.getProgramme(round.programmeId);
  return { period: { kind: round.period.kind, start: round.period.start, end: round.period.end }, yearStartMonth: programme?.yearStartMonth ?? 1 };
}

/** The engine's period of a round (rules counting quarters or years read it); the label stays out. */
function periodOf(r: Round): PastRound['period'] {
  return { kind: r.period.kind, start: r.period.start, end: r.period.end };
}

function targetFacts(round: Round, scheme: Scheme, tally: TargetTally, node: OrgNode | undefined, voids: StoredVoid[]) {
  return {
    targetId: tally.targetId,
    name: tally.targetName,
    group: groupOf(round, node) ?? tally.categoryId,
    // Same fallback as the ballot form: a formKey the scheme lacks means its default form.
    ...(node?.formKey && scheme.forms[node.formKey] ? { formKey: node.formKey } : {}),
    channels: withoutVoids(tally.channels, voids.filter((v) => v.targetId === tally.targetId)),
  };
}

/** The tallies less the voided ballots' cells: the counters themselves are never rewritten. */
export function withoutVoids(channels: Partial<Record<ChannelKind, ChannelTally>>, voids: StoredVoid[]): Partial<Record<ChannelKind, ChannelTally>> {
  if (voids.length === 0) return channels;
  const out: Partial<Record<ChannelKind, ChannelTally>> = structuredClone(channels);
  for (const v of voids) {
    const t = out[v.channel as ChannelKind];
    if (!t) continue;
    t.ballots -= 1;
    for (const [item, option] of v.cells) {
      const cell = t.answers[item];
      if (cell && cell[option] !== undefined) cell[option] -= 1;
    }
  }
  return out;
}

function enteredFacts(t: TargetInputs | undefined) {
  if (!t) return {};
  return {
    ...(t.served !== undefined ? { served: t.served } : {}),
    ...(t.inputs ? { inputs: t.inputs } : {}),
    ...(t.present ? { present: t.present } : {}),
  };
}

function count(ids: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}

function addCounts(a: Record<string, number>, b: Record<string, number | undefined>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) if (v) out[k] = (out[k] ?? 0) + v;
  return out;
}
