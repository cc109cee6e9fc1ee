import type { RouteSpec } from '../http/route';
import { ROUTES } from '../http/routes';

/**
 * Which Lambda function serves a route. Citizen-facing routes — those that need no staff
 * session (public or optional auth, or citizen/panel roles) and are not under /admin or
 * /evidence — go to the
 * `citizen` function: the hot, small ballot path with read + conditional-write rights only.
 * Everything else goes to `staff`. template.yaml routes the citizen paths explicitly and sends
 * the rest to staff; tests/unit/deploy-template.test.ts proves the two agree for every route.
 */
export type FunctionGroup = 'citizen' | 'staff';

const CITIZEN_ROLES = new Set(['citizen', 'panel']);

/** Staff-side prefixes even when a route is public: evidence files belong with rectification. */
const STAFF_PREFIXES = ['/admin/', '/evidence/'];

export function groupOf(spec: RouteSpec<any>): FunctionGroup {
  if (STAFF_PREFIXES.some((prefix) => spec.path.startsWith(prefix))) return 'staff';
  if (spec.auth === 'public' || spec.auth === 'optional') return 'citizen';
  return spec.auth.some((role) => CITIZEN_ROLES.has(role)) ? 'citizen' : 'staff';
}

export const routesOf = (group: FunctionGroup): RouteSpec<any>[] => ROUTES.filter((spec) => groupOf(spec) === group);
