import { randomUUID } from 'node:crypto';
import { formFor } from '@shared/model/scheme-forms';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { SubmitBallotRequest } from '@shared/api/ballots';
import type { Deps } from '../functions/src/domain/deps';
import type { BallotWrite } from '../functions/src/ports';
import { pseudonym } from '../functions/src/domain/sessions';
import { ballotWrite } from '../functions/src/domain/ballot-write';
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
 * The BallotWrite submitBallot would build for a sampling ballot, built without the app: same
 * pseudonym, idempotency key, fingerprint, dedupe key, shard and tally cells, so the direct
 * phase and the bulk load write exactly the items the HTTP path writes.
 */
export function directWrite(deps: Deps, round: Round, target: OrgNode, evaluatorSub: string, token: string, i: number): BallotWrite {
  // Presets only (bench/scheme.ts): read synchronously, as the direct phase times the write alone.
  const scheme = deps.presets(round.schemeId);
  if (!scheme) throw new Error(`scheme ${round.schemeId} missing`);
  const form = formFor(scheme, target, 'sampling');
  return ballotWrite(deps, { req: ballotRequest(token, target, i), round, target, channel: 'sampling', evaluator: evaluatorSub, scheme, form, now: deps.clock.now() });
}

/** The stored evaluator id the app derives from a dev login of this name. */
export const devEvaluator = (deps: Deps, name: string) => pseudonym(deps.secrets.pseudonymKey, `dev:${name}`);
