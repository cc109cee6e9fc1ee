import { randomUUID } from 'node:crypto';
import { formFor } from '@shared/model/scheme-forms';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { SubmitBallotRequest } from '@shared/api/ballots';
import type { Deps } from '../functions/src/domain/deps';
import type { BallotWrite } from '../functions/src/ports';
import { pseudonym } from '../functions/src/domain/sessions';
import { composeBallot } from '../functions/src/domain/ballots/compose';
import { dedupeKeyOf, fingerprintOf, idempotencyKeyOf } from '../functions/src/domain/ballots/keys';
import { ballotRateCounters, ballotRateSubjects } from '../functions/src/domain/ballots/rate-limits';
import { answersFor } from './scheme';

/**
 * Who rates what in a phase: ballot i rates target i mod T as evaluator ⌊i / T⌋, so every
 * (evaluator, target) pair is used once — no ballot meets the sampling dedupe key (evaluator ×
 * target × round) of another, every request is an accepted ballot — and ballots in flight
 * together rate different targets (a bench that sent them all to one target would measure
 * TransactionConflict retries on that target's tally shards instead).
 */
export interface Plan {
  prefix: string;
  count: number;
  targets: number;
  evaluators: number;
}

export function plan(prefix: string, count: number, targets: number): Plan {
  return { prefix, count, targets, evaluators: Math.ceil(count / targets) };
}

export function slot(p: Plan, i: number): { evaluator: number; target: number } {
  return { evaluator: Math.floor(i / p.targets), target: i % p.targets };
}

/** The dev-login name of evaluator k; the app's pseudonym of it is the stored evaluator. */
export const evaluatorName = (p: Plan, k: number) => `${p.prefix}-${k}`;

export function ballotRequest(token: string, target: OrgNode, i: number): SubmitBallotRequest {
  return { clientBallotId: randomUUID(), token, targetId: target.id, answers: answersFor(i) };
}

/**
 * The BallotWrite submitBallot would build for a sampling ballot over HTTP, built without the
 * app through the pipeline's own compose step: same pseudonym, idempotency key, fingerprint,
 * dedupe key, shard and tally cells, and (`asSent`) the same rate counters (evaluator, address,
 * place) and fence (round open, link version) — so the direct phase writes exactly the
 * transaction the HTTP path ends in. The bulk load takes the stored items only (`asSent` false:
 * no counters, and it skips the fence's condition check).
 */
export function directWrite(deps: Deps, round: Round, target: OrgNode, evaluatorSub: string, token: string, i: number, asSent = true): BallotWrite {
  // Presets only (bench/scheme.ts): read synchronously, as the direct phase times the write alone.
  const scheme = deps.presets(round.schemeId);
  if (!scheme) throw new Error(`scheme ${round.schemeId} missing`);
  const form = formFor(scheme, target, 'sampling');
  const req = ballotRequest(token, target, i);
  const now = deps.clock.now();
  const subjects = asSent ? ballotRateSubjects({ channel: 'sampling', evaluator: evaluatorSub, ip: '127.0.0.1', roundId: round.id, targetId: target.id }) : {};
  return composeBallot(deps, {
    draft: {
      round,
      target,
      channel: 'sampling',
      source: { kind: 'link' },
      evaluator: evaluatorSub,
      clientBallotId: req.clientBallotId,
      idempotencyKey: idempotencyKeyOf(evaluatorSub, req.clientBallotId),
      fingerprint: fingerprintOf({ token: req.token, roundId: req.roundId, targetId: req.targetId, answers: req.answers, comment: req.comment }),
      answers: req.answers,
      duplicateCode: 'DUPLICATE_BALLOT',
      fence: { samplingVersion: round.samplingVersion },
      now,
    },
    form,
    dedupeKey: dedupeKeyOf({ round, target, channel: 'sampling', evaluator: evaluatorSub, now, scheme }),
    rate: ballotRateCounters(deps, subjects),
  });
}

/** The stored evaluator id the app derives from a dev login of this name. */
export const devEvaluator = (deps: Deps, name: string) => pseudonym(deps.secrets.pseudonymKey, `dev:${name}`);
