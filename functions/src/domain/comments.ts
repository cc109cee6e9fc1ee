import { AppError } from '@shared/errors';
import type { NodeId } from '@shared/model/ids';
import type { Deps } from './deps';
import type { Session } from './sessions';
import type { StaffComment } from '../ports';
import { getRoundOrThrow } from './rounds-admin';
import { isRoundTarget } from './round-rules';
import { inUnitScope } from './scope';
import { shardOf } from './ballots/keys';
import type { OriginalComment } from '@shared/api/audit';
import { commentsFor } from './disclosure/staff-views';

const MAX_COMMENTS = 200;

/**
 * Comments on one target of a round as the disclosure policy lets the session see them. Staff read only targets inside
 * their own unit (OWASP API1: the target id is theirs to ask for only if its path holds
 * their unit); supervisors and admins read any target.
 */
export async function targetComments(deps: Deps, session: Session, roundId: string, targetId: NodeId): Promise<StaffComment[]> {
  return commentsFor(deps, session, await roundTarget(deps, roundId, targetId, session), targetId);
}

/**
 * The same comments as written, unscrubbed, for the supervising office only (the route admits
 * no other role and audits every read): the ballot ids, never who wrote them.
 */
export async function originalComments(deps: Deps, session: Session, roundId: string, targetId: NodeId): Promise<OriginalComment[]> {
  const round = await roundTarget(deps, roundId, targetId, session);
  return deps.store.ballots.listOriginalComments(roundId, targetId, MAX_COMMENTS, (ballotId) => shardOf(ballotId, round.tallyShards));
}

async function roundTarget(deps: Deps, roundId: string, targetId: NodeId, session: Session) {
  const round = await getRoundOrThrow(deps, roundId);
  const target = await deps.store.org.getNode(targetId);
  if (!target || !isRoundTarget(round, target)) throw new AppError('TARGET_NOT_IN_ROUND', { targetId });
  if (!inUnitScope(session, target)) throw new AppError('FORBIDDEN');
  return round;
}
