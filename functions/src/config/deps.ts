import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../domain/deps';
import type { Secrets } from '../domain/secrets';
import { systemClock } from '../adapters/local/system';
import { WechatMiniProgramCode } from '../adapters/wechat/wxacode';
import { LocalQrCode } from '../adapters/local/local-qr-code';
import type { MiniProgramCode } from '../ports';
import { evidenceFromEnv } from './evidence';
import { composeDeps, wechatAccessToken, wechatFromEnv, type Env } from './compose';

export { calendarFromEnv, randomSecrets, secretsFromEnv, wechatFromEnv } from './compose';
export { evidenceFromEnv } from './evidence';

/** WeChat credentials select wxacode.getUnlimited; without them, a local QR of the H5 link. */
export function miniProgramCodeFromEnv(env: Env): MiniProgramCode {
  const token = wechatAccessToken(env);
  return token ? new WechatMiniProgramCode(token) : new LocalQrCode();
}

/** Every adapter, chosen from the environment: the local server, tests and scripts (the Lambda functions wire their own: lambda/<function>.ts). */
export function buildDeps(db: DynamoDBDocumentClient, tableName: string, secrets: Secrets, env: Env, overrides: Partial<Deps> = {}): Deps {
  const clock = overrides.clock ?? systemClock;
  return composeDeps(db, tableName, secrets, env, { wechat: wechatFromEnv(env), evidence: evidenceFromEnv(env, secrets, clock), miniProgramCode: miniProgramCodeFromEnv(env) }, overrides);
}
