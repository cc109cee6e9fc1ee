import { AppError } from '@shared/errors';
import type { CreateAccountRequest } from '@shared/api/auth';
import type { StaffAccount } from '../ports';
import type { Deps } from './deps';
import { sha256Hex } from './crypto';
import { pseudonym, type Session } from './sessions';

const BIND_CODE_DAYS = 7;

/**
 * Creates an office account with a one-time code the person enters in WeChat to bind their
 * WeChat identity. Only the code's hash is stored; it expires in a week.
 */
export async function createAccount(deps: Deps, req: CreateAccountRequest): Promise<{ accountId: string; bindCode: string; bindExpiresAt: string }> {
  if (req.role === 'staff') {
    const unit = req.unitId ? await deps.store.org.getNode(req.unitId) : undefined;
    if (!unit || unit.kind !== 'unit') throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'unitId', message: 'staff accounts need the id of an existing unit' }] });
  }
  const now = deps.clock.now();
  const account: StaffAccount = { accountId: req.accountId, name: req.name, role: req.role, ...(req.unitId ? { unitId: req.unitId } : {}), createdAt: now.toISOString() };
  const bindCode = deps.ids.shortId(8);
  const bindExpiresAt = new Date(now.getTime() + BIND_CODE_DAYS * 86400_000).toISOString();
  await deps.store.accounts.createAccount(account, sha256Hex(bindCode), bindExpiresAt);
  return { accountId: account.accountId, bindCode, bindExpiresAt };
}

/** The pseudonym an openid has as an office account holder (kept apart from its citizen one). */
const officePseudonym = (deps: Deps, openid: string) => pseudonym(deps.secrets.pseudonymKey, `wx-office:${openid}`);

export async function bindWechat(deps: Deps, code: string, bindCode: string): Promise<StaffAccount> {
  const { openid } = await deps.wechat.code2Session(code);
  const account = await deps.store.accounts.bind(sha256Hex(bindCode), officePseudonym(deps, openid), deps.clock.now().toISOString());
  if (!account) throw new AppError('BIND_CODE_INVALID');
  return account;
}

/**
 * The citizen session of a WeChat identity: its citizen pseudonym, and the office account the
 * same openid is bound to, if any (one read at login, none on the ballot path). The two
 * pseudonyms stay apart — ballots never learn the account — but the session remembers whose
 * unit its holder may not rate.
 */
export async function citizenSession(deps: Deps, openid: string): Promise<Omit<Session, 'exp'>> {
  const account = await deps.store.accounts.accountFor(officePseudonym(deps, openid));
  return { sub: pseudonym(deps.secrets.pseudonymKey, `wx:${openid}`), role: 'citizen', ...(account ? { office: { role: account.role, ...(account.unitId ? { unitId: account.unitId } : {}) } } : {}) };
}

export async function officeLogin(deps: Deps, code: string): Promise<StaffAccount> {
  return (await boundOfficeAccount(deps, code)).account;
}

/** The office account a WeChat login code's identity is bound to, with the openid (NOT_BOUND). */
export async function boundOfficeAccount(deps: Deps, code: string): Promise<{ account: StaffAccount; openid: string }> {
  const { openid } = await deps.wechat.code2Session(code);
  const account = await deps.store.accounts.accountFor(officePseudonym(deps, openid));
  if (!account) throw new AppError('NOT_BOUND');
  return { account, openid };
}
