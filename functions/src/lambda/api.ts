import { composeDeps, wechatAccessToken, wechatFromEnv } from '../config/compose';
import { evidenceFromEnv } from '../config/evidence';
import { systemClock } from '../adapters/local/system';
import { WechatMiniProgramCode } from '../adapters/wechat/wxacode';
import { WHOLE_API } from '../http/docs';
import { lambdaHandler, requireSecrets } from './bootstrap';
import { groupOf } from './route-groups';

/**
 * Every deployed route in one function (a single-function deployment; the integration tests use
 * it). Wired like the three deployed functions, not like the local server: WeChat credentials
 * are required (wechatFromEnv fails the init without them) and the local-only dev login is not
 * mounted, whatever AUTH_DEV_LOGIN says.
 */
export const handler = lambdaHandler(
  WHOLE_API.routes.filter((r) => groupOf(r) !== 'local'),
  (db, tableName, env) => {
    const secrets = requireSecrets(env);
    const wechat = wechatFromEnv(env);
    return composeDeps(db, tableName, secrets, env, { wechat, evidence: evidenceFromEnv(env, secrets, systemClock), miniProgramCode: new WechatMiniProgramCode(wechatAccessToken(env)!) });
  },
  { openapi: WHOLE_API.openapi },
);
