import { composeDeps, wechatFromEnv } from '../config/compose';
import { lambdaHandler, requireSecrets } from './bootstrap';
import { routes } from './citizen-routes';
import { unwired } from './unwired';

/**
 * The citizen function: ballots, landing, WeChat login, public reads, health (route-groups.ts).
 * No evidence files and no poster codes here, so neither the S3 client nor the QR renderer is
 * in this bundle. Without WECHAT_APPID/WECHAT_SECRET it refuses to start (wechatFromEnv), and it
 * has no dev login whatever AUTH_DEV_LOGIN says (docs/deploy.md, "Fail closed").
 */
export const handler = lambdaHandler(routes, (db, tableName, env) =>
  composeDeps(db, tableName, requireSecrets(env), env, {
    wechat: wechatFromEnv(env),
    evidence: unwired('evidence', 'citizen'),
    miniProgramCode: unwired('miniProgramCode', 'citizen'),
  }),
);
