import { z } from 'zod';
import { Instant, NodeId, RoundId } from './ids';
import { NodeKind } from './org';

/**
 * Programme ids never travel in a QR scene, so they may be longer than round ids. `round-…` is
 * kept for the solo programme a round gets when it is created without one.
 * @example ProgrammeId.parse('nc-2026') // ok
 */
export const ProgrammeId = z.string().regex(/^[A-Za-z0-9_-]{1,24}$/, 'id: 1–24 characters of A–Z a–z 0–9 _ -');
export type ProgrammeId = z.infer<typeof ProgrammeId>;

/** The prefix of solo programmes (one per round created without a programme). */
export const SOLO_PROGRAMME_PREFIX = 'round-';
/** @example soloProgrammeId('r1') // 'round-r1' */
export const soloProgrammeId = (roundId: string) => `${SOLO_PROGRAMME_PREFIX}${roundId}`;

export const CADENCES = ['month', 'quarter', 'half', 'year'] as const;
export const Cadence = z.enum(CADENCES);
export type Cadence = z.infer<typeof Cadence>;
export const CADENCE_LABELS: Record<Cadence, string> = { month: '每月', quarter: '每季度', half: '每半年', year: '每年' };

export const TARGET_LINK_KINDS = ['rename', 'merge', 'split'] as const;
export const TargetLinkKind = z.enum(TARGET_LINK_KINDS);
export type TargetLinkKind = z.infer<typeof TargetLinkKind>;
export const TARGET_LINK_LABELS: Record<TargetLinkKind, string> = { rename: '更名', merge: '合并', split: '拆分' };

/**
 * An explicit target identity link, recorded by the office (never inferred from names):
 * - rename: `from` [a] → `to` [b]; b carries a's history.
 * - merge: `from` [a, b …] → `to` [c]; c carries the history of the one predecessor named in
 *   `carries`, or none (starts afresh): ranks several units had cannot be made into one.
 * - split: `from` [a] → `to` [b, c …]; the successors named in `carries` (default: every one)
 *   carry a's history: each part answers for the unit it came from.
 * Links chain (a → b, later b → c: c carries a's history). They are append-only.
 * @example { linkId: '…', kind: 'rename', from: ['s11'], to: ['s11b'], note: '户政科更名为户籍管理科', at: '…', by: 'acct:wang' }
 */
export const TargetLink = z.object({
  linkId: z.string(),
  kind: TargetLinkKind,
  from: z.array(NodeId).min(1).max(50),
  to: z.array(NodeId).min(1).max(50),
  carries: z.array(NodeId).max(50).optional(),
  note: z.string().max(200).optional(),
  at: Instant,
  by: z.string(),
});
export type TargetLink = z.infer<typeof TargetLink>;

/**
 * A programme (评议项目): one county's recurring evaluation with its scheme, cadence and target
 * set. Every round belongs to one; consecutive-round rules read only the programme's own
 * published rounds. `schemeDigest` pins the scheme version: the sha256 of the canonical JSON of
 * the scheme as it was when the programme was created, so a later edit of the preset is
 * detected (a round is refused with SCHEME_VERSION_CHANGED) instead of silently scored by other
 * rules. `yearStartMonth` is the first month of the programme year (1 = calendar year).
 * `soloRound`: set on the programme made for a round created without one (history of its own).
 */
export const Programme = z.object({
  id: ProgrammeId,
  name: z.string().min(1).max(80),
  schemeId: z.string().min(1).max(32),
  schemeDigest: z.string().regex(/^[0-9a-f]{64}$/),
  /** The stored scheme version its rounds are scored by (absent on older programmes: 1, a preset). */
  schemeVersion: z.number().int().min(1).optional(),
  cadence: Cadence,
  yearStartMonth: z.number().int().min(1).max(12),
  targetKind: NodeKind,
  targetIds: z.array(NodeId).max(5000).optional(),
  groupMap: z.record(NodeId, z.string().min(1).max(32)).optional(),
  soloRound: RoundId.optional(),
  createdAt: Instant,
  createdBy: z.string(),
});
export type Programme = z.infer<typeof Programme>;
