import { z } from 'zod';
import { Period } from '../model/round';
import { RoundFacts } from '../scoring/facts';
import { RoundResult } from '../scoring/result';
import { SchemeShape } from '../scoring/scheme';
import { BallotTree } from './ballot-log';
import { CommentLexiconStamp } from './comment-categories';

export const SNAPSHOT_FORMAT = 'pingyi-snapshot/1';

/**
 * One named problem of a target and how many ballots report it: an option of its form
 * (`source: 'indicator'`), or a complaint category of the ballots' comments (`source: 'comment'`,
 * item `comment`, value the category id). Snapshots published before comment categories have no
 * `source` (their problems are all indicators).
 */
export const MainProblem = z.object({
  item: z.string(),
  value: z.string(),
  label: z.string(),
  count: z.number().int(),
  share: z.number().nullable(),
  source: z.enum(['indicator', 'comment']).optional(),
});
export type MainProblem = z.infer<typeof MainProblem>;

/** A ballot left out of the published numbers, and why (the ballot itself is never deleted). */
export const VoidedBallot = z.object({ ballotId: z.string(), targetId: z.string(), channel: z.string(), reason: z.string(), voidedAt: z.string(), voidedBy: z.string() });
export type VoidedBallot = z.infer<typeof VoidedBallot>;

/** A verified misconduct report that entered the facts (南川: puts the section first). */
export const MisconductRecord = z.object({ recordId: z.string(), targetId: z.string(), reason: z.string(), reference: z.string().optional(), recordedAt: z.string(), recordedBy: z.string() });
export type MisconductRecord = z.infer<typeof MisconductRecord>;

/**
 * A supervisor's decision on a stuffing flag (docs/anti-stuffing.md), as the published version
 * shows it: which flag, what was decided and why, on how many ballots at which places.
 */
export const PublishedFlagDecision = z.object({
  flagId: z.string(),
  kind: z.string(),
  label: z.string(),
  decision: z.enum(['exclude', 'keep']),
  reason: z.string(),
  decidedAt: z.string(),
  decidedBy: z.string(),
  ballots: z.number().int(),
  places: z.array(z.string()),
});
export type PublishedFlagDecision = z.infer<typeof PublishedFlagDecision>;

/**
 * What a publication freezes. `facts` is exactly what the engine was given (history included),
 * so `npm run score` on { scheme, facts } (the embedded scheme) reproduces `results`; `correctionOf` links a
 * correction to the version it replaces (both stay readable).
 */
export const Snapshot = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  roundId: z.string(),
  version: z.number().int().min(1),
  round: z.object({ id: z.string(), name: z.string(), period: Period, schemeId: z.string(), schemeVersion: z.number().int().min(1).optional(), targetKind: z.string() }),
  schemeName: z.string(),
  /**
   * The scheme the results were computed with, whole, and the sha256 of its canonical JSON: a
   * recount years later needs nothing but the snapshot (and the ballot log). Absent on snapshots
   * published before schemes were stored (they name a preset by `round.schemeId`).
   */
  scheme: SchemeShape.optional(),
  schemeDigest: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  reason: z.string().optional(),
  correctionOf: z.object({ version: z.number().int(), hash: z.string() }).optional(),
  facts: RoundFacts,
  results: RoundResult,
  mainProblems: z.record(z.string(), z.array(MainProblem)),
  voided: z.array(VoidedBallot),
  misconduct: z.array(MisconductRecord),
  /**
   * The Merkle tree over every stored ballot's digest, voided ones included (the void list says
   * which leaves the numbers leave out). Absent on snapshots published before ballot digests.
   */
  ballotTree: BallotTree.optional(),
  /**
   * The lexicon the comment categories in `mainProblems` were counted with (comment-lexicon.ts).
   * Absent on snapshots published before comment categories.
   */
  commentLexicon: CommentLexiconStamp.optional(),
  /**
   * Every stuffing flag decided before this version, oldest first: a ranking is published only
   * when no undecided flag could change a named position (stuffing/publication-gate.ts). Absent
   * on snapshots published before the gate.
   */
  flagDecisions: z.array(PublishedFlagDecision).optional(),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** A stored publication: the canonical bytes, their sha256 (hex) and the parsed body. */
export const Publication = z.object({ roundId: z.string(), version: z.number().int(), hash: z.string(), publishedAt: z.string(), snapshot: Snapshot });
export type Publication = z.infer<typeof Publication>;

export const PublicationSummary = z.object({ version: z.number().int(), hash: z.string(), publishedAt: z.string(), reason: z.string().optional() });
export type PublicationSummary = z.infer<typeof PublicationSummary>;
