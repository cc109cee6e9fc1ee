import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../domain/deps';
import type { Secrets } from '../domain/secrets';
import { systemClock } from '../adapters/local/system';
import { WechatMiniProgramCode } from '../adapters/wechat/wxacode';
import { LocalQrCode } from '../adapters/local/local-qr-code';
import { LocalWechatIdentity, WechatNotConfigured } from '../adapters/local/local-wechat';
import type { MiniProgramCode, WechatIdentity } from '../ports';
import { evidenceFromEnv } from './evidence';
import { composeDeps, hasWechatCredentials, wechatAccessToken, wechatFromEnv, type Env } from './compose';

export { calendarFromEnv, randomSecrets, secretsFromEnv } from './compose';
export { evidenceFromEnv } from './evidence';

/** WeChat credentials select wxacode.getUnlimited; without them, a local QR of the H5 link. */
export function miniProgramCodeFromEnv(env: Env): MiniProgramCode {
  const token = wechatAccessToken(env);
  return token ? new WechatMiniProgramCode(token) : new LocalQrCode();
}

/** Dev login (POST /api/auth/dev and `dev-<name>` WeChat codes): only when AUTH_DEV_LOGIN=1, and only here. */
export const devLoginFromEnv = (env: Env): boolean => env.AUTH_DEV_LOGIN === '1';

/**
 * WeChat credentials select the real code2Session; without them, the `dev-<name>` stand-in when
 * dev login is on, else a login that refuses every code (WECHAT_NOT_CONFIGURED).
 */
export function localWechatFromEnv(env: Env): WechatIdentity {
  if (hasWechatCredentials(env)) return wechatFromEnv(env);
  return devLoginFromEnv(env) ? new LocalWechatIdentity() : new WechatNotConfigured();
}

/** Every adapter, chosen from the environment: the local server, tests and scripts (the Lambda functions wire their own: lambda/<function>.ts). */
export function buildDeps(db: DynamoDBDocumentClient, tableName: string, secrets: Secrets, env: Env, overrides: Partial<Deps> = {}): Deps {
  const clock = overrides.clock ?? systemClock;
  const deps = composeDeps(db, tableName, secrets, env, { wechat: localWechatFromEnv(env), evidence: evidenceFromEnv(env, secrets, clock), miniProgramCode: miniProgramCodeFromEnv(env) }, overrides);
  return overrides.config ? deps : { ...deps, config: { ...deps.config, devLogin: devLoginFromEnv(env) } };
}
