import { AppError } from '@shared/errors';
import type { BallotForm } from '@shared/model/form';
import { formFor } from '@shared/model/scheme-forms';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import { parseSerial } from '@shared/paper/serial';
import type { Deps } from '../deps';
import { getRoundOrThrow } from '../rounds-admin';
import type { IssuedSerial } from './port';

/** A serial as typed or scanned, resolved to what was issued with it (in this round when named). */
export async function issuedSerial(deps: Deps, input: string, roundId?: string): Promise<IssuedSerial> {
  const serial = parseSerial(input);
  if (!serial) throw new AppError('PAPER_SERIAL_INVALID', { input: input.slice(0, 40) });
  const issued = await deps.store.paper.getSerial(serial);
  if (!issued || (roundId !== undefined && issued.roundId !== roundId)) throw new AppError('PAPER_SERIAL_UNKNOWN', { serial });
  return issued;
}

/** The round, target and form a serial's paper is keyed against. */
export async function paperContext(deps: Deps, issued: IssuedSerial): Promise<{ round: Round; target: OrgNode; form: BallotForm }> {
  const round = await getRoundOrThrow(deps, issued.roundId);
  const target = await deps.store.org.getNode(issued.targetId);
  if (!target) throw new AppError('TARGET_NOT_FOUND', { targetId: issued.targetId });
  const scheme = await deps.schemes(round);
  if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
  return { round, target, form: formFor(scheme, target, issued.channel) };
}
