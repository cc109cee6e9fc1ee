import { composeDeps } from '../config/compose';
import { lambdaHandler, requireSecrets } from './bootstrap';
import { routes } from './workbooks-routes';
import { unwired } from './unwired';

/**
 * The workbooks function: a round's inputs template as Excel and the upload of a filled one
 * (route-groups.ts). Office sessions are verified here, so it holds the keys; it calls neither
 * WeChat nor the evidence bucket. Its own function so that exceljs (reader and writer) stays out
 * of the staff bundle.
 */
export const handler = lambdaHandler(routes, (db, tableName, env) =>
  composeDeps(db, tableName, requireSecrets(env), env, {
    wechat: unwired('wechat', 'workbooks'),
    evidence: unwired('evidence', 'workbooks'),
    miniProgramCode: unwired('miniProgramCode', 'workbooks'),
  }),
);
