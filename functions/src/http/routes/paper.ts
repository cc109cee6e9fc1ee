import { z } from 'zod';
import { RoundId } from '@shared/model/ids';
import {
  IssueFormsRequest, IssueFormsResponse, KeyReturnRequest, KeyReturnResponse, LettersPreview, MismatchList, PaperOverview,
  ResolveMismatchRequest, ResolveMismatchResponse, SerialView,
} from '@shared/api/paper';
import { route } from '../route';
import { issueForms } from '../../domain/paper/issue-forms';
import { keyReturn, resolveMismatch } from '../../domain/paper/intake';
import { listMismatches, paperOverview, serialView } from '../../domain/paper/overview';
import { lettersPreview } from '../../domain/paper/letters';

/**
 * Paper (docs/paper.md): printed forms with serials, forms issued, double-entry intake and the
 * supervisor's decisions (staff function). The citizen's online answer with a form's serial and
 * an invitation letter's short code are in routes/paper-online.ts (citizen function); the PDFs in
 * routes/paper-pdf.ts, served by a function of their own so the PDF writer stays out of both.
 */
const OFFICE = ['supervisor', 'admin'] as const;
const RoundParams = z.object({ id: RoundId });
const SerialParam = z.string().min(1).max(40);
const KEY_ERRORS = [
  'UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ROUND_NOT_FOUND', 'TARGET_NOT_FOUND', 'SCHEME_UNKNOWN', 'PAPER_SERIAL_INVALID', 'PAPER_SERIAL_UNKNOWN',
  'PAPER_SERIAL_USED', 'ANSWERS_INVALID', 'ROUND_NOT_OPEN', 'ROUND_CLOSED', 'ROUND_CANCELLED', 'PAPER_POSTMARK_REQUIRED', 'PAPER_DATE_OUTSIDE_ROUND', 'IDEMPOTENCY_CONFLICT',
] as const;

export const paperRoutes = [
  route({
    method: 'post',
    path: '/admin/rounds/:id/paper/forms',
    summary: 'Issue printed forms: `count` new serials to each target (forms issued, the return rate denominator). Serials are never reissued; print them with GET …/paper/batches/:batchId/forms.pdf.',
    tag: 'paper',
    auth: OFFICE,
    params: RoundParams,
    body: IssueFormsRequest,
    responses: { 201: { description: 'The batches issued, with their serials', schema: IssueFormsResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ROUND_NOT_FOUND', 'ROUND_CLOSED', 'ROUND_CANCELLED', 'TARGET_NOT_IN_ROUND', 'PAPER_KIND_NOT_ALLOWED'],
    handler: async ({ deps, params, body, session }) => ({ status: 201, body: await issueForms(deps, session!.sub, params.id!, body) }),
  }),
  route({
    method: 'get',
    path: '/admin/rounds/:id/paper',
    summary: 'Forms issued and returned per target (counted, waiting for the second keying, waiting for a supervisor, return rate) and the batches issued.',
    tag: 'paper',
    auth: OFFICE,
    params: RoundParams,
    responses: { 200: { description: 'Paper overview', schema: PaperOverview } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND'],
    handler: async ({ deps, params }) => ({ body: await paperOverview(deps, params.id!) }),
  }),
  route({
    method: 'get',
    path: '/admin/paper/serials/:serial',
    summary: "What a scanned or typed serial is: round, target in full, the form to key, how far its keying got and whether the caller keyed it. Never what anyone keyed (the second keying is blind).",
    tag: 'paper',
    auth: OFFICE,
    params: z.object({ serial: SerialParam }),
    responses: { 200: { description: 'The serial resolved', schema: SerialView } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'PAPER_SERIAL_INVALID', 'PAPER_SERIAL_UNKNOWN', 'ROUND_NOT_FOUND', 'TARGET_NOT_FOUND', 'SCHEME_UNKNOWN'],
    handler: async ({ deps, params, session }) => ({ body: await serialView(deps, session!.sub, params.serial!) }),
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/paper/returns',
    summary:
      'Key one returned form (double entry): the first keying waits; a second keying by another clerk, who never sees the first, either agrees (the ballot is written, channel and serial on it) or waits for a supervisor. After the round closed, only with a postmark (or a dated sheet\'s date) inside the round period.',
    tag: 'paper',
    auth: OFFICE,
    params: RoundParams,
    body: KeyReturnRequest,
    responses: { 200: { description: 'Where the form stands', schema: KeyReturnResponse } },
    errors: [...KEY_ERRORS, 'PAPER_ALREADY_KEYED', 'PAPER_KEYED_TWICE'],
    handler: async ({ deps, params, body, session }) => ({ body: await keyReturn(deps, session!.sub, params.id!, body) }),
  }),
  route({
    method: 'get',
    path: '/admin/rounds/:id/paper/mismatches',
    summary: 'Forms whose two keyings disagree, both keyings side by side, waiting for a supervisor.',
    tag: 'paper',
    auth: OFFICE,
    params: RoundParams,
    responses: { 200: { description: 'Mismatches', schema: MismatchList } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND'],
    handler: async ({ deps, params }) => ({ body: await listMismatches(deps, params.id!) }),
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/paper/returns/:serial/resolve',
    summary: "A supervisor's decision on a mismatch, read from the paper: the ballot is written and the decision, both keyings and the reason go to the round's audit log. Not by a clerk who keyed the form.",
    tag: 'paper',
    auth: OFFICE,
    params: z.object({ id: RoundId, serial: SerialParam }),
    body: ResolveMismatchRequest,
    responses: { 200: { description: 'Counted', schema: ResolveMismatchResponse } },
    errors: [...KEY_ERRORS, 'PAPER_NOT_MISMATCHED', 'PAPER_RESOLVER_KEYED', 'PAPER_KEYED_TWICE'],
    handler: async ({ deps, params, body, session }) => {
      const receipt = await resolveMismatch(deps, session!.sub, params.id!, params.serial!, body);
      return { body: { serial: params.serial!, status: 'counted' as const, receipt } };
    },
  }),
  route({
    method: 'get',
    path: '/admin/draws/:id/letters',
    summary: "Before printing a draw's invitation letters: members invited, reachable on WeChat, already answering, and how many letters each choice prints (GET …/letters.pdf?who=needs-paper|all).",
    tag: 'paper',
    auth: OFFICE,
    params: z.object({ id: z.string().min(1).max(64) }),
    responses: { 200: { description: 'Letter counts', schema: LettersPreview } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'DRAW_NOT_FOUND', 'DRAW_STATE_CONFLICT'],
    handler: async ({ deps, params }) => ({ body: await lettersPreview(deps, params.id!) }),
  }),
];
