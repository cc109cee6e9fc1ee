import { z } from 'zod';
import { ChannelKind } from '../model/channel';
import { Role } from './auth';

/**
 * One line of the office audit log: who (account, role, unit) called which route with which ids,
 * and how it ended. The body is kept only as a digest: what was sent can be proved later (hash a
 * copy and compare) without the log holding names, comments or other personal data.
 * @example { entryId: '…', at: '2026-11-23T01:37:12.000Z', actor: 'acct:wang', role: 'supervisor', method: 'POST', route: '/admin/rounds/:id/close', params: { id: 'r1' }, status: 200, requestId: '…' }
 */
export const OfficeAuditEntry = z.object({
  entryId: z.string(),
  at: z.string(),
  actor: z.string(),
  role: Role,
  unitId: z.string().optional(),
  method: z.string(),
  /** The route's path template, not the URL: ids are in `params`. */
  route: z.string(),
  params: z.record(z.string(), z.string()),
  /** Query-string ids the route reads (targetId, version, channel …), truncated. */
  query: z.record(z.string(), z.string()).optional(),
  /** The HTTP status answered; `code` is the error code when the request was refused. */
  status: z.number().int(),
  code: z.string().optional(),
  requestId: z.string(),
  /** sha256 of the request body as received (canonical JSON, or the raw bytes); absent without a body. */
  bodySha256: z.string().optional(),
  /** What a sensitive read returned, by id (e.g. the ballots whose original comments were shown). */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type OfficeAuditEntry = z.infer<typeof OfficeAuditEntry>;

/** A page of the log, newest first; `next` is the cursor for the following (older) page. */
export const OfficeAuditPage = z.object({ entries: z.array(OfficeAuditEntry), next: z.string().optional() });
export type OfficeAuditPage = z.infer<typeof OfficeAuditPage>;

/** A comment as written, for the supervising office only: the ballot it belongs to, never who wrote it. */
export const OriginalComment = z.object({
  ballotId: z.string(),
  receivedAt: z.string(),
  channel: ChannelKind,
  windowId: z.string().optional(),
  text: z.string(),
});
export type OriginalComment = z.infer<typeof OriginalComment>;
export const OriginalCommentsResponse = z.object({ comments: z.array(OriginalComment) });
