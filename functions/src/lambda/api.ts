import { buildDeps } from '../config/deps';
import { WHOLE_API } from '../http/docs';
import { lambdaHandler, requireSecrets } from './bootstrap';

/** Every route in one function (a single-function deployment; the integration tests use it). */
export const handler = lambdaHandler(WHOLE_API.routes, (db, tableName, env) => buildDeps(db, tableName, requireSecrets(env), env), { openapi: WHOLE_API.openapi });
