import { z } from 'zod';
import { RoundId } from '@shared/model/ids';
import { route } from '../route';
import { ruleOrder } from '../../domain/consequences';
import { snapshotCsv } from '../../domain/exports/csv';
import { snapshotXlsx } from '../../domain/exports/xlsx';
import { snapshotPrintHtml } from '../../domain/exports/print';
import { published, PUBLIC_ERRORS } from './published';
import { ballotLog } from '../../domain/ballot-evidence';

const RoundParams = z.object({ id: RoundId });

/**
 * Rendered downloads of a published version, and its ballot log (a scan of the round's ballots:
 * table reads and a long timeout, like the workbook). Their own module (and Lambda function, see
 * lambda/route-groups.ts) because the Excel writer is the heaviest dependency we have: no other
 * function imports this file, so none carries exceljs.
 */
export const exportRoutes = [
  route({
    method: 'get',
    path: '/public/rounds/:id/ballots.jsonl',
    summary: 'The ballot log of a published round, no identities: a header line, then per ballot its id, target, channel, answers, seal and digest, in leaf order. `npm run recount -- --log` rebuilds the root and every published number from it.',
    tag: 'public results',
    auth: 'public',
    params: RoundParams,
    responses: { 200: { description: 'JSON lines', contentType: 'application/x-ndjson' } },
    errors: ['ROUND_NOT_FOUND', 'PUBLICATION_NOT_FOUND'],
    handler: async (ctx) => ({ raw: { contentType: 'application/x-ndjson; charset=utf-8', data: await ballotLog(ctx.deps, ctx.params.id!), filename: `${ctx.params.id!}-ballots.jsonl` } }),
  }),
  route({
    method: 'get',
    path: '/public/rounds/:id/results.xlsx',
    summary: 'The published table as an Excel workbook (results, consequence actions, version and hash).',
    tag: 'public results',
    auth: 'public',
    params: RoundParams,
    responses: { 200: { description: 'Workbook', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
    errors: PUBLIC_ERRORS,
    handler: async (ctx) => {
      const { stored, snapshot } = await published(ctx);
      const data = await snapshotXlsx(snapshot, stored.hash, ruleOrder(ctx.deps, snapshot.round.schemeId));
      return { raw: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data, filename: `${snapshot.round.name}评议结果-第${stored.version}版.xlsx` } };
    },
  }),
  route({
    method: 'get',
    path: '/public/rounds/:id/results.csv',
    summary: 'The published table as CSV (UTF-8 with BOM).',
    tag: 'public results',
    auth: 'public',
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
    params: RoundParams,
    responses: { 200: { description: 'HTML', contentType: 'text/html' } },
    errors: PUBLIC_ERRORS,
    handler: async (ctx) => {
      const { stored, snapshot } = await published(ctx);
      return { raw: { contentType: 'text/html; charset=utf-8', data: snapshotPrintHtml(snapshot, stored.hash) } };
    },
  }),
];
