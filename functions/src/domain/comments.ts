import { AppError } from '@shared/errors';
import type { NodeId } from '@shared/model/ids';
import type { Deps } from './deps';
import type { Session } from './sessions';
import type { StaffComment } from '../ports';
import { getRoundOrThrow } from './rounds-admin';
import { isRoundTarget } from './round-rules';

const MAX_COMMENTS = 200;

/**
 * Comments on one target of a round, scrubbed, newest first. Staff read only targets inside
 * their own unit (OWASP API1: the target id is theirs to ask for only if its path holds
 * their unit); supervisors and admins read any target.
 */
export async function targetComments(deps: Deps, session: Session, roundId: string, targetId: NodeId): Promise<StaffComment[]> {
  const round = await getRoundOrThrow(deps, roundId);
  const target = await deps.store.org.getNode(targetId);
  if (!target || !isRoundTarget(round, target)) throw new AppError('TARGET_NOT_IN_ROUND', { targetId });
  if (session.role === 'staff' && (!session.unitId || !target.path.includes(session.unitId))) throw new AppError('FORBIDDEN');
  return deps.store.ballots.listComments(roundId, targetId, MAX_COMMENTS);
}
