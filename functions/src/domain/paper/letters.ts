import type { LettersFor, LettersPreview } from '@shared/api/paper';
import type { Representative } from '@shared/model/representative';
import type { StoredInvitation } from '../../ports';
import type { Deps } from '../deps';
import { drawnMembers, getDrawOrThrow } from '../draws';
import { AppError } from '@shared/errors';

/** The slot a panel member's own WeChat binding takes (subscriptions.ts). */
const MEMBER_SLOT = 'member';

/** One invited member of a draw, with what decides whether they need a letter. */
export interface LetterCandidate {
  memberId: string;
  person?: Representative;
  invitation: StoredInvitation;
  /** A WeChat binding that accepted the invitation or reminder message: the link reaches them there. */
  wechat: boolean;
  /** Rated at least one target with the invitation: they have the link already. */
  answered: boolean;
}

/** Whether a member gets a letter under `who`: a letter is for the member nothing else reaches. */
export const getsLetter = (c: Pick<LetterCandidate, 'wechat' | 'answered'>, who: LettersFor): boolean => who === 'all' || (!c.wechat && !c.answered);

/**
 * The draw's invited members in draw order (revoked invitations and members without one are
 * left out). The draw must have been invited (DRAW_STATE_CONFLICT).
 */
export async function letterCandidates(deps: Deps, drawId: string): Promise<{ roundId: string; candidates: LetterCandidate[] }> {
  const draw = await getDrawOrThrow(deps, drawId);
  if (!draw.invitedAt) throw new AppError('DRAW_STATE_CONFLICT', { drawId, reason: 'invite the drawn members first' });
  const [invitations, library] = await Promise.all([deps.store.invitations.listInvitations(draw.roundId), deps.store.representatives.listRepresentatives()]);
  const people = new Map(library.map((r) => [r.id, r]));
  const byMember = new Map(invitations.filter((i) => !i.revoked && (i.channel ?? 'directed') === 'directed').map((i) => [i.memberId, i]));
  const invited = drawnMembers(draw).flatMap((memberId) => {
    const invitation = byMember.get(memberId);
    return invitation ? [{ memberId, invitation }] : [];
  });
  const candidates = await Promise.all(
    invited.map(async ({ memberId, invitation }): Promise<LetterCandidate> => {
      const bindings = await deps.store.recipients.list(memberId);
      const person = people.get(memberId);
      return {
        memberId,
        ...(person ? { person } : {}),
        invitation,
        wechat: bindings.some((b) => b.slot === MEMBER_SLOT && b.templates.length > 0),
        answered: (invitation.answered ?? []).length > 0,
      };
    }),
  );
  return { roundId: draw.roundId, candidates };
}

/** The counts the office sees before printing. */
export async function lettersPreview(deps: Deps, drawId: string): Promise<LettersPreview> {
  const { candidates } = await letterCandidates(deps, drawId);
  return {
    drawId,
    invited: candidates.length,
    wechat: candidates.filter((c) => c.wechat).length,
    answered: candidates.filter((c) => c.answered).length,
    letters: { 'needs-paper': candidates.filter((c) => getsLetter(c, 'needs-paper')).length, all: candidates.length },
  };
}
