import { AppError } from '@shared/errors';
import { checkAnswers, type BallotForm } from '@shared/model/form';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { KeyReturnRequest, KeyReturnResponse, ResolveMismatchRequest } from '@shared/api/paper';
import type { Receipt } from '@shared/model/ballot';
import { canonicalJson } from '@shared/publication/canonical';
import type { Deps } from '../deps';
import { normaliseAnswers } from '../ballots';
import { auditEntry } from '../review';
import type { IssuedSerial, KeyedReturn, Keying } from './port';
import { issuedSerial, paperContext } from './serial-context';
import { admitPaper } from './dates';
import { writePaperBallot } from './paper-ballot';

/**
 * One clerk's keying of one returned form (double entry, as election offices key paper):
 *  1. the serial is checked (check symbol, issued, this round), the answers against the form,
 *     the round's state and the dates (dates.ts) — a refused keying stores nothing;
 *  2. the first keying is stored and waits; it is never shown to anyone but a supervisor;
 *  3. the second keying, by another clerk who never saw the first, is compared with it: equal,
 *     the ballot is written through the one paper call (paper-ballot.ts) and the return is
 *     marked counted; different, the return waits for a supervisor (resolveMismatch).
 * Each step is a write conditional on the status read before it (adapters/dynamodb/paper-store.ts),
 * so two clerks keying the same form at once cannot both be first, and nothing is overwritten.
 */
export async function keyReturn(deps: Deps, clerk: string, roundId: string, req: KeyReturnRequest): Promise<KeyReturnResponse> {
  const issued = await issuedSerial(deps, req.serial, roundId);
  const { round, target, form } = await paperContext(deps, issued);
  assertAnswers(form, req.answers);
  const now = deps.clock.now();
  const audits = admitPaper(round, issued.kind, dates(req), now);
  const keying = keyingOf(clerk, req, now);
  const base = { serial: issued.serial, roundId, targetId: issued.targetId };

  const existing = await deps.store.paper.getReturn(roundId, issued.serial);
  if (!existing) {
    if (await deps.store.paper.putReturn({ ...base, status: 'keyed_once', first: keying }, undefined)) return { serial: issued.serial, targetId: target.id, status: 'awaiting_second' };
    throw new AppError('PAPER_ALREADY_KEYED', { serial: issued.serial, reason: 'another keying landed first; key it again as the second' });
  }
  if (existing.status === 'counted' || existing.status === 'superseded' || existing.status === 'online') throw new AppError('PAPER_SERIAL_USED', { serial: issued.serial });
  if (existing.status === 'mismatch') throw new AppError('PAPER_KEYED_TWICE', { serial: issued.serial });
  if (existing.first.clerk === clerk) throw new AppError('PAPER_ALREADY_KEYED', { serial: issued.serial });

  if (!sameKeying(existing.first, keying)) {
    if (!(await deps.store.paper.putReturn({ ...existing, status: 'mismatch', second: keying }, 'keyed_once'))) throw new AppError('PAPER_KEYED_TWICE', { serial: issued.serial });
    return { serial: issued.serial, targetId: target.id, status: 'mismatch' };
  }
  const receipt = await count(deps, { round, target, issued, keying, now, clerk, audits }, existing, { ...existing, second: keying });
  return { serial: issued.serial, targetId: target.id, status: 'counted', receipt };
}

/**
 * A supervisor's decision on a mismatch: they read the paper and key what it says. The clerks
 * who keyed it may not decide (four eyes); the decision, both keyings and the reason go to the
 * round's audit log in the same write that marks the return counted.
 */
