import { targetInputXlsxRoutes } from '../http/routes/target-inputs-xlsx';
import { routesIn } from './route-groups';

/** The workbooks function's routes: a round's inputs template as Excel, and its upload. */
export const routes = routesIn('workbooks', [targetInputXlsxRoutes]);
