import type { Logger } from '../http/errors';

/** What became of one ballot request, as the metrics count it. */
export type BallotOutcome = 'accepted' | 'replayed' | 'duplicate' | 'rejected';

/** The metrics port: the app reports outcomes, the adapter decides where numbers go. */
export interface Metrics {
  /** `code` is the stable error code of a duplicate/rejection; `flags` the anti-stuffing flags raised. */
  ballot(outcome: BallotOutcome, detail?: { code?: string; flags?: readonly string[] }): void;
}

export const METRICS_NAMESPACE = 'Pingyi';

const METRIC_OF: Record<BallotOutcome, string> = {
  accepted: 'BallotsAccepted',
  replayed: 'BallotsReplayed',
  duplicate: 'BallotsDuplicate',
  rejected: 'BallotsRejected',
};

/**
 * CloudWatch Embedded Metric Format: a JSON log line with an `_aws` block becomes metrics when
 * Lambda ships stdout to CloudWatch Logs — no SDK call, no extra latency, no dependency.
 * Rejections carry the error code as a dimension (a fixed, documented set, so cardinality is
 * bounded); each raised flag is counted under its flag id.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
export function emfMetrics(log: Logger, namespace = METRICS_NAMESPACE, now: () => number = Date.now): Metrics {
  const emit = (name: string, dimensions: Record<string, string>) => {
    const keys = Object.keys(dimensions);
    log({
      level: 'info',
      msg: 'metric',
      _aws: { Timestamp: now(), CloudWatchMetrics: [{ Namespace: namespace, Dimensions: [keys], Metrics: [{ Name: name, Unit: 'Count' }] }] },
      ...dimensions,
      [name]: 1,
    });
  };
  return {
    ballot(outcome, detail = {}) {
      emit(METRIC_OF[outcome], outcome === 'rejected' || outcome === 'duplicate' ? { Code: detail.code ?? 'UNKNOWN' } : {});
      for (const flag of detail.flags ?? []) emit('BallotsFlagged', { Flag: flag });
    },
  };
}

/** Counts in memory: tests read them. */
export function memoryMetrics(): Metrics & { counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const add = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  return {
    counts,
    ballot(outcome, detail = {}) {
      add(detail.code ? `${outcome}:${detail.code}` : outcome);
      for (const flag of detail.flags ?? []) add(`flagged:${flag}`);
    },
  };
}
