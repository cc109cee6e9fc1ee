import type { RouteSpec } from '../http/route';

/**
 * Which Lambda function serves a route. The rule lives here, apart from any route module, so the
 * template test can apply it to every route while each function imports only its own modules.
 *
 *  - `exports`: rendered downloads of a published round (Excel, CSV, print HTML) and its ballot
 *    log. They carry the Excel writer, the heaviest dependency we have (the log: a scan of the
 *    ballots), and need nothing but table reads.
 *  - `citizen`: routes that need no staff session (public or optional auth, or citizen/panel
 *    roles) and are not under /admin or /evidence: the hot, small ballot path, with read +
 *    conditional-write rights only.
 *  - `workbooks`: the inputs template of a round as Excel and its upload
 *    (routes/target-inputs-xlsx.ts): office routes that need exceljs, kept out of staff so that
 *    bundle stays without it.
 *  - `paper`: the PDF downloads (printed forms, invitation letters, routes/paper-pdf.ts): the PDF
 *    writer and its CJK font stay out of the other bundles.
 *  - `staff`: everything else.
 *  - `local`: the dev login (routes/dev-login.ts): mounted by the local server only, served by no
 *    Lambda function and absent from template.yaml (it falls through to staff, which answers 404).
 *
 * template.yaml routes the citizen and exports paths explicitly and sends the rest to staff;
 * tests/unit/deploy-template.test.ts proves the template, this rule and each function's route
 * list (lambda/<function>-routes.ts) agree for every route.
 */
export type FunctionGroup = 'citizen' | 'staff' | 'exports' | 'workbooks' | 'paper' | 'local';

/** Routes no deployed function serves, whatever its environment. */
const LOCAL_ONLY = new Set(['/auth/dev']);

const CITIZEN_ROLES = new Set(['citizen', 'panel']);

/** Staff-side prefixes even when a route is public: evidence files belong with rectification. */
const STAFF_PREFIXES = ['/admin/', '/evidence/'];

/** The rendered formats of a published version and its ballot log (routes/exports.ts). */
const EXPORT_PATH = /^\/public\/rounds\/:id\/(results\.(xlsx|csv)|print|ballots\.jsonl)$/;

/** Office workbooks (routes/target-inputs-xlsx.ts). */
const WORKBOOK_PATH = /^\/admin\/rounds\/:id\/target-inputs\.xlsx$/;

/** Rendered PDFs (routes/paper-pdf.ts). */
const PDF_PATH = /\.pdf$/;

export function groupOf(spec: RouteSpec<any>): FunctionGroup {
  if (LOCAL_ONLY.has(spec.path)) return 'local';
  if (WORKBOOK_PATH.test(spec.path)) return 'workbooks';
  if (PDF_PATH.test(spec.path)) return 'paper';
  if (STAFF_PREFIXES.some((prefix) => spec.path.startsWith(prefix))) return 'staff';
  if (spec.auth === 'public' && EXPORT_PATH.test(spec.path)) return 'exports';
  if (spec.auth === 'public' || spec.auth === 'optional') return 'citizen';
  return spec.auth.some((role) => CITIZEN_ROLES.has(role)) ? 'citizen' : 'staff';
}

/**
 * A function's routes: those of its group from the route modules it imports. A module may hold
 * routes of several groups (auth.ts: WeChat logins and admin accounts); the test checks that
 * no function misses a module holding one of its routes.
 */
export function routesIn(group: FunctionGroup, modules: ReadonlyArray<readonly RouteSpec<any>[]>): RouteSpec<any>[] {
  return modules.flat().filter((spec) => groupOf(spec) === group);
}
