import Taro from '@tarojs/taro';
import { SessionResponse } from '@shared/api/auth';
import type { Role } from '@shared/api/auth';
import { STORAGE_KEYS, readJson, removeKey, writeJson } from '../lib/storage';
import { uuid4 } from '../lib/uuid';

/**
 * Two identities live side by side: the citizen one (automatic: WeChat login in the
 * mini-program, a per-device dev identity in H5) that rates, and the staff one (explicit login)
 * that reads results and administers. Keeping them apart means a clerk who also rates a window
 * as a citizen never rates under the staff account.
 */
export type SessionKind = 'citizen' | 'staff';

const KEY: Record<SessionKind, string> = { citizen: STORAGE_KEYS.session, staff: STORAGE_KEYS.staffSession };
// Renew a little early so a ballot is not sent with a token that expires in flight.
const EXPIRY_MARGIN_MS = 60_000;

export type StoredSession = SessionResponse & { name?: string };

export function readSession(kind: SessionKind): StoredSession | undefined {
  const s = readJson<StoredSession | null>(KEY[kind], null);
  if (!s || Date.parse(s.expiresAt) - EXPIRY_MARGIN_MS < Date.now()) return undefined;
  return s;
}

export function saveSession(kind: SessionKind, session: StoredSession): void {
  writeJson(KEY[kind], session);
}

export function clearSession(kind: SessionKind): void {
  removeKey(KEY[kind]);
}

/**
 * The H5 device's stable dev identity: the same browser is the same evaluator, so "one visit,
 * one rating" holds across reloads (and a second rating gets "already rated").
 */
export function deviceName(): string {
  let name = readJson<string | null>(STORAGE_KEYS.deviceName, null);
  if (!name) {
    name = `h5-${uuid4()}`;
    writeJson(STORAGE_KEYS.deviceName, name);
  }
  return name;
}

/** What the citizen login needs from the transport (injected to avoid an import cycle). */
export type PostJson = (path: string, body: unknown) => Promise<unknown>;

/** Signs the citizen in: WeChat `code` in the mini-program, the device's dev identity in H5. */
export async function loginCitizen(post: PostJson): Promise<StoredSession> {
  let raw: unknown;
  if (process.env.TARO_ENV === 'weapp') {
    const { code } = await Taro.login();
    raw = await post('/auth/wechat', { code });
  } else {
    raw = await post('/auth/dev', { name: deviceName(), role: 'citizen' satisfies Role });
  }
  const session = SessionResponse.parse(raw);
  saveSession('citizen', session);
  return session;
}
