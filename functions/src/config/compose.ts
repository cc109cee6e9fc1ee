/*
 * The part of the dependency graph every process shares, with no heavy adapter imported: a
 * Lambda function composes its deps from this and the adapters its own routes use
 * (functions/src/lambda/<function>.ts), so the citizen bundle never contains the S3 client or
 * the QR renderer. config/deps.ts adds every adapter for the local server, the tests, scripts
 * and the staff function.
 */
import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSchemePreset } from '@shared/schemes';
import type { Deps } from '../domain/deps';
import type { Secrets } from '../domain/secrets';
import { rateRulesFromEnv } from '../domain/rate-limits';
import { dynamoStore } from '../adapters/dynamodb';
import { DynamoOutbox } from '../adapters/dynamodb/outbox';
import { systemClock, randomIds } from '../adapters/local/system';
import { LocalWechatIdentity } from '../adapters/local/local-wechat';
import { WechatCode2Session } from '../adapters/wechat/code2session';
import type { WechatIdentity } from '../ports';

export type Env = Record<string, string | undefined>;

/** The adapters that differ per process; everything else is built here. */
export type ChosenPorts = Pick<Deps, 'wechat' | 'evidence' | 'miniProgramCode'>;

/** Secrets from the environment (Lambda: resolved from Secrets Manager at deploy). */
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

/** Holidays and 调休 working weekends, comma-separated dates (the State Council's list each year). */
export function calendarFromEnv(env: Env) {
  const list = (v: string | undefined) => (v ? v.split(',').map((d) => d.trim()).filter(Boolean) : []);
  return { holidays: list(env.HOLIDAYS), workingWeekends: list(env.WORKING_WEEKENDS) };
}

/** Wires the production graph around a document client and the chosen adapters. */
export function composeDeps(db: DynamoDBDocumentClient, tableName: string, secrets: Secrets, env: Env, ports: ChosenPorts, overrides: Partial<Deps> = {}): Deps {
  return {
    store: dynamoStore(db, tableName),
    clock: systemClock,
    calendar: calendarFromEnv(env),
    ids: randomIds,
    secrets,
    // No WeChat subscribeMessage adapter yet (it needs each member's openid binding): the outbox.
    messenger: new DynamoOutbox(db, tableName),
    schemes: getSchemePreset,
    rateLimits: rateRulesFromEnv(env),
    config: { publicBaseUrl: env.PUBLIC_BASE_URL ?? 'http://localhost:8787', devLogin: env.AUTH_DEV_LOGIN === '1' },
    ...ports,
    ...overrides,
  };
}
