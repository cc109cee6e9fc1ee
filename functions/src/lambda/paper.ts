import { composeDeps } from '../config/compose';
import { lambdaHandler, requireSecrets } from './bootstrap';
import { routes } from './paper-routes';
import { unwired } from './unwired';

/**
 * The paper function: printed forms and invitation letters as PDF (route-groups.ts). It verifies
 * office sessions and signs the letters' invitation tokens, so it has the keys; it calls no
 * WeChat API and stores no evidence. The CJK font is read from a layer or an asset
 * (domain/paper/pdf/font.ts), never bundled.
 */
export const handler = lambdaHandler(routes, (db, tableName, env) =>
  composeDeps(db, tableName, requireSecrets(env), env, {
    wechat: unwired('wechat', 'paper'),
    evidence: unwired('evidence', 'paper'),
    miniProgramCode: unwired('miniProgramCode', 'paper'),
  }),
);
