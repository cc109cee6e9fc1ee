import { composeDeps, wechatAccessToken, wechatFromEnv } from '../config/compose';
import { evidenceFromEnv } from '../config/evidence';
import { systemClock } from '../adapters/local/system';
import { WechatMiniProgramCode } from '../adapters/wechat/wxacode';
import { lambdaHandler, requireSecrets } from './bootstrap';
import { openApiJson } from './openapi-document';
import { routes } from './staff-routes';
import { runDailyReminders } from '../domain/daily-reminders';

/**
 * The staff function: admin, results, imports, rectification (route-groups.ts). It has the
 * evidence bucket, so the S3 client is built here (at module scope, once per container), and it
 * serves GET /api/openapi.json (the template sends unlisted paths here). Poster codes are
 * WeChat's wxacode only: the function refuses to start without the app's credentials
 * (wechatFromEnv), so the local QR renderer (≈ 60 KB) stays out of this bundle. The daily reminder job runs here
 * too (a scheduler event `{ "job": "daily-reminders" }`, template.yaml).
 */
export const handler = lambdaHandler(
  routes,
  (db, tableName, env) => {
    const secrets = requireSecrets(env);
    const wechat = wechatFromEnv(env);
    return composeDeps(db, tableName, secrets, env, {
      wechat,
      evidence: evidenceFromEnv(env, secrets, systemClock),
      miniProgramCode: new WechatMiniProgramCode(wechatAccessToken(env)!),
    });
  },
  { openapi: openApiJson, jobs: { 'daily-reminders': runDailyReminders } },
);
