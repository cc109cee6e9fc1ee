import { z } from 'zod';
import { ClientBallotId, Instant, NodeId, RoundId } from '../model/ids';
import { Answers } from '../model/form';
import { COMMENT_MAX, Receipt } from '../model/ballot';
import { Representative } from '../model/representative';
import { CitizenText } from '../privacy/text';
import { Commitment, DrawRecord, DrawSelection, Reveal, Stratum } from '../draw/draw';

export const RepresentativeImportResponse = z.object({ imported: z.number().int(), created: z.number().int(), updated: z.number().int() });
export const RepresentativeListResponse = z.object({ representatives: z.array(Representative) });

export const DrawId = z.string().regex(/^[A-Za-z0-9_-]{1,24}$/);

/**
 * Step 1 of a public draw: fixes the pool (the library after exclusions), the quotas and each
 * party's commitment. `strata` give integer weights (55/35/10, 2/7/1); `area` limits the pool.
 * Exclusions always applied: anyone working for a rated target (or a node above or below one),
 * and — with `excludeHouseholdsOfStaff` (default true) — everyone in their household.
 */
export const CreateDrawRequest = z.strictObject({
  id: DrawId,
  label: z.string().trim().min(1).max(80),
  n: z.number().int().min(1).max(10_000),
  strata: z.array(Stratum).min(1).max(12),
  area: z.string().trim().min(1).max(40).optional(),
  onePerHousehold: z.boolean().default(true),
  excludeHouseholdsOfStaff: z.boolean().default(true),
  commitments: z.array(Commitment).min(1).max(10),
});
export type CreateDrawRequest = z.infer<typeof CreateDrawRequest>;

/** Step 2: the parties reveal; the seed follows and the draw runs. */
export const RevealDrawRequest = z.strictObject({ reveals: z.array(Reveal).min(1).max(10) });
export type RevealDrawRequest = z.infer<typeof RevealDrawRequest>;

/** A draw as listed: no pool (fetch the record for that). */
export const DrawSummary = z.object({
  drawId: DrawId,
  roundId: RoundId,
  label: z.string(),
  status: z.enum(['committed', 'drawn', 'failed']),
  n: z.number().int(),
  quotas: z.record(z.string(), z.number().int()),
  poolSize: z.number().int(),
  poolHash: z.string(),
  commitments: z.array(Commitment),
  committedAt: z.string(),
  seed: z.string().optional(),
  selection: DrawSelection.optional(),
  shortfall: DrawRecord.shape.shortfall,
  drawnAt: z.string().optional(),
  invitedAt: z.string().optional(),
});
export type DrawSummary = z.infer<typeof DrawSummary>;

export const DrawLogEntry = z.object({ at: z.string(), drawId: DrawId, event: z.enum(['committed', 'drawn', 'failed', 'invited']), by: z.string(), poolHash: z.string(), seed: z.string().optional() });
export const DrawLogResponse = z.object({ roundId: RoundId, entries: z.array(DrawLogEntry) });

/** Invitations for the members a draw selected, pushed by subscription message. */
export const InviteDrawnRequest = z.strictObject({ expiresAt: Instant, targetIds: z.array(NodeId).min(1).max(5000).optional() });
export type InviteDrawnRequest = z.infer<typeof InviteDrawnRequest>;
export const InviteDrawnResponse = z.object({ invited: z.number().int(), messages: z.number().int() });

export const ReminderRequest = z.strictObject({ withinHours: z.number().int().min(1).max(24 * 30) });
export const ReminderResponse = z.object({ reminded: z.number().int(), skipped: z.number().int() });

/** 回收率: answered ÷ invited, per target and for the round. */
export const ReturnRateResponse = z.object({
  roundId: RoundId,
  channel: z.enum(['directed', 'hearing']),
  invited: z.number().int(),
  answered: z.number().int(),
  rate: z.number().nullable(),
  members: z.object({ invited: z.number().int(), answeredAll: z.number().int(), answeredNone: z.number().int() }),
  targets: z.array(z.object({ targetId: NodeId, invited: z.number().int(), answered: z.number().int(), rate: z.number().nullable() })),
});
export type ReturnRateResponse = z.infer<typeof ReturnRateResponse>;

/** A hearing session (听证评议): a group of rated units, the drawn representatives who score them. */
export const CreateHearingRequest = z.strictObject({
  id: DrawId,
  name: z.string().trim().min(1).max(80),
  drawId: DrawId,
  targetIds: z.array(NodeId).min(1).max(100),
  /** The sheets close then (usually the end of the session day). */
  expiresAt: Instant,
});
export type CreateHearingRequest = z.infer<typeof CreateHearingRequest>;

export const Hearing = z.object({
  id: DrawId,
  roundId: RoundId,
  name: z.string(),
  drawId: DrawId,
  targetIds: z.array(NodeId),
  representatives: z.number().int(),
  expiresAt: Instant,
  createdAt: Instant,
});
export type Hearing = z.infer<typeof Hearing>;
export const HearingList = z.object({ hearings: z.array(Hearing) });

/** The chair's live tally: sheets in, and the scheme's hearing score so far, per unit. */
export const HearingTally = z.object({
  hearing: Hearing,
  targets: z.array(
    z.object({
      targetId: NodeId,
      targetName: z.string(),
      sheets: z.number().int(),
      expected: z.number().int(),
      answers: z.record(z.string(), z.record(z.string(), z.number().int())),
      score: z.number().nullable(),
    }),
  ),
});

/** Monitor-point and inspection sheets (监测点即时/综合测评表, 明察暗访记录). */
export const SHEET_KINDS = ['instant', 'monthly', 'inspection'] as const;
export const Evidence = z.strictObject({ kind: z.enum(['photo', 'audio', 'video', 'document']), ref: z.string().regex(/^[A-Za-z0-9._\/:-]{1,200}$/) });
export const SubmitSheetRequest = z.strictObject({
  clientBallotId: ClientBallotId,
  roundId: RoundId,
  targetId: NodeId,
  kind: z.enum(SHEET_KINDS),
  answers: Answers,
  /** Monthly sheets: the month they sum up (YYYY-MM). */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(),
  /** Inspections: the day of the visit or call. */
  visitedOn: z.iso.date().optional(),
  comment: CitizenText(COMMENT_MAX).optional(),
  notes: CitizenText(2000).optional(),
  evidence: z.array(Evidence).max(10).optional(),
});
export type SubmitSheetRequest = z.infer<typeof SubmitSheetRequest>;
export const SubmitSheetResponse = z.object({ receipt: Receipt, replayed: z.boolean() });

export const PhoneImportResponse = z.object({ rows: z.number().int(), accepted: z.number().int(), replayed: z.number().int() });
