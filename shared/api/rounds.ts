import { z } from 'zod';
import { Instant, NodeId, RoundId } from '../model/ids';
import { ChannelKind } from '../model/channel';
import { NodeKind } from '../model/org';
import { Period, Round, StaffBatch } from '../model/round';
import { BallotForm } from '../model/form';
import { FlagThresholdsOverride } from '../review/flag-thresholds';
import { ProgrammeId } from '../model/programme';

export const CreateRoundRequest = z.strictObject({
  id: RoundId,
  name: z.string().trim().min(1).max(80),
  /**
   * The programme the round belongs to; its scheme must be the programme's. Omitted: a new
   * programme `round-<id>` is made for this round alone, so it never shares history by accident.
   */
  programmeId: ProgrammeId.optional(),
  period: Period,
  schemeId: z.string().min(1).max(32),
  /** A version of the scheme; omitted: the programme's pinned version, or the scheme's latest. */
  schemeVersion: z.number().int().min(1).optional(),
  targetKind: NodeKind,
  targetIds: z.array(NodeId).min(1).max(5000).optional(),
  channels: z.array(ChannelKind).min(1).max(7),
  opensAt: Instant,
  closesAt: Instant,
  windowDedupeHours: z.number().int().min(1).max(24 * 366).default(24),
  tallyShards: z.number().int().min(1).max(64).default(4),
  groupMap: z.record(NodeId, z.string().min(1).max(32)).optional(),
  flagThresholds: FlagThresholdsOverride.optional(),
  /** Staff see an open round in batches of at least this many new ballots per target; 0: only once closed. */
  staffBatch: StaffBatch.optional(),
});
export type CreateRoundRequest = z.infer<typeof CreateRoundRequest>;

/** Public view of a round: the round, and for each form key the form it shows. */
export const RoundView = z.object({ round: Round, schemeName: z.string(), forms: z.record(z.string(), BallotForm) });
export type RoundView = z.infer<typeof RoundView>;

export const RoundListResponse = z.object({ rounds: z.array(Round) });
export type RoundListResponse = z.infer<typeof RoundListResponse>;
