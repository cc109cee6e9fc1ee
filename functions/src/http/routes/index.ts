import type { RouteSpec } from '../route';
import { authRoutes } from './auth';
import { devLoginRoutes } from './dev-login';
import { publicRoutes } from './public';
import { ballotRoutes } from './ballots';
import { adminRoutes } from './admin';
import { programmeRoutes } from './programmes';
import { schemeRoutes } from './schemes';
import { resultRoutes } from './results';
import { publicationRoutes } from './publication';
import { exportRoutes } from './exports';
import { rectificationRoutes } from './rectification';
import { panelRoutes } from './panels';
import { hearingRoutes } from './hearings';
import { opsRoutes } from './ops';
import { auditRoutes } from './audit';
import { flagRoutes } from './flags';
import { messageRoutes } from './messages';
import { targetInputRoutes } from './target-inputs';

/**
 * Every route of the API, in one list: the OpenAPI document, the local server, the tests and the
 * single-function lambda/api.ts read it. The deployed functions (citizen, staff, exports) import
 * only their own route modules (lambda/<function>-routes.ts), never this file.
 */
export const ROUTES: RouteSpec<any>[] = [
  ...publicRoutes, ...authRoutes, ...devLoginRoutes, ...ballotRoutes, ...adminRoutes, ...programmeRoutes, ...schemeRoutes, ...resultRoutes, ...targetInputRoutes, ...panelRoutes, ...hearingRoutes, ...publicationRoutes, ...flagRoutes, ...exportRoutes, ...rectificationRoutes, ...auditRoutes, ...messageRoutes, ...opsRoutes,
];
