import { z } from 'zod';

/**
 * Ids of organisation nodes, rounds and invitations. They travel inside WeChat's QR `scene`
 * (32 chars at most, see tokens), so they are short and use only characters `scene` allows.
 * @example NodeId.parse('gaj-01') // ok; NodeId.parse('公安局') throws
 */
export const NodeId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,12}$/, 'id: 1–12 characters of A–Z a–z 0–9 _ -');
export type NodeId = z.infer<typeof NodeId>;

/** Round ids follow the same alphabet so sampling tokens stay compact. */
export const RoundId = NodeId;
export type RoundId = NodeId;

/**
 * The client's own ballot id: the idempotency key of a submission. A UUID (any version) so
 * two devices never collide by accident.
 * @example ClientBallotId.parse('2f1c8e2a-7d43-4c4e-9a55-0c7f1b8f6b11')
 */
export const ClientBallotId = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'clientBallotId must be a UUID');
export type ClientBallotId = z.infer<typeof ClientBallotId>;

/** ISO-8601 instant with offset, e.g. 2026-11-23T08:00:00.000Z. */
export const Instant = z.iso.datetime({ offset: true });
export type Instant = z.infer<typeof Instant>;
