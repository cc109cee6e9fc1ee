import type { RouteSpec } from '../route';
import { authRoutes } from './auth';
import { publicRoutes } from './public';
import { ballotRoutes } from './ballots';
import { adminRoutes } from './admin';
import { resultRoutes } from './results';
import { publicationRoutes } from './publication';
import { rectificationRoutes } from './rectification';
import { panelRoutes } from './panels';
import { hearingRoutes } from './hearings';
import { opsRoutes } from './ops';
import { flagRoutes } from './flags';

/** Every route of the API, in one list: the app and the OpenAPI document both read it. */
export const ROUTES: RouteSpec<any>[] = [
  ...publicRoutes, ...authRoutes, ...ballotRoutes, ...adminRoutes, ...resultRoutes, ...panelRoutes, ...hearingRoutes, ...publicationRoutes, ...flagRoutes, ...rectificationRoutes, ...opsRoutes,
];
