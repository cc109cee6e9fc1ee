import { z } from 'zod';
import { RoundId } from '@shared/model/ids';
import { route } from '../route';
import { AppError } from '@shared/errors';
import { LettersQuery } from '@shared/api/paper';
import { drawLettersPdf, issuedFormsPdf } from '../../domain/paper/print';

/**
 * The rendered PDFs (docs/paper.md): printed forms and invitation letters. They carry the PDF
 * writer and need the CJK font, so a Lambda function of their own serves them (route-groups.ts:
 * `paper`), keeping the staff and citizen bundles small.
 */
const OFFICE = ['supervisor', 'admin'] as const;
const PDF = 'application/pdf';
const PDF_ERRORS = ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND', 'SCHEME_UNKNOWN', 'PAPER_NO_FORMS', 'PDF_FONT_MISSING'] as const;

export const paperPdfRoutes = [
  route({
    method: 'get',
    path: '/admin/rounds/:id/paper/forms.pdf',
    summary: 'Every form issued in the round as one print-ready A4 PDF (CJK font embedded), one page per serial: serial and its QR, target in full, items with boxes, and the envelope text on 甘泉 envelope forms.',
    tag: 'paper',
    auth: OFFICE,
    params: z.object({ id: RoundId }),
    responses: { 200: { description: 'PDF', contentType: PDF } },
    errors: PDF_ERRORS,
    handler: async ({ deps, params }) => {
      const { pdf } = await issuedFormsPdf(deps, params.id!);
      return { raw: { contentType: PDF, data: pdf, filename: `${params.id!}-测评表.pdf` } };
    },
  }),
  route({
    method: 'get',
    path: '/admin/rounds/:id/paper/batches/:batchId/forms.pdf',
    summary: 'One issued batch as print-ready A4 forms (a reprint is the same serials, never new ones).',
    tag: 'paper',
    auth: OFFICE,
    params: z.object({ id: RoundId, batchId: z.string().min(1).max(20) }),
    responses: { 200: { description: 'PDF', contentType: PDF } },
    errors: PDF_ERRORS,
    handler: async ({ deps, params }) => {
      const { pdf } = await issuedFormsPdf(deps, params.id!, params.batchId!);
      return { raw: { contentType: PDF, data: pdf, filename: `${params.id!}-${params.batchId!}-测评表.pdf` } };
    },
  }),
  route({
    method: 'get',
    path: '/admin/draws/:id/letters.pdf',
    summary:
      "Invitation letters for a draw's invited members: one A4 page each with the personal QR and the short code (邀请码). `who=needs-paper` (default): only members without a WeChat binding who have not answered yet; `who=all`: every invited member. GET /admin/draws/:id/letters counts them first.",
    tag: 'paper',
    auth: OFFICE,
    params: z.object({ id: z.string().min(1).max(64) }),
    responses: { 200: { description: 'PDF', contentType: PDF } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'DRAW_NOT_FOUND', 'DRAW_STATE_CONFLICT', 'PAPER_NO_LETTERS', 'ROUND_NOT_FOUND', 'PDF_FONT_MISSING'],
    handler: async ({ deps, params, req }) => {
      const { pdf } = await drawLettersPdf(deps, params.id!, lettersQuery(req.query).who);
      return { raw: { contentType: PDF, data: pdf, filename: `${params.id!}-邀请函.pdf` } };
    },
  }),
];

/** `?who=` as LettersQuery reads it; anything else is VALIDATION_FAILED naming the field. */
export function lettersQuery(query: unknown): LettersQuery {
  const r = LettersQuery.safeParse(query);
  if (!r.success) throw new AppError('VALIDATION_FAILED', { issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  return r.data;
}
