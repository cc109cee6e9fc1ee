import { emfMetrics, memoryMetrics } from '../../functions/src/observability/metrics';
import { ballotOutcome } from '../../functions/src/observability/request-log';

describe('ballot outcomes', () => {
  it.each([
    [201, undefined, 'accepted'],
    [200, undefined, 'replayed'],
    [409, 'DUPLICATE_BALLOT', 'duplicate'],
    [409, 'INVITATION_USED', 'duplicate'],
    [409, 'IDEMPOTENCY_CONFLICT', 'rejected'],
    [403, 'TOKEN_INVALID', 'rejected'],
    [503, 'STORE_UNAVAILABLE', 'rejected'],
  ] as const)('classifies status %i with code %s as %s', (status, code, outcome) => {
    expect(ballotOutcome(status, code)).toBe(outcome);
  });
});

describe('EMF metrics', () => {
  const emitted = (fn: (m: ReturnType<typeof emfMetrics>) => void) => {
    const lines: Record<string, any>[] = [];
    fn(emfMetrics((e) => lines.push(e), 'Pingyi', () => 1_700_000_000_000));
    return lines;
  };

  it('writes an accepted ballot as a dimensionless count', () => {
    expect(emitted((m) => m.ballot('accepted'))).toEqual([
      { level: 'info', msg: 'metric', BallotsAccepted: 1, _aws: { Timestamp: 1_700_000_000_000, CloudWatchMetrics: [{ Namespace: 'Pingyi', Dimensions: [[]], Metrics: [{ Name: 'BallotsAccepted', Unit: 'Count' }] }] } },
    ]);
  });

  it('counts rejections by code and each raised flag by its id', () => {
    const lines = emitted((m) => m.ballot('rejected', { code: 'TOKEN_REVOKED', flags: ['burst_from_one_device'] }));
    expect(lines.map((l) => [l._aws.CloudWatchMetrics[0].Metrics[0].Name, l._aws.CloudWatchMetrics[0].Dimensions[0], l.Code ?? l.Flag])).toEqual([
      ['BallotsRejected', ['Code'], 'TOKEN_REVOKED'],
      ['BallotsFlagged', ['Flag'], 'burst_from_one_device'],
    ]);
  });

  it('keeps counts in memory for tests', () => {
    const m = memoryMetrics();
    m.ballot('duplicate', { code: 'DUPLICATE_BALLOT' });
    m.ballot('accepted', { flags: ['f1'] });
    expect(m.counts).toEqual({ 'duplicate:DUPLICATE_BALLOT': 1, accepted: 1, 'flagged:f1': 1 });
  });
});
