import { AppError } from '@shared/errors';
import type { Ballot } from '@shared/model/ballot';
import { thresholdsFor } from '@shared/review/flag-thresholds';
import { FLAG_KIND_LABELS, type FlagDecisionRequest, type FlagView, type RoundFlagsResponse, type TargetFlagSummary } from '@shared/api/flags';
import type { FlagDecision, StoredVoid } from '../../ports';
import type { Deps } from '../deps';
import { getRoundOrThrow } from '../rounds-admin';
import { auditEntry, requireReviewable, voidLoaded } from '../review';
import { detectFlags, type DetectedFlag } from './detectors';

/**
 * Review of stuffing flags. Flags are recomputed from the ballot log each time (detectors.ts):
 * nothing is stored until a supervisor decides, and a decision stores the flag as it was (its
 * ballots, span, reason) beside its audit line. Excluding reuses the void mechanism — each
 * ballot gets a void record and a `void_ballot` audit line naming the flag — so results and the
 * recount need nothing new: results = counters − voids.
 */
interface Log {
  ballots: Map<string, Ballot>;
  voids: Map<string, StoredVoid>;
  decisions: Map<string, FlagDecision>;
  detected: DetectedFlag[];
}

async function readLog(deps: Deps, roundId: string): Promise<Log & { round: Awaited<ReturnType<typeof getRoundOrThrow>> }> {
  const round = await getRoundOrThrow(deps, roundId);
  const [ballots, voids, decisions] = await Promise.all([
    (async () => {
      const out: Ballot[] = [];
      for await (const b of deps.store.ballots.listBallots(roundId, round.tallyShards)) out.push(b);
      return out;
    })(),
    deps.store.review.listVoids(roundId),
    deps.store.review.listFlagDecisions(roundId),
  ]);
  return {
    round,
    ballots: new Map(ballots.map((b) => [b.ballotId, b])),
    voids: new Map(voids.map((v) => [v.ballotId, v])),
    decisions: new Map(decisions.map((d) => [d.flagId, d])),
    detected: detectFlags(ballots, thresholdsFor(round.flagThresholds)),
  };
}

/** A round's flags (detected now, and decided earlier), and per target how many ballots are flagged. O(ballots): a review read. */
export async function roundFlags(deps: Deps, roundId: string): Promise<RoundFlagsResponse> {
  const log = await readLog(deps, roundId);
  const detectedIds = new Set(log.detected.map((f) => f.flagId));
  const decidedOnly = [...log.decisions.values()].filter((d) => !detectedIds.has(d.flagId));
  const flags = [...log.detected, ...decidedOnly].map((f) => view(log, f, detectedIds.has(f.flagId)));
  flags.sort((a, b) => a.from.localeCompare(b.from) || a.flagId.localeCompare(b.flagId));
  return { roundId, thresholds: thresholdsFor(log.round.flagThresholds), flags, targets: summarise(log, flags) };
}

/**
 * The flags that still wait for a decision — pending, or an exclusion a crash interrupted — each
 * with its ballots the results still count (not voided). The publication gate's input.
 */
export async function undecidedFlags(deps: Deps, roundId: string): Promise<Array<{ flag: FlagView; counted: Ballot[] }>> {
  const log = await readLog(deps, roundId);
  const decided = new Set(log.decisions.keys());
  return log.detected
    .map((f) => view(log, f, true))
    .filter((f) => !decided.has(f.flagId) || (f.status === 'excluded' && f.ballots.some((b) => !b.voided)))
    .map((flag) => ({ flag, counted: flag.ballots.filter((b) => !b.voided).flatMap((b) => log.ballots.get(b.ballotId) ?? []) }));
}

/**
 * Records a supervisor's decision on a flag, with a reason. `exclude` then voids each of the
 * flag's ballots (those not voided already). Repeating the same decision resumes an exclusion a
 * crash interrupted and changes nothing else; a different decision is FLAG_ALREADY_DECIDED.
 */
