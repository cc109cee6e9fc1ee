import { ERROR_CATALOGUE } from '@shared/errors';
import { errorFromResponse, FALLBACK_MESSAGE, userMessage } from '../../../client/src/api/errors';

describe('errors as the client shows them', () => {
  it('falls back to the catalogue’s own INTERNAL sentence, which the client keeps without importing the catalogue', () => {
    expect(FALLBACK_MESSAGE).toBe(ERROR_CATALOGUE.INTERNAL.zh);
  });
  it('shows the server’s Chinese message and keeps its code and details', () => {
    const e = errorFromResponse(409, { error: { code: 'ROUND_CLOSED', message: ERROR_CATALOGUE.ROUND_CLOSED.zh, details: { roundId: 'r1' } } });
    expect([e.code, e.status, e.message, e.details, e.retryable]).toEqual(['ROUND_CLOSED', 409, '本次评议已经结束', { roundId: 'r1' }, false]);
  });
  it('says something Chinese for a proxy’s bare page, and marks it retryable', () => {
    const e = errorFromResponse(502, '<html>Bad Gateway</html>');
    expect([e.code, e.message, e.retryable]).toEqual(['INTERNAL', FALLBACK_MESSAGE, true]);
    expect(userMessage(new TypeError('x is undefined'))).toBe(FALLBACK_MESSAGE);
  });
});
