import { paperPdfRoutes } from '../http/routes/paper-pdf';
import { routesIn } from './route-groups';

/** The paper function's routes: printed forms and invitation letters as PDF. */
export const routes = routesIn('paper', [paperPdfRoutes]);