export async function decideFlag(deps: Deps, actor: string, roundId: string, flagId: string, req: FlagDecisionRequest): Promise<{ flag: FlagView; created: boolean }> {
  const log = await readLog(deps, roundId);
  requireReviewable(log.round);
  const scheme = (await deps.schemes(log.round));
  if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: log.round.schemeId });
  let decision = log.decisions.get(flagId);
  let created = false;
  if (!decision) {
    const flag = log.detected.find((f) => f.flagId === flagId);
    if (!flag) throw new AppError('FLAG_NOT_FOUND', { roundId, flagId });
    const fresh: FlagDecision = { ...flag, decision: req.decision, reason: req.reason, decidedAt: deps.clock.now().toISOString(), decidedBy: actor };
    const details = { flagId, kind: flag.kind, decision: req.decision, ballots: flag.ballotIds.length, places: flag.places };
    try {
      await deps.store.review.putFlagDecision(roundId, fresh, auditEntry(deps, roundId, actor, 'flag_decision', req.reason, details));
      decision = fresh;
      created = true;
    } catch (e) {
      // Another supervisor decided this flag between our read and our write: theirs stands.
      if (!(e instanceof AppError && e.code === 'FLAG_ALREADY_DECIDED')) throw e;
      decision = (await deps.store.review.listFlagDecisions(roundId)).find((d) => d.flagId === flagId);
      if (!decision) throw e;
    }
    log.decisions.set(flagId, decision);
  }
  if (decision.decision !== req.decision) throw new AppError('FLAG_ALREADY_DECIDED', { flagId, decision: decision.decision });
  if (decision.decision === 'exclude') {
    const reason = `${FLAG_KIND_LABELS[decision.kind]}（${flagId}）：${decision.reason}`;
    const todo = decision.ballotIds.filter((id) => !log.voids.has(id)).map((id) => log.ballots.get(id)).filter((b): b is Ballot => b !== undefined);
    // A few at a time: each void is its own small transaction with its audit line.
    for (let i = 0; i < todo.length; i += 8) {
      const voided = await Promise.all(todo.slice(i, i + 8).map((b) => voidLoaded(deps, actor, scheme, b, reason, { flagId }).catch(alreadyVoided)));
      for (const v of voided) if (v) log.voids.set(v.ballotId, v);
    }
  }
  const detected = log.detected.find((f) => f.flagId === flagId);
  return { flag: view(log, detected ?? decision, detected !== undefined), created };
}

/** A ballot voided meanwhile (by hand, or a concurrent identical decision) is already out of the results. */
function alreadyVoided(e: unknown): undefined {
  if (e instanceof AppError && e.code === 'BALLOT_ALREADY_VOIDED') return undefined;
  throw e;
}

function view(log: Log, f: DetectedFlag | FlagDecision, detected: boolean): FlagView {
  const d = log.decisions.get(f.flagId);
  // A decided flag shows the ballots decided on, even if the log would now give another set.
  const ids = d?.ballotIds ?? f.ballotIds;
  return {
    flagId: f.flagId,
    kind: f.kind,
    label: FLAG_KIND_LABELS[f.kind],
    detail: (d ?? f).detail,
    places: (d ?? f).places,
    from: (d ?? f).from,
    to: (d ?? f).to,
    ...((d ?? f).comment !== undefined ? { comment: (d ?? f).comment } : {}),
    status: !d ? 'pending' : d.decision === 'keep' ? 'kept' : 'excluded',
    ...(d ? { decision: { decision: d.decision, reason: d.reason, decidedAt: d.decidedAt, decidedBy: d.decidedBy } } : {}),
    detected,
    ballots: ids.flatMap((id) => {
      const b = log.ballots.get(id);
      return b ? [{ ballotId: b.ballotId, receiptId: b.receiptId, targetId: b.targetId, ...(b.windowId ? { windowId: b.windowId } : {}), channel: b.channel, receivedAt: b.receivedAt, voided: log.voids.has(id) }] : [];
    }),
  };
}

/**
 * Per target, counting each ballot once however many flags hold it: voided → excluded (out of
 * the results); else in any flag not kept → pending; else (all its flags kept) → kept.
 */
function summarise(log: Log, flags: FlagView[]): TargetFlagSummary[] {
  const state = new Map<string, 'pending' | 'kept'>();
  for (const f of flags) {
    // An exclusion a crash interrupted leaves unvoided ballots: still to be decided, in effect.
    const s = f.status === 'kept' ? 'kept' : 'pending';
    for (const b of f.ballots) if (s === 'pending' || !state.has(b.ballotId)) state.set(b.ballotId, s);
  }
  const out = new Map<string, TargetFlagSummary>();
  for (const b of log.ballots.values()) {
    const t = out.get(b.targetId) ?? { targetId: b.targetId, ballots: 0, counted: 0, flagged: 0, pending: 0, kept: 0, excluded: 0 };
    out.set(b.targetId, t);
    t.ballots += 1;
    const voided = log.voids.has(b.ballotId);
    if (!voided) t.counted += 1;
    const s = state.get(b.ballotId);
    if (s === undefined) continue;
    t.flagged += 1;
    if (voided) t.excluded += 1;
    else t[s] += 1;
  }
  return [...out.values()].sort((a, b) => a.targetId.localeCompare(b.targetId));
}
