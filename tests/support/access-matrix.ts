import type { Role } from '@shared/api/auth';

/**
 * Who may call what, written by hand on purpose: tests/integration/authz-matrix.test.ts holds
 * the real route table to it, so a route whose `auth` is loosened (or a new route nobody thought
 * about) fails there. `public`: no session read; `optional`: anyone, a session is read if sent;
 * otherwise the roles allowed. docs/access.md shows the same table (the test checks it).
 */
export const CALLERS = ['anonymous', 'citizen', 'panel', 'monitor', 'inspector', 'staff', 'supervisor', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];

const OFFICE = ['supervisor', 'admin'] as const;
const WORKERS = ['staff', 'supervisor', 'admin'] as const;

export const ACCESS_MATRIX: Record<string, 'public' | 'optional' | readonly Role[]> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /landing/:token': 'public',
  'GET /rounds': 'public',
  'GET /rounds/:id': 'public',
  'GET /org': 'public',
  'POST /auth/wechat': 'public',
  'POST /auth/wechat/bind': 'public',
  'POST /auth/wechat/office': 'public',
  'POST /auth/dev': 'public',
  'GET /messages/templates': 'public',
  'POST /invitations/subscribe': 'public',
  'POST /auth/wechat/subscribe': ['staff'],
  'POST /ballots': 'optional',
  'POST /sheets': ['monitor', 'inspector'],
  'GET /draws/:id': 'public',
  'GET /draws/:id/record': 'public',
  'GET /rounds/:id/draw-log': 'public',
  'GET /public/results': 'public',
  'GET /public/rounds/:id/results': 'public',
  'GET /public/rounds/:id/snapshot.json': 'public',
  'GET /public/rounds/:id/proof/:digest': 'public',
  'GET /public/rounds/:id/ballots.jsonl': 'public',
  'GET /public/rounds/:id/results.xlsx': 'public',
  'GET /public/rounds/:id/results.csv': 'public',
  'GET /public/rounds/:id/print': 'public',
  'PUT /evidence/local/:token': 'public',
  'GET /evidence/local/:token': 'public',

  'GET /rounds/:id/tallies': WORKERS,
  'GET /rounds/:id/results': WORKERS,
  'GET /rounds/:id/return-rate': WORKERS,
  'GET /rounds/:id/targets/:targetId/comments': WORKERS,
  'GET /tasks': WORKERS,
  'GET /tasks/:id': WORKERS,
  'POST /tasks/:id/start': WORKERS,
  'POST /tasks/:id/evidence/uploads': WORKERS,
  'POST /tasks/:id/evidence': WORKERS,
  'GET /tasks/:id/evidence/:evidenceId': WORKERS,
  'POST /tasks/:id/submit': WORKERS,

  'POST /admin/accounts': ['admin'],
  'POST /admin/nodes': OFFICE,
  'POST /admin/nodes/import': OFFICE,
  'POST /admin/rounds': OFFICE,
  'POST /admin/rounds/:id/open': OFFICE,
  'POST /admin/rounds/:id/close': OFFICE,
  'POST /admin/rounds/:id/cancel': OFFICE,
  'POST /admin/programmes': OFFICE,
  'GET /admin/programmes': OFFICE,
  'GET /admin/programmes/:id': OFFICE,
  'POST /admin/programmes/:id/links': OFFICE,
  'GET /admin/schemes': OFFICE,
  'POST /admin/schemes/validate': OFFICE,
  'POST /admin/schemes/preview': OFFICE,
  'POST /admin/schemes': OFFICE,
  'GET /admin/schemes/:id': OFFICE,
  'POST /admin/schemes/:id/versions': OFFICE,
  'GET /admin/schemes/:id/diff': OFFICE,
  'POST /admin/windows/:id/qr': OFFICE,
  'GET /admin/windows/:id/code.png': OFFICE,
  'DELETE /admin/windows/:id/qr': OFFICE,
  'POST /admin/rounds/:id/sampling-link': OFFICE,
  'DELETE /admin/rounds/:id/sampling-link': OFFICE,
  'POST /admin/rounds/:id/invitations': OFFICE,
  'DELETE /admin/invitations/:id': OFFICE,
  'POST /admin/rounds/:id/target-inputs': OFFICE,
  'GET /admin/rounds/:id/target-inputs': OFFICE,
  'PATCH /admin/rounds/:id/target-inputs': OFFICE,
  'PATCH /admin/rounds/:id/target-inputs/:targetId': OFFICE,
  'GET /admin/rounds/:id/target-inputs.xlsx': OFFICE,
  'POST /admin/rounds/:id/target-inputs.xlsx': OFFICE,
  'POST /admin/rounds/:id/recount': OFFICE,
  'POST /admin/representatives/import': OFFICE,
  'GET /admin/representatives': OFFICE,
  'POST /admin/rounds/:id/draws': OFFICE,
  'POST /admin/draws/:id/reveal': OFFICE,
  'POST /admin/draws/:id/invitations': OFFICE,
  'POST /admin/rounds/:id/reminders': OFFICE,
  'POST /admin/rounds/:id/hearings': OFFICE,
  'GET /admin/rounds/:id/hearings': OFFICE,
  'GET /rounds/:id/hearings/:hearingId/tally': OFFICE,
  'POST /admin/rounds/:id/phone-survey': OFFICE,
  'GET /admin/rounds/:id/ballots': OFFICE,
  'POST /admin/rounds/:id/ballots/:ballot/void': OFFICE,
  'POST /admin/rounds/:id/misconduct': OFFICE,
  'GET /admin/rounds/:id/flags': OFFICE,
  'POST /admin/rounds/:id/flags/:flagId/decision': OFFICE,
  'GET /admin/rounds/:id/audit': OFFICE,
  'POST /admin/rounds/:id/publish': OFFICE,
  'GET /admin/rounds/:id/consequences': OFFICE,
  'POST /admin/tasks': OFFICE,
  'POST /admin/rounds/:id/tasks/from-ballots': OFFICE,
  'POST /admin/rounds/:id/tasks/from-results': OFFICE,
  'POST /admin/rounds/:id/tasks/from-rules': OFFICE,
  'POST /admin/tasks/:id/reinspection': OFFICE,
  'POST /admin/tasks/:id/second-notice': OFFICE,
  'POST /admin/tasks/:id/refused': OFFICE,
  'POST /admin/tasks/reminders': OFFICE,
  'GET /admin/outbox': OFFICE,
  'GET /admin/audit-log': OFFICE,
  'GET /admin/rounds/:id/targets/:targetId/original-comments': OFFICE,
  'POST /admin/rounds/:id/paper/forms': OFFICE,
  'GET /admin/rounds/:id/paper': OFFICE,
  'GET /admin/paper/serials/:serial': OFFICE,
  'POST /admin/rounds/:id/paper/returns': OFFICE,
  'GET /admin/rounds/:id/paper/mismatches': OFFICE,
  'POST /admin/rounds/:id/paper/returns/:serial/resolve': OFFICE,
  'GET /admin/rounds/:id/paper/forms.pdf': OFFICE,
  'GET /admin/rounds/:id/paper/batches/:batchId/forms.pdf': OFFICE,
  'GET /admin/draws/:id/letters': OFFICE,
  'GET /admin/draws/:id/letters.pdf': OFFICE,
  'GET /paper/forms/:serial': 'public',
  'POST /paper/forms/:serial/ballot': 'public',
  'GET /invitations/code/:code': 'public',
};

/** The matrix as the Markdown table in docs/access.md. */
export function renderAccessTable(): string {
  const head = `| route | ${CALLERS.join(' | ')} |`;
  const rule = `|---|${CALLERS.map(() => ':-:').join('|')}|`;
  const cell = (r: (typeof ACCESS_MATRIX)[string], c: Caller) => {
    if (r === 'public' || r === 'optional') return '✓';
    if (c === 'anonymous' || !r.includes(c)) return '—';
    return c === 'staff' ? 'own unit' : '✓';
  };
  const rows = Object.entries(ACCESS_MATRIX).map(([k, r]) => `| \`${k}\`${r === 'optional' ? ' (session optional)' : ''} | ${CALLERS.map((c) => cell(r, c)).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}
