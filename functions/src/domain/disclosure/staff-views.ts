import type { TalliesResponse } from '@shared/api/results';
import type { ReturnRateResponse } from '@shared/api/panels';
import type { NodeId } from '@shared/model/ids';
import type { Round } from '@shared/model/round';
import type { RoundResult } from '@shared/scoring';
import { cstDay, staffOrder, staffPhase, type StaffPhase } from '@shared/privacy/disclosure';
import { scrubComment } from '@shared/privacy/scrub';
import type { Deps } from '../deps';
import type { Session } from '../sessions';
import type { StaffComment } from '../../ports';
import { getRoundOrThrow } from '../rounds-admin';
import { roundTallies } from '../tallies';
import { roundFacts, withoutVoids } from '../round-facts';
import { roundResults, score } from '../results';
import { scopeResults, scopeReturnRate, scopeTallies } from '../scope';
import { ballotsOf, disclosedBatches, MAX_COMMENTS, notVoided } from './batches';
import type { CommentRecord } from './port';

/**
 * The round as a session may see it (shared/privacy/disclosure.ts). The office sees it live;
 * staff see their own unit's targets, in full once the round is closed, while open only as of
 * their targets' last batch of ≥ k ballots (or nothing, when the round says k = 0), with voided
 * ballots left out and no time finer than a day.
 */
const phaseFor = (session: Session, round: Round): StaffPhase => (session.role === 'staff' ? staffPhase(round) : { phase: 'final' });

/**
 * Staff reads of a round still taking ballots read the counters fresh: a remembered answer is
 * faster, and the speed of an answer must not tell staff that a ballot just arrived.
 */
const readFor = (phase: StaffPhase) => ({ fresh: phase.phase !== 'final' });

export async function talliesFor(deps: Deps, session: Session, roundId: string): Promise<TalliesResponse> {
  if (session.role !== 'staff') return roundTallies(deps, roundId);
  const round = await getRoundOrThrow(deps, roundId);
  const phase = staffPhase(round);
  const live = await roundTallies(deps, roundId, readFor(phase));
  const scoped = await scopeTallies(deps, session, live);
  const voids = await deps.store.review.listVoids(roundId);
  const batches = phase.phase === 'batched' ? await disclosedBatches(deps, round, phase.k, live, scoped.targets.map((t) => t.targetId), voids) : undefined;
  return {
    roundId,
    // A day, not an instant: the answer says nothing of when it was taken.
    computedAt: cstDay(deps.clock.now().toISOString()),
    targets: scoped.targets.map((t) => ({
      ...t,
      channels: phase.phase === 'final' ? withoutVoids(t.channels, voids.filter((v) => v.targetId === t.targetId)) : (batches?.get(t.targetId)?.channels ?? {}),
    })),
  };
}

export async function resultsFor(deps: Deps, session: Session, roundId: string): Promise<RoundResult> {
  const round = await getRoundOrThrow(deps, roundId);
  const phase = phaseFor(session, round);
  if (phase.phase === 'final') return scopeResults(deps, session, await roundResults(deps, roundId));
  // Open round, staff: the engine runs on every target's disclosed batch (ranks compare like
  // with like); channels the office entered as counts (电话测评 …) are not ballots and stay.
  const [{ scheme, facts }, live, voids] = await Promise.all([roundFacts(deps, roundId, readFor(phase)), roundTallies(deps, roundId, readFor(phase)), deps.store.review.listVoids(roundId)]);
  const batches = phase.phase === 'batched' ? await disclosedBatches(deps, round, phase.k, live, live.targets.map((t) => t.targetId), voids) : new Map();
  const liveBy = new Map(live.targets.map((t) => [t.targetId, t.channels]));
  const targets = facts.targets.map((t) => {
    const counted = liveBy.get(t.targetId) ?? {};
    const entered = Object.fromEntries(Object.entries(t.channels ?? {}).filter(([ch]) => ballotsOf({ [ch]: counted[ch as keyof typeof counted] }) === 0));
    return { ...t, channels: { ...entered, ...(batches.get(t.targetId)?.channels ?? {}) } };
  });
  return scopeResults(deps, session, score(scheme, { ...facts, targets }));
}

/** Comments on one target, scrubbed (again, with today's scrubber), day only, in an order that is not arrival order. */
export async function commentsFor(deps: Deps, session: Session, round: Round, targetId: NodeId): Promise<StaffComment[]> {
  const phase = phaseFor(session, round);
  if (phase.phase === 'withheld') return [];
  const voids = await deps.store.review.listVoids(round.id);
  const records: CommentRecord[] =
    phase.phase === 'final'
      ? await deps.store.disclosure.listComments(round.id, targetId, MAX_COMMENTS)
      : ((await disclosedBatches(deps, round, phase.k, await roundTallies(deps, round.id, readFor(phase)), [targetId], voids)).get(targetId)?.comments ?? []);
  return staffOrder(records.filter(notVoided(voids)).map((c) => ({ ...c, key: c.ballotId }))).map((c) => ({
    day: c.day,
    channel: c.channel,
    ...(c.windowId ? { windowId: c.windowId } : {}),
    text: scrubComment(c.text),
  }));
}

/**
 * Return rates tell staff how many panel members answered: while open, counts move in steps of
 * k (floored), so a poll does not show the moment one member answered.
 */
export async function returnRateFor(deps: Deps, session: Session, roundId: string, r: ReturnRateResponse): Promise<ReturnRateResponse> {
  const scoped = await scopeReturnRate(deps, session, r);
  if (session.role !== 'staff') return scoped;
  const phase = staffPhase(await getRoundOrThrow(deps, roundId));
  if (phase.phase === 'final') return scoped;
  const step = (n: number) => (phase.phase === 'batched' ? Math.floor(n / phase.k) * phase.k : 0);
  const rate = (answered: number, invited: number) => (invited > 0 ? answered / invited : null);
  return {
    ...scoped,
    answered: step(scoped.answered),
    rate: rate(step(scoped.answered), scoped.invited),
    members: { invited: scoped.members.invited, answeredAll: step(scoped.members.answeredAll), answeredNone: scoped.members.invited - step(scoped.members.invited - scoped.members.answeredNone) },
    targets: scoped.targets.map((t) => ({ ...t, answered: step(t.answered), rate: rate(step(t.answered), t.invited) })),
  };
}
