import { z } from 'zod';
import { SubmitBallotResponse } from '@shared/api/ballots';
import { PaperFormView, PaperOnlineRequest } from '@shared/api/paper';
import { route } from '../route';
import { answerPaperOnline, paperFormView } from '../../domain/paper/online';
import { invitationByCode } from '../../domain/paper/invitation-code';

/**
 * The citizen's side of paper (docs/paper.md), served by the citizen function: a printed form
 * answered online with its serial (the QR on the form) instead of posting it, and an invitation
 * letter's short code typed by a member without WeChat. No PDF code reaches this module.
 */
const SerialParam = z.string().min(1).max(40);

export const paperOnlineRoutes = [
  route({
    method: 'get',
    path: '/paper/forms/:serial',
    summary: "The form behind a printed serial (its QR), for a citizen who prefers to answer on the phone: the target in full, the items, whether it can still be answered.",
    tag: 'paper',
    auth: 'public',
    disclosure: 'public',
    params: z.object({ serial: SerialParam }),
    responses: { 200: { description: 'The form', schema: PaperFormView } },
    errors: ['PAPER_SERIAL_INVALID', 'PAPER_SERIAL_UNKNOWN', 'ROUND_NOT_FOUND', 'TARGET_NOT_FOUND', 'SCHEME_UNKNOWN'],
    handler: async ({ deps, params }) => ({ body: await paperFormView(deps, params.serial!) }),
  }),
  route({
    method: 'post',
    path: '/paper/forms/:serial/ballot',
    summary: 'Answer a printed form online with its serial instead of posting it: counts once, like the paper (whichever comes first). 201 with a receipt; 200 with the same receipt on a retry.',
    tag: 'paper',
    auth: 'public',
    disclosure: 'citizen-own',
    params: z.object({ serial: SerialParam }),
    body: PaperOnlineRequest,
    responses: {
      201: { description: 'Accepted', schema: SubmitBallotResponse },
      200: { description: 'Retry: the first receipt', schema: SubmitBallotResponse },
    },
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'PAPER_SERIAL_INVALID', 'PAPER_SERIAL_UNKNOWN', 'PAPER_SERIAL_USED', 'IDEMPOTENCY_CONFLICT', 'ROUND_NOT_FOUND', 'ROUND_NOT_OPEN', 'ROUND_CLOSED', 'ROUND_CANCELLED', 'CHANNEL_NOT_ALLOWED', 'ANSWERS_INVALID', 'STORE_UNAVAILABLE'],
    handler: async ({ deps, params, body }) => {
      const result = await answerPaperOnline(deps, params.serial!, body);
      return { status: result.replayed ? 200 : 201, body: result };
    },
  }),
  route({
    method: 'get',
    path: '/invitations/code/:code',
    summary: "An invitation letter's short code (邀请码) typed by a member without WeChat: the invitation's token and link. Unknown, revoked or expired codes are 404.",
    tag: 'paper',
    auth: 'public',
    disclosure: 'citizen-own',
    params: z.object({ code: z.string().min(16).max(24) }),
    responses: { 200: { description: 'The invitation link', schema: z.object({ token: z.string(), url: z.string() }) } },
    errors: ['VALIDATION_FAILED', 'INVITATION_NOT_FOUND'],
    handler: async ({ deps, params }) => ({ body: await invitationByCode(deps, params.code!) }),
  }),
];
