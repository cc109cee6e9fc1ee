import { z } from 'zod';
import { NodeId, RoundId } from '../model/ids';
import { ChannelKind } from '../model/channel';

/** Counts per (item, option) for one target on one channel; `ballots` counts ballots. */
export const ChannelTally = z.object({ ballots: z.number().int(), answers: z.record(z.string(), z.record(z.string(), z.number().int())) });
export type ChannelTally = z.infer<typeof ChannelTally>;

export const TargetTally = z.object({
  targetId: NodeId,
  targetName: z.string(),
  categoryId: NodeId,
  channels: z.partialRecord(ChannelKind, ChannelTally),
});
export type TargetTally = z.infer<typeof TargetTally>;

export const TalliesResponse = z.object({ roundId: RoundId, computedAt: z.string(), targets: z.array(TargetTally) });
export type TalliesResponse = z.infer<typeof TalliesResponse>;
