import { z } from 'zod';
import { AppError } from '@shared/errors';
import { RoundId } from '@shared/model/ids';
import { Reason } from '@shared/api/publication';
import { TargetInputsChanged } from '@shared/api/target-inputs';
import { route } from '../route';
import { inputsTemplateXlsx } from '../../domain/target-inputs/xlsx-template';
import { importInputsXlsx } from '../../domain/target-inputs/xlsx-import';

/**
 * The inputs table as an Excel workbook: download the round's template, upload it filled in.
 * Their own module (apart from routes/target-inputs.ts) because they carry exceljs, which a
 * function should bundle only if it serves them (lambda/route-groups.ts).
 */
const SUPERVISORS = ['supervisor', 'admin'] as const;
const RoundParams = z.object({ id: RoundId });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A published round takes an upload only as a correction: `?correctionReason=` (URL-encoded). */
const ImportQuery = z.strictObject({ correctionReason: Reason.optional() });

export const targetInputXlsxRoutes = [
  route({
    method: 'get',
    path: '/admin/rounds/:id/target-inputs.xlsx',
    summary:
      "The round's inputs template (.xlsx): a 说明 sheet explaining each column, and 单位录入 with one row per target (单位编号, 单位名称, 分组) and a column per field the round's scheme reads (服务人次, each entered score such as 工作考核得分, 整改记录, 到会人数), pre-filled with what is entered so far; 不适用 where a column does not apply to the target's group.",
    tag: 'results',
    auth: SUPERVISORS,
    params: RoundParams,
    responses: { 200: { description: 'Workbook', contentType: XLSX } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND', 'SCHEME_UNKNOWN'],
    handler: async ({ deps, params }) => {
      const { data, filename } = await inputsTemplateXlsx(deps, params.id!);
      return { raw: { contentType: XLSX, data, filename } };
    },
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/target-inputs.xlsx',
    summary:
      "Upload a filled template. Every cell is checked first; any problem answers 422 WORKBOOK_INVALID with details.problems (each naming its sheet, Excel row and column header, in Chinese) and nothing is stored. Blank cells change nothing; cells that differ from the values the template was downloaded with are written as the inputs table writes them (audited, per target in one transaction), each conditional on the downloaded value: a field someone changed since answers 409 INPUT_CONFLICT. A published round needs `?correctionReason=`.",
    tag: 'results',
    auth: SUPERVISORS,
    params: RoundParams,
    bodyType: 'binary',
    responses: { 200: { description: 'The fields that changed', schema: TargetInputsChanged } },
    errors: [
      'UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ROUND_NOT_FOUND', 'SCHEME_UNKNOWN', 'WORKBOOK_INVALID', 'TARGET_NOT_IN_ROUND', 'INPUT_NOT_APPLICABLE',
      'INPUT_OUT_OF_RANGE', 'SERVED_BELOW_RETURNED', 'INPUT_CONFLICT', 'INPUTS_LOCKED', 'BODY_TOO_LARGE',
    ],
    handler: async ({ deps, params, body, session, req }) => {
      const q = ImportQuery.safeParse(req.query);
      if (!q.success) throw new AppError('VALIDATION_FAILED', { issues: q.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      return { body: { changed: await importInputsXlsx(deps, session!.sub, params.id!, bytes, q.data.correctionReason) } };
    },
  }),
];
