import { z } from 'zod';
import { NodeId, RoundId } from '../model/ids';
import { ChannelKind } from '../model/channel';

/** Channels whose opinions arrive as counts from elsewhere (电话测评 import, 听证会 sheets typed in), not as ballots. */
export const ImportedChannel = z.enum(['hearing', 'monitor', 'inspection', 'phone']);

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

/** Per-target facts entered by the supervisor (see TargetInputs in functions/src/ports). */
export const TargetInputsRequest = z.strictObject({
  targets: z
    .array(
      z.strictObject({
        targetId: NodeId,
        served: z.number().int().min(0).max(10_000_000).optional(),
        inputs: z.record(z.string().regex(/^[a-z0-9_]{1,32}$/), z.number().min(0).max(1000)).optional(),
        records: z.record(z.string().regex(/^[a-z0-9_]{1,32}$/), z.number().int().min(0).max(10_000)).optional(),
        misconduct: z.number().int().min(0).max(1000).optional(),
        /** Tallies of channels that do not come through ballots (电话测评 …), checked by the engine against the forms. */
        channels: z.partialRecord(ImportedChannel, ChannelTally).optional(),
      }),
    )
    .min(1)
    .max(5000),
});
export type TargetInputsRequest = z.infer<typeof TargetInputsRequest>;
