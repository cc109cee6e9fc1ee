import type { PaperFormView, PaperOnlineRequest } from '@shared/api/paper';
import type { Receipt } from '@shared/model/ballot';
import { AppError } from '@shared/errors';
import { checkAnswers } from '@shared/model/form';
import { displaySerial } from '@shared/paper/serial';
import type { Deps } from '../deps';
import { assertAccepting, assertChannel, isAccepting } from '../round-rules';
import { fullNames } from './targets';
import { issuedSerial, paperContext } from './serial-context';
import { writePaperBallot } from './paper-ballot';
import type { OnlineReturn } from './port';

/** The form behind a printed serial, for the citizen who scanned its QR. */
export async function paperFormView(deps: Deps, serialInput: string): Promise<PaperFormView> {
  const issued = await issuedSerial(deps, serialInput);
  const { round, target, form } = await paperContext(deps, issued);
  const names = await fullNames(deps, [target]);
  const used = await deps.store.paper.getReturn(round.id, issued.serial);
  return { serial: displaySerial(issued.serial), roundName: round.name, targetName: names.get(target.id) ?? target.name, form, open: isAccepting(round, deps.clock.now()) && used?.status !== 'counted' };
}

/**
 * The citizen answers online with the form's serial instead of posting it: the same dedupe key
 * as the paper (paper-ballot.ts), so the serial counts once whichever comes first. Only while
 * the round is open (a postmark is what lets late paper in; a phone has none).
 */
export async function answerPaperOnline(deps: Deps, serialInput: string, req: PaperOnlineRequest): Promise<{ receipt: Receipt; replayed: boolean }> {
  const issued = await issuedSerial(deps, serialInput);
  const { round, target, form } = await paperContext(deps, issued);
  const now = deps.clock.now();
  assertAccepting(round, now);
  assertChannel(round, issued.channel);
  const problems = checkAnswers(form, req.answers);
  if (problems.length > 0) throw new AppError('ANSWERS_INVALID', { problems });
  const result = await writePaperBallot(deps, { round, target, channel: issued.channel, serial: issued.serial, paperKind: issued.kind, answers: req.answers, ...(req.comment ? { comment: req.comment } : {}), via: 'online' }, now);
  await markAnsweredOnline(deps, { serial: issued.serial, roundId: round.id, targetId: target.id, receiptId: result.receipt.receiptId, answeredAt: now.toISOString() });
  return result;
}

/** A compare-and-set loop over a return that clerks may be keying at the same moment; each pass is one conditional write. */
const MARK_PASSES = 4;

/**
 * The form came back, online (回收率 counts it, return-rate.ts). After the ballot, so a crash
 * in between leaves a ballot without the mark; the citizen's retry (a replay) or a clerk keying
 * the paper (superseded) writes it. A paper keying already waiting is superseded now, so no
 * clerk or supervisor spends time on a form that can no longer count.
 */
async function markAnsweredOnline(deps: Deps, online: Omit<OnlineReturn, 'status'>): Promise<void> {
  for (let pass = 0; pass < MARK_PASSES; pass++) {
    const existing = await deps.store.paper.getReturn(online.roundId, online.serial);
    if (!existing) {
      if (await deps.store.paper.putReturn({ ...online, status: 'online' }, undefined)) return;
    } else if (existing.status === 'keyed_once' || existing.status === 'mismatch') {
      if (await deps.store.paper.putReturn({ ...existing, status: 'superseded', receiptId: online.receiptId }, existing.status)) return;
    } else return; // online or superseded already; counted cannot be: the serial's dedupe key refused this ballot
  }
  throw new Error(`could not mark serial ${online.serial} answered online`);
}
