import { exportRoutes } from '../http/routes/exports';
import { routesIn } from './route-groups';

/** The exports function's routes: a published round as Excel, CSV and print HTML, and its ballot log. */
export const routes = routesIn('exports', [exportRoutes]);
