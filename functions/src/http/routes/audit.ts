import { z } from 'zod';
import { AppError } from '@shared/errors';
import { NodeId, RoundId } from '@shared/model/ids';
import { OfficeAuditPage, OriginalCommentsResponse } from '@shared/api/audit';
import { route, type RouteContext } from '../route';
import { originalComments } from '../../domain/comments';

const SUPERVISORS = ['supervisor', 'admin'] as const;
const PAGE = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), before: z.string().min(1).max(200).optional() });

function page(ctx: RouteContext<unknown>) {
  const r = PAGE.safeParse(ctx.req.query);
  if (!r.success) throw new AppError('VALIDATION_FAILED', { issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  return r.data;
}

/** The office audit log and the one sensitive read that exists only for the supervising office. */
export const auditRoutes = [
  route({
    method: 'get',
    path: '/admin/audit-log',
    summary: 'The office audit log, newest first (?limit=1..200, ?before=<next cursor>): every state-changing request and sensitive read by an office account, with its outcome. Append only.',
    tag: 'audit',
    auth: SUPERVISORS,
    responses: { 200: { description: 'A page of entries', schema: OfficeAuditPage } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED'],
    handler: async (ctx) => {
      const { limit, before } = page(ctx);
      return { body: await ctx.deps.store.officeAudit.list(limit, before) };
    },
  }),
  route({
    method: 'get',
    path: '/admin/rounds/:id/targets/:targetId/original-comments',
    summary: "A target's comments as written (not scrubbed), newest first, with their ballot ids and never their writers. Supervising office only; every read is in the audit log with the ballots it showed.",
    tag: 'audit',
    auth: SUPERVISORS,
    audit: 'read',
    params: z.object({ id: RoundId, targetId: NodeId }),
    responses: { 200: { description: 'Comments as written', schema: OriginalCommentsResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND', 'TARGET_NOT_IN_ROUND', 'STORE_UNAVAILABLE'],
    handler: async (ctx) => {
      const comments = await originalComments(ctx.deps, ctx.session!, ctx.params.id!, ctx.params.targetId!);
      return { body: { comments }, audit: { roundId: ctx.params.id!, targetId: ctx.params.targetId!, ballotIds: comments.map((c) => c.ballotId) } };
    },
  }),
];
