import { z } from 'zod';
import { RoundId } from '@shared/model/ids';
import { AppError } from '@shared/errors';
import { route, type RouteContext } from '../route';
import { snapshotRuleOrder } from '../../domain/consequences';
import { snapshotCsv } from '../../domain/exports/csv';
import { snapshotXlsx } from '../../domain/exports/xlsx';
import { snapshotPrintHtml } from '../../domain/exports/print';
import { published, PUBLIC_ERRORS } from './published';
import { BALLOT_LOG_PAGE, ballotLog } from '../../domain/ballot-evidence';

const RoundParams = z.object({ id: RoundId });

/**
 * Rendered downloads of a published version, and its ballot log (paged reads of the round's
 * ballots). Their own module (and Lambda function, see
 * lambda/route-groups.ts) because the Excel writer is the heaviest dependency we have: no other
 * function imports this file, so none carries exceljs.
 */
/** `?after=` (a page's `next` cursor) and `?limit=` (1 … 5,000 ballots) of the ballot log. */
const LogPageQuery = z.object({
  after: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(BALLOT_LOG_PAGE).optional(),
});

function logPageOf(ctx: RouteContext<unknown>): { after?: string; limit?: number } {
  const q = LogPageQuery.safeParse({ after: ctx.req.query.after, limit: ctx.req.query.limit });
  if (!q.success) throw new AppError('VALIDATION_FAILED', { issues: q.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  return q.data;
}

export const exportRoutes = [
  route({
    method: 'get',
    path: '/public/rounds/:id/ballots.jsonl',
    summary:
      'The ballot log of a published round, no identities: a header line, then per ballot its id, target, channel, answers, seal, comment categories and digest. In pages of at most 5,000 ballots (`?limit=` fewer): the header names the `next` cursor, to pass as `?after=`, until the last page. `npm run recount -- --log <this URL>` follows the pages and rebuilds the root and every published number.',
    tag: 'public results',
    auth: 'public',
    disclosure: 'public',
    params: RoundParams,
    responses: { 200: { description: 'JSON lines', contentType: 'application/x-ndjson' } },
    errors: ['VALIDATION_FAILED', 'ROUND_NOT_FOUND', 'PUBLICATION_NOT_FOUND'],
    handler: async (ctx) => {
      const { after, limit } = logPageOf(ctx);
      return { raw: { contentType: 'application/x-ndjson; charset=utf-8', data: await ballotLog(ctx.deps, ctx.params.id!, after, limit), filename: `${ctx.params.id!}-ballots${after ? '-page' : ''}.jsonl` } };
    },
  }),
  route({
    method: 'get',
    path: '/public/rounds/:id/results.xlsx',
    summary: 'The published table as an Excel workbook (results, consequence actions, version and hash).',
    tag: 'public results',
    auth: 'public',
    disclosure: 'public',
    params: RoundParams,
    responses: { 200: { description: 'Workbook', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
    errors: PUBLIC_ERRORS,
    handler: async (ctx) => {
      const { stored, snapshot } = await published(ctx);
      const data = await snapshotXlsx(snapshot, stored.hash, await snapshotRuleOrder(ctx.deps, snapshot));
      return { raw: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data, filename: `${snapshot.round.name}评议结果-第${stored.version}版.xlsx` } };
    },
  }),
  route({
    method: 'get',
    path: '/public/rounds/:id/results.csv',
    summary: 'The published table as CSV (UTF-8 with BOM).',
    tag: 'public results',
    auth: 'public',
    disclosure: 'public',
    params: RoundParams,
    responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
    errors: PUBLIC_ERRORS,
    handler: async (ctx) => {
      const { stored, snapshot } = await published(ctx);
      return { raw: { contentType: 'text/csv; charset=utf-8', data: snapshotCsv(snapshot, stored.hash), filename: `${snapshot.round.name}评议结果-第${stored.version}版.csv` } };
    },
  }),
  route({
    method: 'get',
    path: '/public/rounds/:id/print',
    summary: 'A print-ready HTML list for the newspaper (A4).',
    tag: 'public results',
    auth: 'public',
    disclosure: 'public',
    params: RoundParams,
    responses: { 200: { description: 'HTML', contentType: 'text/html' } },
    errors: PUBLIC_ERRORS,
    handler: async (ctx) => {
      const { stored, snapshot } = await published(ctx);
      return { raw: { contentType: 'text/html; charset=utf-8', data: snapshotPrintHtml(snapshot, stored.hash) } };
    },
  }),
];
