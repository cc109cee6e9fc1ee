import { adminRoutes } from '../http/routes/admin';
import { programmeRoutes } from '../http/routes/programmes';
import { schemeRoutes } from '../http/routes/schemes';
import { auditRoutes } from '../http/routes/audit';
import { authRoutes } from '../http/routes/auth';
import { flagRoutes } from '../http/routes/flags';
import { hearingRoutes } from '../http/routes/hearings';
import { panelRoutes } from '../http/routes/panels';
import { publicationRoutes } from '../http/routes/publication';
import { rectificationRoutes } from '../http/routes/rectification';
import { resultRoutes } from '../http/routes/results';
import { targetInputRoutes } from '../http/routes/target-inputs';
import { messageRoutes } from '../http/routes/messages';
import { routesIn } from './route-groups';

/** The staff function's routes: admin, programmes, results, review and publication, stuffing flags, panels, rectification, the office audit log. */
export const routes = routesIn('staff', [authRoutes, adminRoutes, programmeRoutes, schemeRoutes, resultRoutes, targetInputRoutes, panelRoutes, hearingRoutes, publicationRoutes, flagRoutes, rectificationRoutes, auditRoutes, messageRoutes]);
