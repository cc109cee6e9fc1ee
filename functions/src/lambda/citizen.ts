import { lambdaHandler } from './bootstrap';
import { routesOf } from './route-groups';

/** The citizen function: ballots, landing, WeChat login, public reads, health (see route-groups.ts). */
export const handler = lambdaHandler(routesOf('citizen'));
