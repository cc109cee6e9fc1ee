import { sha256, utf8 } from './sha256';

/**
 * A deterministic stream of random integers from a published seed: SHA-256 in counter mode.
 * Block k is SHA-256("<seed>|<label>|<k>"), read as eight big-endian 32-bit words. Anyone with
 * the seed gets the same stream, and nobody can steer it without choosing the seed.
 * @example const r = drawStream('ab12…', 'public'); r.below(500) // 0 ≤ x < 500
 */
export function drawStream(seed: string, label: string) {
  let block = new Uint32Array(0);
  let used = 0;
  let counter = 0;
  const nextWord = (): number => {
    if (used >= block.length) {
      const bytes = sha256(utf8(`${seed}|${label}|${counter++}`));
      const view = new DataView(bytes.buffer);
      block = new Uint32Array(8);
      for (let i = 0; i < 8; i++) block[i] = view.getUint32(i * 4);
      used = 0;
    }
    return block[used++]!;
  };
  return {
    /**
     * A uniform integer in [0, m). Rejection sampling: words at or above the largest multiple of
     * m below 2³² are thrown away, so no value is more likely than another (no modulo bias).
     */
    below(m: number): number {
      if (!Number.isSafeInteger(m) || m < 1 || m > 0x100000000) throw new RangeError('m must be in 1..2^32');
      const limit = Math.floor(0x100000000 / m) * m;
      for (;;) {
        const x = nextWord();
        if (x < limit) return x % m;
      }
    },
  };
}
