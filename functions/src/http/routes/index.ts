import type { RouteSpec } from '../route';
import { authRoutes } from './auth';
import { publicRoutes } from './public';
import { ballotRoutes } from './ballots';
import { adminRoutes } from './admin';
import { resultRoutes } from './results';
import { publicationRoutes } from './publication';
import { exportRoutes } from './exports';
import { rectificationRoutes } from './rectification';
import { panelRoutes } from './panels';
import { hearingRoutes } from './hearings';
import { opsRoutes } from './ops';

/**
 * Every route of the API, in one list: the OpenAPI document, the local server and the tests read
 * it. A Lambda function imports only its own route modules (lambda/*-routes.ts), never this file.
 */
export const ROUTES: RouteSpec<any>[] = [
  ...publicRoutes, ...authRoutes, ...ballotRoutes, ...adminRoutes, ...resultRoutes, ...panelRoutes, ...hearingRoutes, ...publicationRoutes, ...exportRoutes, ...rectificationRoutes, ...opsRoutes,
];