export async function resolveMismatch(deps: Deps, supervisor: string, roundId: string, serialInput: string, req: ResolveMismatchRequest): Promise<Receipt> {
  const issued = await issuedSerial(deps, serialInput, roundId);
  const existing = await deps.store.paper.getReturn(roundId, issued.serial);
  if (!existing || existing.status !== 'mismatch') throw new AppError('PAPER_NOT_MISMATCHED', { serial: issued.serial, status: existing?.status ?? 'not_returned' });

  if (existing.first.clerk === supervisor || existing.second?.clerk === supervisor) throw new AppError('PAPER_RESOLVER_KEYED', { serial: issued.serial });
  const { round, target, form } = await paperContext(deps, issued);
  assertAnswers(form, req.answers);
  const now = deps.clock.now();
  const audits = admitPaper(round, issued.kind, dates(req), now);
  const decision = { ...keyingOf(supervisor, req, now), reason: req.reason };
  audits.push({ action: 'paper_resolve', reason: req.reason, details: { serial: issued.serial, targetId: target.id, first: existing.first, second: existing.second, decided: decision } });
  return count(deps, { round, target, issued, keying: decision, now, clerk: supervisor, audits }, existing, { ...existing, resolution: decision });
}

interface Counting {
  round: Round;
  target: OrgNode;
  issued: IssuedSerial;
  keying: Keying;
  now: Date;
  clerk: string;
  audits: ReturnType<typeof admitPaper>;
}

/**
 * Order matters: the ballot first (idempotent on the serial), then the return's status. A crash
 * between the two leaves a return that is not yet `counted` whose ballot exists; keying or
 * resolving it again writes the same ballot (the first receipt comes back) and finishes the
 * return. If the citizen answered online with this serial first, the serial has counted there:
 * the return is marked superseded and the clerk told so.
 */
async function count(deps: Deps, c: Counting, before: KeyedReturn, after: KeyedReturn): Promise<Receipt> {
  const k = c.keying;
  let receipt: Receipt;
  try {
    ({ receipt } = await writePaperBallot(
      deps,
      {
        round: c.round,
        target: c.target,
        channel: c.issued.channel,
        serial: c.issued.serial,
        paperKind: c.issued.kind,
        answers: k.answers,
        ...(k.comment ? { comment: k.comment } : {}),
        ...(k.postmarkedOn ? { postmarkedOn: k.postmarkedOn } : {}),
        ...(k.filledOn ? { filledOn: k.filledOn } : {}),
        via: 'paper',
      },
      c.now,
    ));
  } catch (e) {
    if (e instanceof AppError && e.code === 'PAPER_SERIAL_USED') await deps.store.paper.putReturn({ ...after, status: 'superseded' }, before.status);
    throw e;
  }
  const audit = c.audits.map((a) => auditEntry(deps, c.round.id, c.clerk, a.action, a.reason, { serial: c.issued.serial, targetId: c.target.id, ...a.details }));
  if (!(await deps.store.paper.putReturn({ ...after, status: 'counted', receiptId: receipt.receiptId }, before.status, audit))) throw new AppError('PAPER_KEYED_TWICE', { serial: c.issued.serial });
  return receipt;
}

function assertAnswers(form: BallotForm, answers: KeyReturnRequest['answers']): void {
  const problems = checkAnswers(form, answers);
  if (problems.length > 0) throw new AppError('ANSWERS_INVALID', { problems });
}

const dates = (r: { postmarkedOn?: string; filledOn?: string }) => ({ ...(r.postmarkedOn ? { postmarkedOn: r.postmarkedOn } : {}), ...(r.filledOn ? { filledOn: r.filledOn } : {}) });

function keyingOf(clerk: string, r: { answers: KeyReturnRequest['answers']; comment?: string; postmarkedOn?: string; filledOn?: string }, now: Date): Keying {
  const comment = r.comment?.trim();
  return { clerk, answers: normaliseAnswers(r.answers), ...(comment ? { comment } : {}), ...dates(r), at: now.toISOString() };
}

/** Two keyings agree when they say the same thing: answers, comment (trimmed) and dates. Who and when do not matter. */
export function sameKeying(a: Keying, b: Keying): boolean {
  const said = (k: Keying) => canonicalJson({ answers: normaliseAnswers(k.answers), comment: k.comment ?? null, postmarkedOn: k.postmarkedOn ?? null, filledOn: k.filledOn ?? null });
  return said(a) === said(b);
}
