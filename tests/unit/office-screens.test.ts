import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROUTES } from '../../functions/src/http/routes';

/**
 * Every step the office or a unit's staff can take through the API has a screen that calls it:
 * a route only a script can reach is a step a county cannot take from the app. Walks the route
 * table and the client's request paths (apiRequest calls and URLs the client opens or downloads).
 */
const ROOT = join(__dirname, '..', '..');
const CLIENT = join(ROOT, 'client', 'src');

/** Routes that are not steps of a person at a screen, each with its reason. */
const NOT_A_SCREEN_STEP: Record<string, string> = {
  'post /admin/rounds/:id/target-inputs': "tools' form of the inputs page's step, which saves each target through PATCH /admin/rounds/:id/target-inputs/:targetId",
  'patch /admin/rounds/:id/target-inputs': "tools' form (a whole table, refused whole) of the inputs page's step, which saves each target on its own so a refused cell does not hold back the rest",
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** A path with every parameter as one wildcard segment: `/admin/rounds/:id` → `/admin/rounds/*`. */
const shapeOfRoute = (path: string) => path.replace(/:[A-Za-z]+/g, '*');

/**
 * The request paths a client file builds, with local path helpers (`const roundPath = (id) =>
 * \`/admin/rounds/${enc(id)}\``) inlined and every interpolation as a wildcard segment.
 */
function clientCalls(source: string): Array<{ method: string; shape: string }> {
  const helpers = new Map<string, string>();
  for (const m of source.matchAll(/const (\w+) = \([^)]*\)(?:: string)? => `([^`]*)`/g)) helpers.set(m[1]!, m[2]!);
  const inline = (t: string) => t.replace(/\$\{(\w+)\([^)]*\)\}/g, (whole, name: string) => helpers.get(name) ?? whole);
  const shape = (t: string) => inline(t).replace(/\?.*$/, '').replace(/\$\{[^}]*\}/g, '*').replace(/\*+/g, '*');
  const calls: Array<{ method: string; shape: string }> = [];
  for (const m of source.matchAll(/apiRequest\(\{/g)) {
    // The options object's first few hundred characters hold its method and path.
    const body = source.slice(m.index + m[0].length, m.index + 600);
    const path = /path: (?:'([^']*)'|`((?:[^`$]|\$\{[^}]*\})*)`|(\w+)\([^)]*\))/.exec(body);
    if (!path || (path[3] && !helpers.has(path[3]))) continue;
    const method = (/^[^]*?method: '([A-Z]+)'/.exec(body.slice(0, path.index))?.[1] ?? /^\s*method: '([A-Z]+)'/.exec(body)?.[1] ?? 'GET').toLowerCase();
    calls.push({ method, shape: shape(path[1] ?? path[2] ?? helpers.get(path[3]!)!) });
  }
  // Path helpers for what apiRequest cannot carry (binary downloads and uploads, PDFs the viewer
  // opens): each use in the file is a call, with the method written beside it (GET if none); an
  // exported helper (used by pages to open a URL) is a GET.
  const pathHelpers = /(export )?const (\w+) = \([^)]*\)(?:: string)? =>\s*(?:\w+ \?\s*`([^`]*)`\s*:\s*)?`([^`]*)`/g;
  for (const m of source.matchAll(pathHelpers)) {
    const templates = [m[3], m[4]].filter((t): t is string => t !== undefined).map((t) => t.replace(/^\$\{API_BASE\}/, '')).filter((t) => t.startsWith('/'));
    if (templates.length === 0) continue;
    const uses = [...source.matchAll(new RegExp(`\\b${m[2]}\\(`, 'g'))].filter((u) => u.index !== m.index + m[0].indexOf(m[2]!));
    const methods = uses.map((u) => (/method: '([A-Z]+)'/.exec(source.slice(u.index, u.index + 160))?.[1] ?? 'GET').toLowerCase());
    if (m[1]) methods.push('get');
    for (const method of new Set(methods)) for (const t of templates) calls.push({ method, shape: shape(t) });
  }
  // URLs the client opens or downloads (posters, exports, print pages) are GETs.
  for (const m of source.matchAll(/(?:apiUrl|apiImage)\(\s*(?:'([^']*)'|`((?:[^`$]|\$\{[^}]*\})*)`)/g)) calls.push({ method: 'get', shape: shape(m[1] ?? m[2]!) });
  return calls;
}

const matches = (route: string, call: string) => {
  const r = route.split('/');
  const c = call.split('/');
  return r.length === c.length && r.every((seg, i) => seg === '*' || c[i] === '*' || seg === c[i]);
};

describe('every office and staff step has a screen', () => {
  const calls = files(CLIENT).flatMap((f) => clientCalls(readFileSync(f, 'utf8')).map((c) => ({ ...c, file: relative(ROOT, f) })));

  it('reads the client (the walk itself finds the calls it must)', () => {
    expect(calls.some((c) => c.method === 'post' && c.shape === '/admin/rounds/*/publish')).toBe(true);
    expect(calls.some((c) => c.method === 'get' && c.shape === '/tasks')).toBe(true);
  });

  it('excuses only routes that exist', () => {
    const routes = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
    expect(Object.keys(NOT_A_SCREEN_STEP).filter((k) => !routes.has(k))).toEqual([]);
  });

  it('no signed-in route lacks a client call', () => {
    const missing = ROUTES.filter((r) => r.auth !== 'public')
      .filter((r) => !NOT_A_SCREEN_STEP[`${r.method} ${r.path}`])
      .filter((r) => !calls.some((c) => c.method === r.method && matches(shapeOfRoute(r.path), c.shape)))
      .map((r) => `${r.method.toUpperCase()} /api${r.path} — ${r.summary}`);
    expect(missing).toEqual([]);
  });
});
