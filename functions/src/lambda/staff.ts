import { lambdaHandler } from './bootstrap';
import { routesOf } from './route-groups';

/** The staff function: admin, results, imports (see route-groups.ts). */
export const handler = lambdaHandler(routesOf('staff'));
