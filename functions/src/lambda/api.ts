import { ROUTES } from '../http/routes';
import { lambdaHandler } from './bootstrap';

/** Every route in one function (a single-function deployment; the integration tests use it). */
export const handler = lambdaHandler(ROUTES);
