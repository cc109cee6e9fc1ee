import { composeDeps, wechatAccessToken, wechatFromEnv } from '../config/compose';
import { evidenceFromEnv } from '../config/evidence';
import { systemClock } from '../adapters/local/system';
import { WechatMiniProgramCode } from '../adapters/wechat/wxacode';
import type { MiniProgramCode } from '../ports';
import { lambdaHandler, requireSecrets } from './bootstrap';
import { openApiJson } from './openapi-document';
import { routes } from './staff-routes';
import { unwired } from './unwired';
import { runDailyReminders } from '../domain/daily-reminders';

/**
 * The staff function: admin, results, imports, rectification (route-groups.ts). It has the
 * evidence bucket, so the S3 client is built here (at module scope, once per container), and it
 * serves GET /api/openapi.json (the template sends unlisted paths here). Poster codes are
 * WeChat's wxacode only: the deployed function always has the app's credentials (template.yaml),
 * so the local QR renderer (≈ 60 KB) stays out of this bundle. The daily reminder job runs here
 * too (a scheduler event `{ "job": "daily-reminders" }`, template.yaml).
 */
export const handler = lambdaHandler(
  routes,
  (db, tableName, env) => {
    const secrets = requireSecrets(env);
    const token = wechatAccessToken(env);
    return composeDeps(db, tableName, secrets, env, {
      wechat: wechatFromEnv(env),
      evidence: evidenceFromEnv(env, secrets, systemClock),
      miniProgramCode: token ? new WechatMiniProgramCode(token) : unwired<MiniProgramCode>('miniProgramCode (needs WECHAT_APPID and WECHAT_SECRET)', 'staff'),
    });
  },
  { openapi: openApiJson, jobs: { 'daily-reminders': runDailyReminders } },
);
