import { z } from 'zod';
import { Instant, NodeId, RoundId } from '../model/ids';
import { ChannelKind } from '../model/channel';
import { BallotForm } from '../model/form';
import { NodeKind } from '../model/org';

/** A window QR: `scene` is what wxacode.getUnlimited encodes; `url` the H5 link with the same token. */
export const WindowQrResponse = z.object({ windowId: NodeId, version: z.number().int(), scene: z.string().max(32), url: z.string() });
export type WindowQrResponse = z.infer<typeof WindowQrResponse>;

export const SamplingLinkResponse = z.object({ roundId: RoundId, version: z.number().int(), token: z.string(), url: z.string() });
export type SamplingLinkResponse = z.infer<typeof SamplingLinkResponse>;

export const CreateInvitationsRequest = z.strictObject({
  /** Panel members; the id is the panel's own (stable across rounds), never shown to units. */
  members: z.array(z.strictObject({ memberId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/), name: z.string().max(40).optional() })).min(1).max(2000),
  /** Targets the members are asked to rate; default: every target of the round. */
  targetIds: z.array(NodeId).min(1).max(5000).optional(),
  expiresAt: Instant,
});
export type CreateInvitationsRequest = z.infer<typeof CreateInvitationsRequest>;

export const Invitation = z.object({
  invitationId: z.string(),
  roundId: RoundId,
  memberId: z.string(),
  targetIds: z.array(NodeId).optional(),
  expiresAt: Instant,
  revoked: z.boolean(),
  token: z.string(),
  url: z.string(),
});
export type Invitation = z.infer<typeof Invitation>;

export const CreateInvitationsResponse = z.object({ invitations: z.array(Invitation) });

/** What a scanned QR / opened link resolves to: what is being rated, under which round, with which form. */
export const LandingTarget = z.object({ id: NodeId, kind: NodeKind, name: z.string(), path: z.array(z.object({ id: NodeId, kind: NodeKind, name: z.string() })), formKey: z.string() });
export type LandingTarget = z.infer<typeof LandingTarget>;

export const LandingResponse = z.object({
  channel: ChannelKind,
  token: z.string(),
  window: z.object({ id: NodeId, name: z.string() }).optional(),
  rounds: z.array(
    z.object({
      roundId: RoundId,
      roundName: z.string(),
      closesAt: Instant,
      schemeName: z.string(),
      targets: z.array(LandingTarget),
      forms: z.record(z.string(), BallotForm),
      /** A link covering many targets answers one page of them: pass this as `?after=` for the next page (opaque). */
      next: z.string().optional(),
      /** How many targets the link covers, when known without reading them all (a named list, or a single page). */
      total: z.number().int().min(0).optional(),
      /**
       * What one rating is for this landing's channel (the scheme's rule, shared/model/scheme-forms.ts
       * `ratingUnit`): `round` once per target per round, `apart` once on this channel, `visit` per
       * window visit. Lets the phone say "already rated" from its own receipts before the form opens.
       */
      rating: z.enum(['round', 'visit', 'apart']).optional(),
    }),
  ),
  invitation: z.object({ expiresAt: Instant, answeredTargetIds: z.array(NodeId) }).optional(),
});
export type LandingResponse = z.infer<typeof LandingResponse>;

/** `GET /api/landing/:token` query: `after` continues the target list; `targetId` asks for that one target only. */
export const LandingQuery = z.strictObject({ after: z.string().min(1).max(200).optional(), targetId: NodeId.optional() });
export type LandingQuery = z.infer<typeof LandingQuery>;
