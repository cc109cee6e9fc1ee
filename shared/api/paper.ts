import { z } from 'zod';
import { NodeId, RoundId } from '../model/ids';
import { Answers, BallotForm } from '../model/form';
import { ChannelKind } from '../model/channel';
import { COMMENT_MAX, Receipt } from '../model/ballot';
import { PaperKind } from '../paper/kinds';

const Day = z.iso.date();

/**
 * Issue printed forms: `count` serials to each target (forms issued: the return rate's
 * denominator). `channel` defaults to the kind's first channel the round takes.
 * @example { targetIds: ['w101'], count: 50, kind: 'envelope' }
 */
export const IssueFormsRequest = z
  .strictObject({
    targetIds: z.array(NodeId).min(1).max(200),
    count: z.number().int().min(1).max(500),
    kind: PaperKind,
    channel: ChannelKind.optional(),
  })
  .refine((r) => r.targetIds.length * r.count <= 2000, { message: '一次最多印发 2000 份', path: ['count'] });
export type IssueFormsRequest = z.infer<typeof IssueFormsRequest>;

export const IssuedBatchView = z.object({
  batchId: z.string(),
  targetId: NodeId,
  targetName: z.string(),
  kind: PaperKind,
  channel: ChannelKind,
  /** Printed as on the form: `7K2M-9XPQ-4D1C`. */
  serials: z.array(z.string()),
  issuedAt: z.string(),
});
export const IssueFormsResponse = z.object({ roundId: RoundId, batches: z.array(IssuedBatchView) });
export type IssueFormsResponse = z.infer<typeof IssueFormsResponse>;

/** Per target: forms issued, counted from paper, answered online, waiting for the second keying, waiting for a supervisor. */
export const PaperTargetRow = z.object({
  targetId: NodeId,
  targetName: z.string(),
  issued: z.number().int(),
  /** Keyed from paper and counted. */
  counted: z.number().int(),
  /** Answered online through the form's own QR (the paper, if it comes too, no longer counts). */
  online: z.number().int(),
  awaitingSecond: z.number().int(),
  mismatches: z.number().int(),
  /**
   * 回收率: forms returned (counted or answered online) ÷ forms issued, of the kinds that count
   * issued forms (envelope, visit) on the scheme's return-rate channels; the engine's return rate
   * is this same number. null when none were issued.
   */
  returnRate: z.number().nullable(),
});
export const PaperOverview = z.object({
  roundId: RoundId,
  targets: z.array(PaperTargetRow),
  batches: z.array(IssuedBatchView.omit({ serials: true }).extend({ count: z.number().int() })),
});
export type PaperOverview = z.infer<typeof PaperOverview>;

/**
 * What a scanned or typed serial resolves to. Never what anyone keyed: the second clerk keys
 * blind. `keyedByYou` says whether the caller keyed it already (then someone else must).
 */
export const SerialView = z.object({
  serial: z.string(),
  roundId: RoundId,
  roundName: z.string(),
  targetId: NodeId,
  targetName: z.string(),
  kind: PaperKind,
  kindLabel: z.string(),
  channel: ChannelKind,
  form: BallotForm,
  status: z.enum(['not_returned', 'keyed_once', 'mismatch', 'counted', 'superseded', 'online']),
  keyedByYou: z.boolean(),
  period: z.object({ start: Day, end: Day }),
  roundClosed: z.boolean(),
});
export type SerialView = z.infer<typeof SerialView>;

/**
 * One keying of one returned form. `serial` as typed or scanned (the QR link works too).
 * `postmarkedOn`: the envelope's postmark (needed once the round has closed); `filledOn`: the
 * day a dated sheet was filled in (monitor, inspection, hearing, visit), back-dating inside the
 * round period allowed and audited.
 */
export const KeyReturnRequest = z.strictObject({
  serial: z.string().min(1).max(300),
  answers: Answers,
  comment: z.string().max(COMMENT_MAX).optional(),
  postmarkedOn: Day.optional(),
  filledOn: Day.optional(),
});
export type KeyReturnRequest = z.infer<typeof KeyReturnRequest>;

export const KeyReturnResponse = z.object({
  serial: z.string(),
  targetId: NodeId,
  /** `awaiting_second`: keyed once; `counted`: both keyings agree, the ballot is written; `mismatch`: waits for a supervisor. */
  status: z.enum(['awaiting_second', 'counted', 'mismatch']),
  receipt: Receipt.optional(),
});
export type KeyReturnResponse = z.infer<typeof KeyReturnResponse>;

const KeyingView = z.object({ clerk: z.string(), answers: Answers, comment: z.string().optional(), postmarkedOn: Day.optional(), filledOn: Day.optional(), at: z.string() });

/** A mismatch as the supervisor sees it: both keyings side by side. */
export const MismatchView = z.object({ serial: z.string(), targetId: NodeId, targetName: z.string(), form: BallotForm, first: KeyingView, second: KeyingView });
export const MismatchList = z.object({ roundId: RoundId, mismatches: z.array(MismatchView) });
export type MismatchList = z.infer<typeof MismatchList>;

/** The supervisor's reading of the form (checked against the paper): what counts, and why. */
export const ResolveMismatchRequest = z.strictObject({
  answers: Answers,
  comment: z.string().max(COMMENT_MAX).optional(),
  postmarkedOn: Day.optional(),
  filledOn: Day.optional(),
  reason: z.string().trim().min(2).max(200),
});
export type ResolveMismatchRequest = z.infer<typeof ResolveMismatchRequest>;

export const ResolveMismatchResponse = z.object({ serial: z.string(), status: z.literal('counted'), receipt: Receipt });

/** The citizen's online answer with a form's serial (the QR on the form): counts once, like the paper. */
export const PaperOnlineRequest = z.strictObject({ answers: Answers, comment: z.string().max(COMMENT_MAX).optional() });
export type PaperOnlineRequest = z.infer<typeof PaperOnlineRequest>;

/** What the citizen sees before answering online: the form, the target in full, whether it still counts. */
export const PaperFormView = z.object({ serial: z.string(), roundName: z.string(), targetName: z.string(), form: BallotForm, open: z.boolean() });
export type PaperFormView = z.infer<typeof PaperFormView>;

/**
 * Whose invitation letters to print: `needs-paper` (default) the invited members the WeChat
 * message cannot reach (no binding that accepted invitation or reminder messages) and who have not
 * answered yet; `all` every invited member.
 */
export const LettersFor = z.enum(['needs-paper', 'all']);
export type LettersFor = z.infer<typeof LettersFor>;
export const LettersQuery = z.object({ who: LettersFor.default('needs-paper') });
export type LettersQuery = z.infer<typeof LettersQuery>;

/** Who would get a letter, counted before printing. */
export const LettersPreview = z.object({
  drawId: z.string(),
  /** Members holding a valid invitation of the draw. */
  invited: z.number().int(),
  /** Of those, reachable on WeChat (a binding that accepted invitation or reminder messages). */
  wechat: z.number().int(),
  /** Of those, who have rated at least one target. */
  answered: z.number().int(),
  /** Letters each choice would print. */
  letters: z.object({ 'needs-paper': z.number().int(), all: z.number().int() }),
});
export type LettersPreview = z.infer<typeof LettersPreview>;
