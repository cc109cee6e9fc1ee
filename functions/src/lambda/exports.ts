import { composeDeps } from '../config/compose';
import type { Secrets } from '../domain/secrets';
import { lambdaHandler } from './bootstrap';
import { routes } from './exports-routes';
import { unwired } from './unwired';

/**
 * The exports function: a published round as Excel, CSV and print HTML, and its ballot log
 * (route-groups.ts). Public reads of the table only, so it gets no keys and no WeChat credentials
 * (template.yaml), and the Excel writer lives in this bundle alone.
 */
export const handler = lambdaHandler(routes, (db, tableName, env) =>
  composeDeps(db, tableName, unwired<Secrets>('secrets', 'exports'), env, {
    wechat: unwired('wechat', 'exports'),
    evidence: unwired('evidence', 'exports'),
    miniProgramCode: unwired('miniProgramCode', 'exports'),
  }),
);
