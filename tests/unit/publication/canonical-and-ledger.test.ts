import { canonicalJson } from '@shared/publication/canonical';
import { addWorkingDays } from '@shared/rectification/working-days';
import { taskDeduction } from '@shared/rectification/deductions';
import type { RectificationTask } from '@shared/rectification/task';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 'é' }], c: undefined } })).toBe('{"a":{"d":[1,{"y":"é","z":0}]},"b":1}');
  });
  it('gives equal bytes for equal objects built in another order', () => {
    expect(canonicalJson({ x: 0.1 + 0.2, y: [null, true] })).toBe(canonicalJson({ y: [null, true], x: 0.30000000000000004 }));
  });
  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ a: NaN })).toThrow('non-finite');
  });
});

describe('addWorkingDays', () => {
  it('skips weekends, holidays, and counts swapped working weekends', () => {
    expect(addWorkingDays('2026-11-20', 3)).toBe('2026-11-25');
    expect(addWorkingDays('2026-09-30', 1, { holidays: ['2026-10-01', '2026-10-02', '2026-10-05'] })).toBe('2026-10-06');
    expect(addWorkingDays('2026-09-25', 1, { workingWeekends: ['2026-09-26'] })).toBe('2026-09-26');
  });
});

describe('taskDeduction', () => {
  const base: RectificationTask = {
    taskId: 'T1', unitId: 'u1', targetId: 's1', targetName: '科', source: 'manual', problem: 'p', deadlineWorkingDays: 3, dueDate: '2026-11-25',
    status: 'in_progress', openedAt: '2026-11-20T02:00:00.000Z', evidence: [], reinspections: [], history: [{ kind: 'opened', at: '2026-11-20T02:00:00.000Z', by: 'x' }], revision: 1,
  };
  const at = (iso: string) => new Date(iso);
  it('is nothing before the due date and late after it (China Standard Time day)', () => {
    expect(taskDeduction(base, at('2026-11-25T15:59:00Z'))).toBeNull();
    expect(taskDeduction(base, at('2026-11-25T16:00:00Z'))).toBe('late_or_incomplete');
  });
  it('keeps a late close late and an on-time close clean', () => {
    expect(taskDeduction({ ...base, status: 'closed', closedAt: '2026-11-25T10:00:00Z' }, at('2027-01-01T00:00:00Z'))).toBeNull();
    expect(taskDeduction({ ...base, status: 'closed', closedAt: '2026-11-26T10:00:00Z' }, at('2027-01-01T00:00:00Z'))).toBe('late_or_incomplete');
  });
  it('counts a task once, under the worst kind its history earns', () => {
    const notice = { kind: 'second_notice' as const, at: '2026-11-21T00:00:00Z', by: 's' };
    const failed = { kind: 'reinspection_failed' as const, at: '2026-11-22T00:00:00Z', by: 's' };
    expect(taskDeduction({ ...base, history: [...base.history, failed] }, at('2026-11-23T00:00:00Z'))).toBe('late_or_incomplete');
    expect(taskDeduction({ ...base, history: [...base.history, notice] }, at('2026-11-23T00:00:00Z'))).toBeNull();
    expect(taskDeduction({ ...base, history: [...base.history, notice, failed] }, at('2026-11-23T00:00:00Z'))).toBe('after_second_notice');
    expect(taskDeduction({ ...base, history: [...base.history, notice, failed, { kind: 'refused', at: '2026-11-24T00:00:00Z', by: 's' }] }, at('2026-11-23T00:00:00Z'))).toBe('refused');
  });
});
