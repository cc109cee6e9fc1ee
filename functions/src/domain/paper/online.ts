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
  return writePaperBallot(deps, { round, target, channel: issued.channel, serial: issued.serial, paperKind: issued.kind, answers: req.answers, ...(req.comment ? { comment: req.comment } : {}), via: 'online' }, now);
}
