import { SubmitBallotRequest, SubmitBallotResponse } from '@shared/api/ballots';
import { route } from '../route';
import { submitBallot } from '../../domain/ballots/submit-ballot';

export const ballotRoutes = [
  route({
    method: 'post',
    path: '/ballots',
    summary:
      'Submit a ballot. 201 with a receipt; 200 with the same receipt when the same clientBallotId is retried. A session is required for window and sampling tokens; an invitation token is its own credential.',
    tag: 'ballots',
    auth: 'optional',
    disclosure: 'citizen-own',
    body: SubmitBallotRequest,
    responses: {
      201: { description: 'Accepted', schema: SubmitBallotResponse },
      200: { description: 'Retry of an accepted ballot: the first receipt', schema: SubmitBallotResponse },
    },
    errors: [
      'VALIDATION_FAILED', 'MALFORMED_JSON', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'UNAUTHENTICATED', 'SESSION_EXPIRED',
      'TOKEN_INVALID', 'TOKEN_REVOKED', 'TOKEN_WRONG_ROUND', 'ROUND_AMBIGUOUS', 'ROUND_NOT_FOUND', 'TARGET_NOT_FOUND',
      'DUPLICATE_BALLOT', 'IDEMPOTENCY_CONFLICT', 'INVITATION_USED', 'ROUND_NOT_OPEN', 'ROUND_CLOSED', 'ROUND_CANCELLED', 'INVITATION_EXPIRED',
      'TARGET_NOT_IN_ROUND', 'CHANNEL_NOT_ALLOWED', 'ANSWERS_INVALID', 'RATE_LIMITED', 'OWN_UNIT_BALLOT', 'STORE_UNAVAILABLE',
    ],
    handler: async ({ deps, session, body, req }) => {
      // The socket's peer, never X-Forwarded-For (anyone can write that header): in Lambda,
      // serverless-http sets it from API Gateway's requestContext sourceIp.
      const result = await submitBallot(deps, session, body, { ip: req.socket.remoteAddress });
      return { status: result.replayed ? 200 : 201, body: result };
    },
  }),
];
