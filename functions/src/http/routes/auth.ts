import { AppError } from '@shared/errors';
import { CreateAccountRequest, CreateAccountResponse, SessionResponse, WechatBindRequest, WechatLoginRequest } from '@shared/api/auth';
import { bindWechat, citizenSession, createAccount, officeLogin } from '../../domain/accounts';
import type { StaffAccount } from '../../ports';
import { route } from '../route';
import { pseudonym, SESSION_HOURS, signSession, type Session } from '../../domain/sessions';
import type { Deps } from '../../domain/deps';

/** Signs a session of SESSION_HOURS for a login route. */
export function issue(deps: Deps, session: Omit<Session, 'exp'>) {
  const exp = Math.floor(deps.clock.now().getTime() / 1000) + SESSION_HOURS * 3600;
  const full: Session = { ...session, exp };
  return {
    body: { token: signSession(deps.secrets.sessionKey, full), role: full.role, ...(full.unitId ? { unitId: full.unitId } : {}), expiresAt: new Date(exp * 1000).toISOString() },
  };
}

const accountSession = (deps: Deps, a: StaffAccount) => issue(deps, { sub: `acct:${a.accountId}`, role: a.role, ...(a.unitId ? { unitId: a.unitId } : {}) });

export const authRoutes = [
  route({
    method: 'post',
    path: '/auth/wechat/bind',
    summary: 'Bind this WeChat identity to an office account with the one-time code the admin issued; returns the office session.',
    tag: 'auth',
    auth: 'public',
    disclosure: 'citizen-own',
    body: WechatBindRequest,
    responses: { 200: { description: 'Office session', schema: SessionResponse } },
    errors: ['VALIDATION_FAILED', 'WECHAT_LOGIN_FAILED', 'WECHAT_NOT_CONFIGURED', 'BIND_CODE_INVALID'],
    handler: async ({ deps, body }) => accountSession(deps, await bindWechat(deps, body.code, body.bindCode)),
  }),
  route({
    method: 'post',
    path: '/auth/wechat/office',
    summary: 'Office login from WeChat: the session of the account this WeChat identity is bound to.',
    tag: 'auth',
    auth: 'public',
    disclosure: 'citizen-own',
    body: WechatLoginRequest,
    responses: { 200: { description: 'Office session', schema: SessionResponse } },
    errors: ['VALIDATION_FAILED', 'WECHAT_LOGIN_FAILED', 'WECHAT_NOT_CONFIGURED', 'NOT_BOUND'],
    handler: async ({ deps, body }) => accountSession(deps, await officeLogin(deps, body.code)),
  }),
  route({
    method: 'post',
    path: '/admin/accounts',
    summary: 'Create an office account (staff of a unit, supervisor, monitor point, inspector, admin) and its one-time WeChat binding code.',
    tag: 'auth',
    auth: ['admin'],
    body: CreateAccountRequest,
    responses: { 201: { description: 'Created; the binding code is shown only now', schema: CreateAccountResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ALREADY_EXISTS'],
    handler: async ({ deps, body }) => ({ status: 201, body: await createAccount(deps, body) }),
  }),
  route({
    method: 'post',
    path: '/auth/wechat',
    summary: 'Exchange a wx.login code for our session (citizen). The WeChat session_key stays on the server.',
    tag: 'auth',
    auth: 'public',
    disclosure: 'citizen-own',
    body: WechatLoginRequest,
    responses: { 200: { description: 'Session', schema: SessionResponse } },
    errors: ['VALIDATION_FAILED', 'WECHAT_LOGIN_FAILED', 'WECHAT_NOT_CONFIGURED'],
    handler: async ({ deps, body }) => {
      const { openid } = await deps.wechat.code2Session(body.code);
      return issue(deps, await citizenSession(deps, openid));
    },
  }),
];
