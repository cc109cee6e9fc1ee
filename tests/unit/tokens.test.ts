import fc from 'fast-check';
import { invitationToken, parseToken, samplingToken, windowToken } from '../../functions/src/domain/tokens';

const KEY = 'test-token-key';
const SCENE_ALLOWED = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/;

describe('channel tokens', () => {
  it('fits a window token into WeChat’s 32-character scene for the longest ids and versions', () => {
    const token = windowToken(KEY, 'abcdefghijkl', 36 ** 3 - 1);
    expect(token.length).toBeLessThanOrEqual(32);
    expect(token).toMatch(SCENE_ALLOWED);
  });

  it('round-trips every kind of token', () => {
    expect(parseToken(KEY, windowToken(KEY, 'w111', 3))).toEqual({ kind: 'window', windowId: 'w111', version: 3 });
    expect(parseToken(KEY, samplingToken(KEY, 'r1', 2))).toEqual({ kind: 'sampling', roundId: 'r1', version: 2 });
    expect(parseToken(KEY, invitationToken(KEY, 'INV123'))).toEqual({ kind: 'invitation', invitationId: 'INV123' });
  });

  it('rejects a token signed with another key', () => {
    expect(() => parseToken(KEY, windowToken('other-key', 'w111', 1))).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }));
  });

  it('rejects a token whose window id was swapped for another', () => {
    const token = windowToken(KEY, 'w111', 1).replace('w111', 'w112');
    expect(() => parseToken(KEY, token)).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }));
  });

  it('rejects every single-character mutation of a valid token', () => {
    const token = windowToken(KEY, 'w111', 1);
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'0123456789ABCabcxyz.-_'), (i, ch) => {
        fc.pre(token[i] !== ch);
        const mutated = token.slice(0, i) + ch + token.slice(i + 1);
        expect(() => parseToken(KEY, mutated)).toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        expect(() => parseToken(KEY, s)).toThrow();
      }),
      { numRuns: 5000 },
    );
  });
});
