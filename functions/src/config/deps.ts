import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSchemePreset } from '@shared/schemes';
import type { Deps } from '../domain/deps';
import type { Secrets } from '../domain/secrets';
import { dynamoStore } from '../adapters/dynamodb';
import { DynamoOutbox } from '../adapters/dynamodb/outbox';
import { systemClock, randomIds } from '../adapters/local/system';
import { LocalWechatIdentity } from '../adapters/local/local-wechat';
import { WechatCode2Session } from '../adapters/wechat/code2session';
import { WechatMiniProgramCode } from '../adapters/wechat/wxacode';
import { LocalQrCode } from '../adapters/local/local-qr-code';
import type { MiniProgramCode, WechatIdentity } from '../ports';

type Env = Record<string, string | undefined>;

/** Secrets from the environment (Lambda: injected from SSM/Secrets Manager at deploy). */
export function secretsFromEnv(env: Env): Secrets | undefined {
  const { TOKEN_SECRET, PSEUDONYM_SECRET, SESSION_SECRET } = env;
  if (!TOKEN_SECRET || !PSEUDONYM_SECRET || !SESSION_SECRET) return undefined;
  return { tokenKey: TOKEN_SECRET, pseudonymKey: PSEUDONYM_SECRET, sessionKey: SESSION_SECRET };
}

export function randomSecrets(): Secrets {
  const r = () => randomBytes(32).toString('base64url');
  return { tokenKey: r(), pseudonymKey: r(), sessionKey: r() };
}

/** WeChat credentials select the real code2Session; without them, the local stand-in. */
export function wechatFromEnv(env: Env): WechatIdentity {
  return env.WECHAT_APPID && env.WECHAT_SECRET ? new WechatCode2Session(env.WECHAT_APPID, env.WECHAT_SECRET) : new LocalWechatIdentity();
}

export function miniProgramCodeFromEnv(env: Env): MiniProgramCode {
  return env.WECHAT_APPID && env.WECHAT_SECRET ? new WechatMiniProgramCode(env.WECHAT_APPID, env.WECHAT_SECRET) : new LocalQrCode();
}

/** Wires the production graph around a document client. */
export function buildDeps(db: DynamoDBDocumentClient, tableName: string, secrets: Secrets, env: Env, overrides: Partial<Deps> = {}): Deps {
  return {
    store: dynamoStore(db, tableName),
    clock: systemClock,
    ids: randomIds,
    secrets,
    wechat: wechatFromEnv(env),
    // No WeChat subscribeMessage adapter yet (it needs each member's openid binding): the outbox.
    messenger: new DynamoOutbox(db, tableName),
    miniProgramCode: miniProgramCodeFromEnv(env),
    schemes: getSchemePreset,
    config: { publicBaseUrl: env.PUBLIC_BASE_URL ?? 'http://localhost:8787', devLogin: env.AUTH_DEV_LOGIN === '1' },
    ...overrides,
  };
}
