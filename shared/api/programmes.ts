import { z } from 'zod';
import { NodeId, RoundId } from '../model/ids';
import { NodeKind } from '../model/org';
import { Period, RoundStatus } from '../model/round';
import { Cadence, Programme, ProgrammeId, SOLO_PROGRAMME_PREFIX, TargetLink, TargetLinkKind } from '../model/programme';

export const CreateProgrammeRequest = z.strictObject({
  id: ProgrammeId.refine((id) => !id.startsWith(SOLO_PROGRAMME_PREFIX), { message: `id must not start with ${SOLO_PROGRAMME_PREFIX} (kept for solo programmes)` }),
  name: z.string().trim().min(1).max(80),
  schemeId: z.string().min(1).max(32),
  /** The scheme version to pin; omitted: the scheme's latest version. */
  schemeVersion: z.number().int().min(1).optional(),
  cadence: Cadence,
  yearStartMonth: z.number().int().min(1).max(12).default(1),
  targetKind: NodeKind,
  targetIds: z.array(NodeId).min(1).max(5000).optional(),
  groupMap: z.record(NodeId, z.string().min(1).max(32)).optional(),
});
export type CreateProgrammeRequest = z.infer<typeof CreateProgrammeRequest>;

/** A round as the programme lists it: enough to read its place in the history. */
export const ProgrammeRound = z.object({
  id: RoundId,
  name: z.string(),
  period: Period,
  status: RoundStatus,
  publishedVersion: z.number().int().min(1).optional(),
  cancelReason: z.string().optional(),
});
export type ProgrammeRound = z.infer<typeof ProgrammeRound>;

/**
 * A programme with its rounds (oldest period first), its identity links and whether its pinned
 * scheme version is still the preset's (`schemeCurrent` false: the preset was edited since).
 */
export const ProgrammeView = z.object({
  programme: Programme,
  schemeName: z.string(),
  schemeCurrent: z.boolean(),
  rounds: z.array(ProgrammeRound),
  links: z.array(TargetLink),
});
export type ProgrammeView = z.infer<typeof ProgrammeView>;

export const ProgrammeListResponse = z.object({
  programmes: z.array(Programme.extend({ schemeName: z.string(), roundCount: z.number().int().min(0) })),
});
export type ProgrammeListResponse = z.infer<typeof ProgrammeListResponse>;

/** See `TargetLink` for what each kind means for history. */
export const LinkTargetsRequest = z.strictObject({
  kind: TargetLinkKind,
  from: z.array(NodeId).min(1).max(50),
  to: z.array(NodeId).min(1).max(50),
  carries: z.array(NodeId).max(50).optional(),
  note: z.string().trim().max(200).optional(),
});
export type LinkTargetsRequest = z.infer<typeof LinkTargetsRequest>;

/** Why a round is cancelled: required, kept on the round and in the office audit log. */
export const CancelRoundRequest = z.strictObject({ reason: z.string().trim().min(2).max(500) });
export type CancelRoundRequest = z.infer<typeof CancelRoundRequest>;
