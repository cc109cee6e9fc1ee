import { z } from 'zod';
import { Instant, NodeId, RoundId } from './ids';
import { ChannelKind } from './channel';
import { NodeKind } from './org';
import { FlagThresholdsOverride } from '../review/flag-thresholds';
import { ProgrammeId } from './programme';

/** 0 (nothing while open) or at least 5 ballots per batch. */
export const StaffBatch = z.union([z.literal(0), z.number().int().min(5).max(100_000)]);

/**
 * draft → open → closed → published; draft, open or closed → cancelled (an abandoned round:
 * it takes no ballots, is never published and never counts in any history).
 */
export const ROUND_STATUSES = ['draft', 'open', 'closed', 'published', 'cancelled'] as const;
export const RoundStatus = z.enum(ROUND_STATUSES);
export type RoundStatus = z.infer<typeof RoundStatus>;

export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  draft: '草稿',
  open: '进行中',
  closed: '已结束',
  published: '已公布',
  cancelled: '已取消',
};

/** Legal transitions; everything else is ROUND_STATE_CONFLICT. */
export const ROUND_TRANSITIONS: Record<RoundStatus, RoundStatus[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['published'],
  published: [],
  cancelled: [],
};

/** Statuses a round may be cancelled from (never a published one: that is corrected instead). */
export const CANCELLABLE_STATUSES: readonly RoundStatus[] = ['draft', 'open', 'closed'];

export const Period = z.object({
  kind: z.enum(['month', 'quarter', 'half', 'year', 'custom']),
  /** Human label, e.g. 2026年第四季度. */
  label: z.string().min(1).max(40),
  start: z.iso.date(),
  end: z.iso.date(),
});
export type Period = z.infer<typeof Period>;

/**
 * A rating round (评议轮次). Targets are every node of `targetKind`, or only `targetIds` when
 * given. Window tokens rate the window's ancestor at `targetKind` (a window QR feeds its
 * section in a section round). `windowDedupeHours`: one evaluator, one window, one period —
 * "one visit, one rating"; periods are aligned to China Standard Time midnights.
 * `tallyShards` spreads counter writes over that many partitions.
 */
export const Round = z.object({
  id: RoundId,
  name: z.string().min(1).max(80),
  /** The programme (评议项目) the round belongs to; history is read only within it. */
  programmeId: ProgrammeId,
  period: Period,
  schemeId: z.string(),
  /**
   * The scheme version the round is scored by, pinned at creation (the programme's version, or
   * the scheme's latest for a round made without a programme). Absent on rounds made before
   * schemes were versioned: version 1, the preset as it was.
   */
  schemeVersion: z.number().int().min(1).optional(),
  targetKind: NodeKind,
  targetIds: z.array(NodeId).max(5000).optional(),
  channels: z.array(ChannelKind).min(1),
  opensAt: Instant,
  closesAt: Instant,
  status: RoundStatus,
  windowDedupeHours: z.number().int().min(1).max(24 * 366),
  tallyShards: z.number().int().min(1).max(64),
  /**
   * Ranking group per target: a node id on the target's path (usually its category) → the
   * scheme's group id (通河: enforcement / management / service …). Unmapped targets rank in
   * a group named after their category id.
   */
  groupMap: z.record(NodeId, z.string().min(1).max(32)).optional(),
  /** When the stuffing detectors flag ballots of this round; absent parts take the defaults. */
  flagThresholds: FlagThresholdsOverride.optional(),
  /**
   * What a rated unit's staff see of this round while it is open (shared/privacy/disclosure.ts):
   * their tallies, scores and comments move only in batches of at least this many new ballots
   * per target; 0 shows nothing until the round closes. Absent: DEFAULT_STAFF_BATCH.
   */
  staffBatch: StaffBatch.optional(),
  samplingVersion: z.number().int().min(0),
  samplingRevoked: z.boolean(),
  createdAt: Instant,
  openedAt: Instant.optional(),
  closedAt: Instant.optional(),
  /** The latest published version (corrections add versions; none is ever edited). */
  publishedVersion: z.number().int().min(1).optional(),
  publishedAt: Instant.optional(),
  cancelledAt: Instant.optional(),
  /** Why the office cancelled it (who did is in the office audit log, not on the public round). */
  cancelReason: z.string().max(500).optional(),
});
export type Round = z.infer<typeof Round>;
