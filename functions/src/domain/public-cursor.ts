import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@shared/errors';

/**
 * Opaque page cursors for public reads (the ballot log, the org listing, a landing's targets).
 *
 * A cursor is a position the server handed out, sealed so that it says nothing to anyone else
 * and cannot be made up: deterministic authenticated encryption in the SIV shape —
 *
 *   tag    = HMAC-SHA256(macKey, context ‖ 0x00 ‖ position)[0..16]
 *   cursor = base64url(tag ‖ AES-256-CTR(encKey, iv = tag, position))
 *
 * Opening recomputes the tag from the decrypted position; any other string, a cursor of another
 * round or listing (`context`), or one bit changed is refused. Deterministic on purpose: the same
 * page always names the same next cursor, so pages chain by string equality
 * (`joinBallotLogPages`). The positions themselves are never times or ballot ids (see callers),
 * so even the key holder learns only "leaf 5,000" or "after node s1203".
 */
const TAG_BYTES = 16;

interface CursorKeys {
  mac: Buffer;
  enc: Buffer;
}

const derived = new Map<string, CursorKeys>();

/** Keys of their own, derived from the token key, so a cursor never doubles as a token MAC. */
function keysOf(secret: string): CursorKeys {
  let k = derived.get(secret);
  if (!k) {
    k = { mac: createHmac('sha256', secret).update('public-cursor/mac/1').digest(), enc: createHmac('sha256', secret).update('public-cursor/enc/1').digest() };
    derived.set(secret, k);
  }
  return k;
}

const tagOf = (keys: CursorKeys, context: string, position: Buffer) =>
  createHmac('sha256', keys.mac).update(context, 'utf8').update(Buffer.from([0])).update(position).digest().subarray(0, TAG_BYTES);

const ctr = (key: Buffer, iv: Buffer, data: Buffer, decrypt: boolean) => {
  const c = decrypt ? createDecipheriv('aes-256-ctr', key, iv) : createCipheriv('aes-256-ctr', key, iv);
  return Buffer.concat([c.update(data), c.final()]);
};

/**
 * Seals `position` (a short string) for `context` (what is paged: `ballot-log:r1`).
 * @example sealCursor(k, 'ballot-log:r1', '5000') // 'Xq3…' (32+ base64url characters, random-looking)
 */
export function sealCursor(secret: string, context: string, position: string): string {
  const keys = keysOf(secret);
  const plain = Buffer.from(position, 'utf8');
  const tag = tagOf(keys, context, plain);
  return Buffer.concat([tag, ctr(keys.enc, tag, plain, false)]).toString('base64url');
}

/** The position sealed in `cursor` for `context`, or undefined when this server did not hand it out for that context. */
export function openCursor(secret: string, context: string, cursor: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{22,200}$/.test(cursor)) return undefined;
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.length <= TAG_BYTES || bytes.toString('base64url') !== cursor) return undefined;
  const keys = keysOf(secret);
  const tag = bytes.subarray(0, TAG_BYTES);
  const plain = ctr(keys.enc, tag, bytes.subarray(TAG_BYTES), true);
  const expected = tagOf(keys, context, plain);
  return timingSafeEqual(tag, expected) ? plain.toString('utf8') : undefined;
}

/** `openCursor` for a request parameter: a cursor that does not open is `400 VALIDATION_FAILED` naming the parameter. */
export function openCursorOrThrow(secret: string, context: string, cursor: string, param: string): string {
  const position = openCursor(secret, context, cursor);
  if (position === undefined) throw new AppError('VALIDATION_FAILED', { issues: [{ path: param, message: 'not a cursor this listing gave' }] });
  return position;
}

/** A non-negative integer position (a leaf or list index) sealed as a cursor. */
export function openIndexCursor(secret: string, context: string, cursor: string, param: string, max: number): number {
  const raw = openCursorOrThrow(secret, context, cursor, param);
  const n = /^(0|[1-9][0-9]{0,9})$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > max) throw new AppError('VALIDATION_FAILED', { issues: [{ path: param, message: 'not a cursor this listing gave' }] });
  return n;
}
