import { AppError } from '@shared/errors';
import { checkAnswers } from '@shared/model/form';
import { formFor, type SchemeForms } from '@shared/model/scheme-forms';
import type { Round } from '@shared/model/round';
import type { Deps } from '../deps';
import { assertAccepting, assertChannel, isRoundTarget } from '../round-rules';
import { isLateReturn, type BallotDraft, type CheckedBallot } from './compose';
import { dedupeKeyOf } from './keys';
import { assertNotOwnUnit } from './own-unit';
import { ballotRateCounters } from './rate-limits';
import type { StandingReader } from './standing';

/**
 * The round's scheme: the one lookup every ballot path makes — the version the round pins,
 * remembered by `deps.schemes` per version (a version never changes), so the common ballot
 * still costs one store round trip.
 */
export async function schemeOf(deps: Pick<Deps, 'schemes'>, round: Pick<Round, 'schemeId' | 'schemeVersion'>): Promise<SchemeForms> {
  const scheme = await deps.schemes(round);
  if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
  return scheme;
}

/**
 * Step 1 of the pipeline, the rules every ballot meets whatever its entry: the round accepts
 * ballots now; the channel is one of the round's; the target is one of the round's; a citizen
 * session never rates its own unit (own-unit.ts); the answers fit the scheme's form for that
 * target and channel; the dedupe marker's key (the entry's own, or the scheme's rule); the rate
 * counters, as conditions the transaction will hold (rate-limits.ts) — no read here counts
 * anything. Throws the refusal (AppError); writes nothing. Entry points check what is theirs
 * alone (the token, the sheet's role and period, a CSV row) before handing over the draft.
 */
export async function checkBallot(deps: Pick<Deps, 'schemes' | 'rateLimits' | 'clock' | 'secrets'>, read: Pick<StandingReader, 'node'>, d: BallotDraft): Promise<CheckedBallot> {
  if (!isLateReturn(d)) assertAccepting(d.round, d.now);
  assertChannel(d.round, d.channel);
  if (!isRoundTarget(d.round, d.target)) throw new AppError('TARGET_NOT_IN_ROUND', { targetId: d.target.id });
  await assertNotOwnUnit(read, d.session, d.source, d.target);
  const scheme = await schemeOf(deps, d.round);
  const form = formFor(scheme, d.target, d.channel);
  const problems = checkAnswers(form, d.answers);
  if (problems.length > 0) throw new AppError('ANSWERS_INVALID', { problems });
  const windowId = d.source.kind === 'window' ? d.source.window.id : undefined;
  const dedupeKey = d.dedupeKey ?? dedupeKeyOf({ round: d.round, target: d.target, channel: d.channel, ...(windowId ? { windowId } : {}), evaluator: d.evaluator, now: d.now, scheme });
  const rate = ballotRateCounters(deps, d.rate ?? {});
  return { draft: d, form, dedupeKey, rate };
}
