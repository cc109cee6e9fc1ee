import fc from 'fast-check';
import { invitationToken, parseToken, readToken, samplingToken, windowToken } from '../../functions/src/domain/tokens';

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

  it('issues the very tokens printed before (a poster outlives any change to the code)', () => {
    expect(windowToken(KEY, 'w111', 1)).toBe('W.w111.1.MxcGIDLPDX');
    expect(invitationToken(KEY, 'A94YQB70CTMNY7KB')).toBe('I.A94YQB70CTMNY7KB.XsKjBh1AEhlK');
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

describe('forgery at scale', () => {
  it('accepts none of 1,000,000 random or mutated window, sampling and invitation tokens', () => {
    const valid = [windowToken(KEY, 'w111', 1), windowToken(KEY, 'gaj-s1-w2', 7), samplingToken(KEY, 'r2026q4', 1), invitationToken(KEY, 'A94YQB70CTMNY7KB')];
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    let seed = 0x9e3779b9;
    const rand = (n: number) => {
      // xorshift32: deterministic, so a failure reproduces.
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const randomChars = (len: number) => Array.from({ length: len }, () => alphabet[rand(62)]).join('');
    let accepted = 0;
    for (let i = 0; i < 1_000_000; i++) {
      let candidate: string;
      const base = valid[i % valid.length]!;
      switch (i % 4) {
        case 0: // right shape, random MAC
          candidate = base.slice(0, base.lastIndexOf('.') + 1) + randomChars(base.length - base.lastIndexOf('.') - 1);
          break;
        case 1: {
          // one character changed anywhere
          const at = rand(base.length);
          const ch = alphabet[rand(62)]!;
          candidate = base.slice(0, at) + (base[at] === ch ? alphabet[(alphabet.indexOf(ch) + 1) % 62] : ch) + base.slice(at + 1);
          break;
        }
        case 2: // another id under a valid-looking MAC
          candidate = base.replace(/^([WSI])\.[^.]+/, `$1.${randomChars(1 + rand(12))}`);
          break;
        default: // entirely random
          candidate = randomChars(1 + rand(32));
      }
      if (candidate === base) continue;
      // The same check parseToken makes, without an error per refusal (parseToken = readToken + throw).
      if (readToken(KEY, candidate) !== undefined) accepted++;
    }
    expect(accepted).toBe(0);
  }, 120_000);
});
