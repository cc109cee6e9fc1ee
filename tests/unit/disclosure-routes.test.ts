import { ROUTES } from '../../functions/src/http/routes';
import { ROUTE_DISCLOSURES } from '@shared/privacy/disclosure';
import { assertDeclarationFits, guardStaffAnswer, needsStaffGuard } from '../../functions/src/domain/disclosure/guard';

const OFFICE = ['supervisor', 'admin'];
/** Someone outside the supervising office can call it: the public, citizens, panels, monitors, inspectors, staff. */
const visible = (auth: unknown) => auth === 'public' || auth === 'optional' || (auth as string[]).some((r) => !OFFICE.includes(r));

describe('every route declares what it discloses', () => {
  it('names a disclosure for every route someone outside the office can call', () => {
    const missing = ROUTES.filter((r) => visible(r.auth) && !r.disclosure).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('uses only the policy’s disclosures, and staff routes are staff-scoped', () => {
    for (const r of ROUTES) {
      if (r.disclosure) expect(ROUTE_DISCLOSURES).toContain(r.disclosure);
      const staffRead = r.method === 'get' && Array.isArray(r.auth) && r.auth.includes('staff');
      if (staffRead) expect([r.path, r.disclosure]).toEqual([r.path, 'staff-scoped']);
      if (r.disclosure === 'office-only') expect(visible(r.auth)).toBe(false);
    }
  });

  it('refuses to mount a route declared office-only that admits staff or the public', () => {
    expect(() => assertDeclarationFits('/x', 'office-only', ['staff', 'supervisor'])).toThrow(/office-only/);
    expect(() => assertDeclarationFits('/x', 'office-only', 'public')).toThrow(/office-only/);
    expect(() => assertDeclarationFits('/x', 'office-only', ['supervisor', 'admin'])).not.toThrow();
  });
});

describe('the staff gate', () => {
  it('drops ballot-identifying fields at any depth and names them', () => {
    const out = guardStaffAnswer({ comments: [{ ballotId: 'b1', receivedAt: '2026-11-23T01:02:03Z', text: '好', nested: { receiptId: 'R1', evaluator: 'p' } }] });
    expect(out.body).toEqual({ comments: [{ text: '好', nested: {} }] });
    expect(out.stripped.sort()).toEqual(['ballotId', 'evaluator', 'receiptId', 'receivedAt']);
  });

  it('shows a task from a ballot without its receipt and with its problem scrubbed, also for tasks written before', () => {
    const out = guardStaffAnswer({ tasks: [{ source: 'ballot', sourceRef: 'AbC123xYz0', problem: '群众差评（回执 AbC123xYz0）：电话13812345678，我叫张三' }, { source: 'inspection', sourceRef: '暗访3号', problem: '无人' }] });
    expect(out.body).toEqual({ tasks: [{ source: 'ballot', problem: '群众差评：电话***********，我叫**' }, { source: 'inspection', sourceRef: '暗访3号', problem: '无人' }] });
    expect(out.stripped).toEqual([]);
  });

  it('applies to staff sessions on staff-scoped routes only', () => {
    expect(needsStaffGuard('staff-scoped', 'staff')).toBe(true);
    expect(needsStaffGuard('staff-scoped', 'supervisor')).toBe(false);
    expect(needsStaffGuard('public', 'staff')).toBe(false);
    expect(needsStaffGuard(undefined, 'staff')).toBe(false);
  });
});
