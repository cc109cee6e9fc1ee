import { createHmac, createHash, timingSafeEqual } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 of a byte string, truncated to `length` characters (compact for QR scenes). */
export function base62(bytes: Buffer, length: number): string {
  let n = BigInt('0x' + bytes.toString('hex'));
  let out = '';
  while (out.length < length) {
    out += BASE62[Number(n % 62n)];
    n /= 62n;
  }
  return out;
}

export function hmac(key: string, message: string): Buffer {
  return createHmac('sha256', key).update(message).digest();
}

export function sha256Hex(message: string): string {
  return createHash('sha256').update(message).digest('hex');
}

/** Constant-time string comparison (token MACs). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** JSON with sorted keys, so equal objects hash equally (one definition, in shared/). */
export { canonicalJson } from '@shared/publication/canonical';
