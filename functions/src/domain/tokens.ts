import { AppError } from '@shared/errors';
import { base62, hmac, safeEqual } from './crypto';

/**
 * Channel tokens. WeChat's QR `scene` holds 32 visible characters, so a window token is
 * `W.<windowId ≤12>.<version base36>.<mac 10>` (≤ 29 chars, ~59 bits of MAC); sampling and
 * invitation tokens use the same shape. A token proves we issued it; whether it is still valid
 * (version current, not revoked, not expired) is checked against the store.
 */
export type ParsedToken =
  | { kind: 'window'; windowId: string; version: number }
  | { kind: 'sampling'; roundId: string; version: number }
  | { kind: 'invitation'; invitationId: string };

const WINDOW_MAC = 10;
const SAMPLING_MAC = 12;
const INVITATION_MAC = 12;
const ID = /^[A-Za-z0-9_-]{1,24}$/;
const VERSION = /^[0-9a-z]{1,3}$/;

function mac(key: string, message: string, length: number): string {
  return base62(hmac(key, message), length);
}

export function windowToken(key: string, windowId: string, version: number): string {
  const v = version.toString(36);
  return `W.${windowId}.${v}.${mac(key, `W|${windowId}|${v}`, WINDOW_MAC)}`;
}

export function samplingToken(key: string, roundId: string, version: number): string {
  const v = version.toString(36);
  return `S.${roundId}.${v}.${mac(key, `S|${roundId}|${v}`, SAMPLING_MAC)}`;
}

export function invitationToken(key: string, invitationId: string): string {
  return `I.${invitationId}.${mac(key, `I|${invitationId}`, INVITATION_MAC)}`;
}

/**
 * Verifies the MAC and returns what the token names, or undefined for anything we did not issue.
 * Refusing without throwing keeps a flood of forged tokens cheap (no error or stack per try).
 */
export function readToken(key: string, token: string): ParsedToken | undefined {
  const parts = token.split('.');
  const [kind, id, third, fourth] = parts;
  if (!id || !ID.test(id)) return undefined;
  if (kind === 'W' || kind === 'S') {
    if (parts.length !== 4 || !third || !VERSION.test(third) || !fourth) return undefined;
    const expected = mac(key, `${kind}|${id}|${third}`, kind === 'W' ? WINDOW_MAC : SAMPLING_MAC);
    if (!safeEqual(fourth, expected)) return undefined;
    const version = parseInt(third, 36);
    return kind === 'W' ? { kind: 'window', windowId: id, version } : { kind: 'sampling', roundId: id, version };
  }
  if (kind === 'I') {
    if (parts.length !== 3 || !third || !safeEqual(third, mac(key, `I|${id}`, INVITATION_MAC))) return undefined;
    return { kind: 'invitation', invitationId: id };
  }
  return undefined;
}

/** readToken for a request: anything we did not issue is TOKEN_INVALID. */
export function parseToken(key: string, token: string): ParsedToken {
  const parsed = readToken(key, token);
  if (!parsed) throw new AppError('TOKEN_INVALID');
  return parsed;
}
