import Taro from '@tarojs/taro';
import { readSession, StoredSession } from '../../api/session';

/** Admin pages need a supervisor or admin session; unit staff are sent to their own page. */
export function requireAdmin(returnTo: string): StoredSession | undefined {
  const s = readSession('staff');
  if (!s) void Taro.redirectTo({ url: `/staff/pages/login/index?next=${encodeURIComponent(returnTo)}` });
  else if (s.role !== 'admin' && s.role !== 'supervisor') return undefined;
  return s;
}
