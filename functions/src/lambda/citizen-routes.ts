import { authRoutes } from '../http/routes/auth';
import { ballotRoutes } from '../http/routes/ballots';
import { opsRoutes } from '../http/routes/ops';
import { panelRoutes } from '../http/routes/panels';
import { publicRoutes } from '../http/routes/public';
import { publicationRoutes } from '../http/routes/publication';
import { messageRoutes } from '../http/routes/messages';
import { paperOnlineRoutes } from '../http/routes/paper-online';
import { routesIn } from './route-groups';

/** The citizen function's routes: ballots, landing, logins, public reads, health, a printed form answered online. */
export const routes = routesIn('citizen', [publicRoutes, authRoutes, ballotRoutes, panelRoutes, publicationRoutes, opsRoutes, messageRoutes, paperOnlineRoutes]);
