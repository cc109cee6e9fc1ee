/*
 * The part of the dependency graph every process shares, with no heavy adapter imported: a
 * Lambda function composes its deps from this and the adapters its own routes use
 * (functions/src/lambda/<function>.ts), so the citizen bundle never contains the S3 client or
 * the QR renderer. config/deps.ts adds every adapter for the local server, the tests and
 * scripts. The WeChat adapters here (login, subscription messages) are plain fetch calls.
 */
import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSchemePreset } from '@shared/schemes';
import type { Deps } from '../domain/deps';
import type { Secrets } from '../domain/secrets';
import { rateRulesFromEnv } from '../domain/ballots/rate-limits';
import { cachedResolver } from '../domain/schemes/resolve';
import { dynamoStore } from '../adapters/dynamodb';
import { DynamoOutbox } from '../adapters/dynamodb/outbox';
import { systemClock, randomIds } from '../adapters/local/system';
import { WechatCode2Session } from '../adapters/wechat/code2session';
import { WechatAccessToken } from '../adapters/wechat/access-token';
import { WechatSubscribeMessage, type MiniProgramState } from '../adapters/wechat/subscribe-message';
import { LocalSubscribeMessage } from '../adapters/local/local-subscribe-message';
import { DeliveringMessenger, type TemplateIds } from '../domain/message-delivery';
import type { SubscribeMessageSender, WechatIdentity } from '../ports';

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

/**
 * The deployed functions' login: WeChat's code2Session and nothing else. Without credentials
 * the function refuses to start (fail closed): a login that trusts any code would hand out
 * unlimited identities, and a misconfigured deploy must be loud, not open. The local stand-in
 * (`dev-<name>` codes) is wired only by config/deps.ts, never imported here, so no Lambda
 * bundle contains it whatever its environment says.
 */
export function wechatFromEnv(env: Env): WechatIdentity {
  const app = wechatApp(env);
  if (!app) throw new Error('WECHAT_APPID and WECHAT_SECRET must be set: this function logs people in with WeChat and has no other login (docs/deploy.md, "Fail closed")');
  return new WechatCode2Session(app.appId, app.secret, fetch, app.base);
}

/** Whether this process has the app's WeChat credentials. */
export const hasWechatCredentials = (env: Env): boolean => wechatApp(env) !== undefined;

/** WeChat credentials: the app's id and secret, when this process talks to WeChat at all. */
const wechatApp = (env: Env) => (env.WECHAT_APPID && env.WECHAT_SECRET ? { appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET, base: wechatBase(env) } : undefined);

/** api.weixin.qq.com, or WECHAT_API_BASE: an egress proxy where the network requires one (and the tests' stand-in). */
const wechatBase = (env: Env) => env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com';

/** One access token per container, shared by every WeChat call that needs one. */
let sharedToken: { key: string; token: WechatAccessToken } | undefined;
export function wechatAccessToken(env: Env): WechatAccessToken | undefined {
  const app = wechatApp(env);
  if (!app) return undefined;
  const key = `${app.base}|${app.appId}|${app.secret}`;
  if (sharedToken?.key !== key) sharedToken = { key, token: new WechatAccessToken(app.appId, app.secret, fetch, app.base) };
  return sharedToken.token;
}

/**
 * The template ids from WECHAT_TEMPLATE_INVITATION / _REMINDER / _RECTIFICATION (chosen in the
 * mini-program console, docs/deploy.md); without WeChat credentials, local ids for the stand-in.
 */
export function templateIdsFromEnv(env: Env): TemplateIds {
  if (!wechatApp(env)) return { invitation: 'local-invitation', reminder: 'local-reminder', rectification_deadline: 'local-rectification' };
  const ids: TemplateIds = {};
  if (env.WECHAT_TEMPLATE_INVITATION) ids.invitation = env.WECHAT_TEMPLATE_INVITATION;
  if (env.WECHAT_TEMPLATE_REMINDER) ids.reminder = env.WECHAT_TEMPLATE_REMINDER;
  if (env.WECHAT_TEMPLATE_RECTIFICATION) ids.rectification_deadline = env.WECHAT_TEMPLATE_RECTIFICATION;
  return ids;
}

/** subscribeMessage.send with the credentials; without them, the local stand-in. */
export function subscribeSenderFromEnv(env: Env): SubscribeMessageSender {
  const token = wechatAccessToken(env);
  if (!token) return new LocalSubscribeMessage();
  const state: MiniProgramState = (['formal', 'trial', 'developer'] as const).find((s) => s === env.WECHAT_MINIPROGRAM_STATE) ?? 'formal';
  return new WechatSubscribeMessage(token, state);
}

/** Holidays and 调休 working weekends, comma-separated dates (the State Council's list each year). */
export function calendarFromEnv(env: Env) {
  const list = (v: string | undefined) => (v ? v.split(',').map((d) => d.trim()).filter(Boolean) : []);
  return { holidays: list(env.HOLIDAYS), workingWeekends: list(env.WORKING_WEEKENDS) };
}

/**
 * Wires the production graph around a document client and the chosen adapters. Dev login is off
 * here whatever AUTH_DEV_LOGIN says; only the local composition (config/deps.ts) can turn it on.
 */
export function composeDeps(db: DynamoDBDocumentClient, tableName: string, secrets: Secrets, env: Env, ports: ChosenPorts, overrides: Partial<Deps> = {}): Deps {
  const store = overrides.store ?? dynamoStore(db, tableName);
  const messageTemplates = templateIdsFromEnv(env);
  const presets = overrides.presets ?? getSchemePreset;
  return {
    store,
    clock: systemClock,
    calendar: calendarFromEnv(env),
    ids: randomIds,
    secrets,
    messenger: new DeliveringMessenger(new DynamoOutbox(db, tableName), store.recipients, subscribeSenderFromEnv(env), messageTemplates),
    presets,
    schemes: cachedResolver(presets, () => store.schemes),
    rateLimits: rateRulesFromEnv(env),
    config: { publicBaseUrl: env.PUBLIC_BASE_URL ?? 'http://localhost:8787', devLogin: false, messageTemplates, localMessaging: !wechatApp(env) },
    ...ports,
    ...overrides,
  };
}
