import { z } from 'zod';
import { AppError } from '@shared/errors';
import { OFFICE_ROLES, Role } from '@shared/api/auth';
import { base62, hmac, safeEqual } from './crypto';

/**
 * Our own short-lived session token: base64url(payload).mac. `sub` is the evaluator pseudonym
 * for citizens (never the openid) or the account name for staff and admins.
 */
export const Session = z.object({
  sub: z.string(),
  role: Role,
  unitId: z.string().optional(),
  /**
   * Citizen sessions only: the office account the same WeChat identity is bound to, if any — so a
   * staff member signing in as a citizen still cannot rate their own unit (own-unit.ts).
   */
  office: z.object({ role: z.enum(OFFICE_ROLES), unitId: z.string().optional() }).optional(),
  exp: z.number(),
});
export type Session = z.infer<typeof Session>;

export const SESSION_HOURS = 12;

export function signSession(key: string, session: Session): string {
  const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
  return `${payload}.${base62(hmac(key, payload), 32)}`;
}

/** The session a bearer token carries; UNAUTHENTICATED or SESSION_EXPIRED otherwise. */
export function verifySession(key: string, token: string, nowMs: number): Session {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined || !safeEqual(mac, base62(hmac(key, payload), 32))) throw new AppError('UNAUTHENTICATED');
  let parsed: Session;
  try {
    parsed = Session.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('UNAUTHENTICATED');
  }
  if (parsed.exp * 1000 <= nowMs) throw new AppError('SESSION_EXPIRED');
  return parsed;
}

/** Keyed hash of an identity: stable per person, useless to anyone without the key. */
export function pseudonym(key: string, identity: string): string {
  return hmac(key, identity).toString('base64url').slice(0, 22);
}
