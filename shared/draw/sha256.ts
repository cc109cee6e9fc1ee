/**
 * SHA-256 (FIPS 180-4) in plain TypeScript. shared/ may not use Node's crypto (it runs in the
 * mini-program too), and a draw must be verifiable anywhere, so the hash the draw's randomness
 * comes from is implemented here; tests compare it with Node's.
 */
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/**
 * UTF-8 bytes of a string (TextEncoder is missing in some WeChat JS engines).
 * @example utf8('评议').length // 6
 */
export function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/**
 * An incremental SHA-256: `update` text or bytes as they come (a 100,000-line pool is hashed
 * without building one big string), then `digest` once.
 * @example new Sha256().update('a').update('bc').hex() // same as sha256Hex('abc')
 */
export class Sha256 {
  private readonly h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  private readonly block = new Uint8Array(64);
  private readonly w = new Uint32Array(64);
  private filled = 0;
  private length = 0;

  /** Adds text (as UTF-8) or bytes. */
  update(data: string | Uint8Array): this {
    if (typeof data !== 'string') {
      for (let i = 0; i < data.length; i++) this.push(data[i]!);
      return this;
    }
    const block = this.block;
    for (let i = 0; i < data.length; i++) {
      const c = data.charCodeAt(i);
      if (c < 0x80) {
        // The hot path (ASCII ids), inlined: one store, one compare.
        block[this.filled++] = c;
        this.length++;
        if (this.filled === 64) {
          this.compress();
          this.filled = 0;
        }
      } else {
        // Rare outside ASCII ids: fall back to the full encoder for this code point.
        const cp = data.codePointAt(i)!;
        if (cp > 0xffff) i++;
        for (const b of utf8(String.fromCodePoint(cp))) this.push(b);
      }
    }
    return this;
  }

  digest(): Uint8Array {
    const bits = this.length * 8;
    this.push(0x80);
    while (this.filled !== 56) this.push(0);
    const hi = Math.floor(bits / 0x100000000);
    const lo = bits >>> 0;
    for (const word of [hi, lo]) for (const shift of [24, 16, 8, 0]) this.push((word >>> shift) & 0xff);
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) for (let j = 0; j < 4; j++) out[i * 4 + j] = (this.h[i]! >>> (24 - 8 * j)) & 0xff;
    return out;
  }

  hex(): string {
    return toHex(this.digest());
  }

  private push(byte: number): void {
    this.block[this.filled++] = byte;
    this.length++;
    if (this.filled === 64) {
      this.compress();
      this.filled = 0;
    }
  }

  private compress(): void {
    const { w, h, block } = this;
    for (let i = 0; i < 16; i++) w[i] = ((block[i * 4]! << 24) | (block[i * 4 + 1]! << 16) | (block[i * 4 + 2]! << 8) | block[i * 4 + 3]!) >>> 0;
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, hh = h[7]!;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i]! + w[i]!) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = (h[0]! + a) >>> 0;
    h[1] = (h[1]! + b) >>> 0;
    h[2] = (h[2]! + c) >>> 0;
    h[3] = (h[3]! + d) >>> 0;
    h[4] = (h[4]! + e) >>> 0;
    h[5] = (h[5]! + f) >>> 0;
    h[6] = (h[6]! + g) >>> 0;
    h[7] = (h[7]! + hh) >>> 0;
  }
}

/**
 * The 32-byte digest of `data`.
 * @example toHex(sha256(utf8('abc'))).slice(0, 8) // 'ba7816bf'
 */
export function sha256(data: Uint8Array): Uint8Array {
  return new Sha256().update(data).digest();
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * Hex SHA-256 of a string's UTF-8 bytes.
 * @example sha256Hex('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function sha256Hex(text: string): string {
  return new Sha256().update(text).hex();
}
