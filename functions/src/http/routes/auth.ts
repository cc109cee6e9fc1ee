import { AppError } from '@shared/errors';
import { DevLoginRequest, SessionResponse, WechatLoginRequest } from '@shared/api/auth';
import { route } from '../route';
import { pseudonym, SESSION_HOURS, signSession, type Session } from '../../domain/sessions';
import type { Deps } from '../../domain/deps';

function issue(deps: Deps, session: Omit<Session, 'exp'>) {
  const exp = Math.floor(deps.clock.now().getTime() / 1000) + SESSION_HOURS * 3600;
  const full: Session = { ...session, exp };
  return {
    body: { token: signSession(deps.secrets.sessionKey, full), role: full.role, ...(full.unitId ? { unitId: full.unitId } : {}), expiresAt: new Date(exp * 1000).toISOString() },
  };
}

export const authRoutes = [
  route({
    method: 'post',
    path: '/auth/wechat',
    summary: 'Exchange a wx.login code for our session (citizen). The WeChat session_key stays on the server.',
    tag: 'auth',
    auth: 'public',
    body: WechatLoginRequest,
    responses: { 200: { description: 'Session', schema: SessionResponse } },
    errors: ['VALIDATION_FAILED', 'WECHAT_LOGIN_FAILED'],
    handler: async ({ deps, body }) => {
      const { openid } = await deps.wechat.code2Session(body.code);
      return issue(deps, { sub: pseudonym(deps.secrets.pseudonymKey, `wx:${openid}`), role: 'citizen' });
    },
  }),
  route({
    method: 'post',
    path: '/auth/dev',
    summary: 'Local development login: any name, any role. Disabled unless AUTH_DEV_LOGIN=1.',
    tag: 'auth',
    auth: 'public',
    body: DevLoginRequest,
    responses: { 200: { description: 'Session', schema: SessionResponse } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    handler: async ({ deps, body }) => {
      if (!deps.config.devLogin) throw new AppError('FORBIDDEN', { reason: 'dev login is disabled' });
      const sub = body.role === 'citizen' || body.role === 'panel' ? pseudonym(deps.secrets.pseudonymKey, `dev:${body.name}`) : `dev:${body.name}`;
      if (body.role === 'staff' && !body.unitId) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'unitId', message: 'staff sessions need a unitId' }] });
      return issue(deps, { sub, role: body.role, ...(body.unitId ? { unitId: body.unitId } : {}) });
    },
  }),
];
