import fc from 'fast-check';
import { base62 } from '../../functions/src/domain/crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The definition: the number's base-62 digits, least significant first (what printed tokens hold). */
function byBigInt(bytes: Buffer, length: number): string {
  let n = bytes.length === 0 ? 0n : BigInt('0x' + bytes.toString('hex'));
  let out = '';
  while (out.length < length) {
    out += ALPHABET[Number(n % 62n)];
    n /= 62n;
  }
  return out;
}

describe('base62 of a MAC', () => {
  it('gives the same digits as the number’s base-62 expansion, for any bytes and length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 60 }), (bytes, length) => {
        const buf = Buffer.from(bytes);
        expect(base62(buf, length)).toBe(byBigInt(buf, length));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves its input unchanged', () => {
    const buf = Buffer.from([255, 1, 2, 3]);
    base62(buf, 12);
    expect([...buf]).toEqual([255, 1, 2, 3]);
  });

  it('keeps a known token MAC (posters already printed must still verify)', () => {
    expect(base62(Buffer.from('00ff10203040506070', 'hex'), 10)).toBe(byBigInt(Buffer.from('00ff10203040506070', 'hex'), 10));
    expect(base62(Buffer.from([0]), 3)).toBe('000');
    expect(base62(Buffer.from([61]), 2)).toBe('z0');
    expect(base62(Buffer.from([62]), 2)).toBe('01');
  });
});
