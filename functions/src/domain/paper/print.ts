import { AppError } from '@shared/errors';
import { formFor } from '@shared/model/scheme-forms';
import type { Deps } from '../deps';
import { getRoundOrThrow } from '../rounds-admin';
import { landingUrl } from '../links-admin';
import { invitationToken } from '../tokens';
import { wechatTime } from '../message-fields';
import { fullNames } from './targets';
import { shortCodeOf } from './invitation-code';
import { formsPdf, type PrintedForm } from './pdf/forms';
import { lettersPdf } from './pdf/letters';
import { getsLetter, letterCandidates } from './letters';
import type { LettersFor } from '@shared/api/paper';

/**
 * The PDF of issued forms: one batch, or every batch of the round (`batchId` undefined), one page
 * per serial in issue order. Printing never issues: a serial exists before its page does, so a
 * reprint is the same serials, never new ones.
 */
export async function issuedFormsPdf(deps: Deps, roundId: string, batchId?: string): Promise<{ pdf: Buffer; forms: number }> {
  const round = await getRoundOrThrow(deps, roundId);
  const scheme = await deps.schemes(round);
  if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
  const batches = (await deps.store.paper.listBatches(roundId)).filter((b) => batchId === undefined || b.batchId === batchId).sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.batchId.localeCompare(b.batchId));
  if (batches.length === 0) throw new AppError('PAPER_NO_FORMS', { roundId, ...(batchId ? { batchId } : {}) });
  const nodes = await deps.store.org.getNodes([...new Set(batches.map((b) => b.targetId))]);
  const names = await fullNames(deps, [...nodes.values()]);
  const forms: PrintedForm[] = batches.flatMap((b) => {
    const target: { formKey?: string } = nodes.get(b.targetId) ?? {};
    const form = formFor(scheme, target, b.channel);
    return b.serials.map((serial) => ({ serial, kind: b.kind, roundName: round.name, periodLabel: round.period.label, targetName: names.get(b.targetId) ?? b.targetId, form }));
  });
  return { pdf: await formsPdf(deps.config.publicBaseUrl, forms), forms: forms.length };
}

/**
 * Invitation letters for a draw's members, one action: each chosen member's letter with the
 * personal link as a QR and the short code. By default only the members nothing else reaches
 * (letters.ts: no WeChat binding, not answered yet); `all` prints every invited member. The draw
 * must have been invited; a revoked invitation gets no letter.
 */
export async function drawLettersPdf(deps: Deps, drawId: string, who: LettersFor = 'needs-paper'): Promise<{ pdf: Buffer; letters: number }> {
  const { roundId, candidates } = await letterCandidates(deps, drawId);
  const round = await getRoundOrThrow(deps, roundId);
  if (candidates.length === 0) throw new AppError('DRAW_STATE_CONFLICT', { drawId, reason: 'no member holds a valid invitation' });
  const letters = candidates
    .filter((c) => getsLetter(c, who))
    .map(({ memberId, person, invitation: inv }) => {
      const token = invitationToken(deps.secrets.tokenKey, inv.invitationId);
      return { memberName: person?.name ?? memberId, ...(person?.area ? { area: person.area } : {}), roundName: round.name, deadline: wechatTime(inv.expiresAt), link: landingUrl(deps, token), shortCode: shortCodeOf(inv.invitationId), office: '评议工作办公室' };
    });
  if (letters.length === 0) throw new AppError('PAPER_NO_LETTERS', { drawId, who, invited: candidates.length });
  return { pdf: await lettersPdf(letters), letters: letters.length };
}
