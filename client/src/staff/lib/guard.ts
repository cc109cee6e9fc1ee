import Taro from '@tarojs/taro';
import { readSession, StoredSession } from '../../api/session';

/** The staff session, or a redirect to the login page that comes back here afterwards. */
export function requireStaff(returnTo: string): StoredSession | undefined {
  const s = readSession('staff');
  if (!s) void Taro.redirectTo({ url: `/staff/pages/login/index?next=${encodeURIComponent(returnTo)}` });
  return s;
}
