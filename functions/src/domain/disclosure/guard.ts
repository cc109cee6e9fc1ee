import { BALLOT_IDENTIFYING_FIELDS, staffTask, type RouteDisclosure } from '@shared/privacy/disclosure';
import type { Role } from '@shared/api/auth';

const IDENTIFYING = new Set<string>(BALLOT_IDENTIFYING_FIELDS);
const OFFICE: readonly Role[] = ['supervisor', 'admin'];

/**
 * The last gate of a `staff-scoped` answer to a staff session, whatever use case built it: every
 * ballot-identifying field is dropped at any depth, and a rectification task from a ballot is
 * shown as staffTask() makes it (no receipt id; problem scrubbed). `stripped` names what had to
 * go: the use cases should never send it, so the app logs each one as an error.
 * @example guardStaffAnswer({ comments: [{ ballotId: 'b1', text: '好' }] }) // { body: { comments: [{ text: '好' }] }, stripped: ['ballotId'] }
 */
export function guardStaffAnswer(body: unknown): { body: unknown; stripped: string[] } {
  const stripped: string[] = [];
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object' || Buffer.isBuffer(v)) return v;
    let o = v as Record<string, unknown>;
    // Expected, not a slip: the office keeps a ballot task's receipt id as its reference.
    if (o.source === 'ballot' && typeof o.problem === 'string') o = staffTask(o as { source: string; problem: string; sourceRef?: string });
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      if (IDENTIFYING.has(k)) stripped.push(k);
      else out[k] = walk(x);
    }
    return out;
  };
  return { body: walk(body), stripped };
}

/** Whether an answer goes through the staff gate: a staff-scoped route, answering someone outside the office. */
export function needsStaffGuard(disclosure: RouteDisclosure | undefined, role: Role | undefined): boolean {
  return disclosure === 'staff-scoped' && role !== undefined && !OFFICE.includes(role);
}

/** A route declared office-only must not admit anyone else: a misdeclared route fails at start, not in production. */
export function assertDeclarationFits(path: string, disclosure: RouteDisclosure | undefined, auth: 'public' | 'optional' | readonly Role[]): void {
  if (disclosure !== 'office-only') return;
  if (auth === 'public' || auth === 'optional' || auth.some((r) => !OFFICE.includes(r))) throw new Error(`route ${path} is declared office-only but admits ${JSON.stringify(auth)}`);
}
