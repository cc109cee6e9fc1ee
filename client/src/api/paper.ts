import Taro from '@tarojs/taro';
import { z } from 'zod';
import {
  IssueFormsRequest, IssueFormsResponse, KeyReturnRequest, KeyReturnResponse, LettersPreview, type LettersFor, MismatchList, PaperFormView, PaperOnlineRequest, PaperOverview, ResolveMismatchRequest,
  ResolveMismatchResponse, SerialView,
} from '@shared/api/paper';
import { SubmitBallotResponse } from '@shared/api/ballots';
import { API_BASE } from './config';
import { ApiError, NETWORK_MESSAGE, errorFromResponse } from './errors';
import { apiRequest } from './http';
import { readSession } from './session';

/** Paper (docs/paper.md): forms issued, double-entry intake, a supervisor's decisions, PDFs. */
const enc = encodeURIComponent;

export function issueForms(roundId: string, req: z.input<typeof IssueFormsRequest>) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(roundId)}/paper/forms`, body: req, auth: 'staff', schema: IssueFormsResponse });
}

export function getPaperOverview(roundId: string) {
  return apiRequest({ path: `/admin/rounds/${enc(roundId)}/paper`, auth: 'staff', schema: PaperOverview });
}

/** What a typed or scanned serial is (the QR link a USB scanner types works too: parse it first). */
export function lookupSerial(serial: string) {
  return apiRequest({ path: `/admin/paper/serials/${enc(serial)}`, auth: 'staff', schema: SerialView });
}

export function keyReturn(roundId: string, req: KeyReturnRequest) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(roundId)}/paper/returns`, body: req, auth: 'staff', schema: KeyReturnResponse });
}

export function listMismatches(roundId: string) {
  return apiRequest({ path: `/admin/rounds/${enc(roundId)}/paper/mismatches`, auth: 'staff', schema: MismatchList });
}

export function resolveMismatch(roundId: string, serial: string, req: ResolveMismatchRequest) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(roundId)}/paper/returns/${enc(serial)}/resolve`, body: req, auth: 'staff', schema: ResolveMismatchResponse });
}

export const formsPdfPath = (roundId: string, batchId?: string) =>
  batchId ? `/admin/rounds/${enc(roundId)}/paper/batches/${enc(batchId)}/forms.pdf` : `/admin/rounds/${enc(roundId)}/paper/forms.pdf`;
export const lettersPdfPath = (drawId: string, who: LettersFor = 'needs-paper') => `/admin/draws/${enc(drawId)}/letters.pdf?who=${who}`;

/** How many letters each choice prints, before printing. */
export function getLettersPreview(drawId: string) {
  return apiRequest({ path: `/admin/draws/${enc(drawId)}/letters`, auth: 'staff', schema: LettersPreview });
}

/**
 * Opens an office PDF (forms, letters). It needs the session header, so a plain link cannot
 * fetch it: in H5 the bytes are fetched and opened as a blob in a new tab (the browser's own
 * viewer prints it); in the mini-program the file is downloaded and opened with openDocument.
 */
export async function openPdf(path: string): Promise<void> {
  const token = readSession('staff')?.token;
  if (!token) throw new ApiError('UNAUTHENTICATED', 401, '请先登录');
  const header = { Authorization: `Bearer ${token}` };
  if (process.env.TARO_ENV === 'h5') {
    let res: Response;
    try {
      res = await fetch(API_BASE + path, { headers: header });
    } catch {
      throw new ApiError('NETWORK', 0, NETWORK_MESSAGE);
    }
    if (!res.ok) throw errorFromResponse(res.status, await res.json().catch(() => undefined));
    const url = URL.createObjectURL(await res.blob());
    window.open(url, '_blank');
    return;
  }
  const file = await Taro.downloadFile({ url: API_BASE + path, header });
  if (file.statusCode !== 200) throw new ApiError('INTERNAL', file.statusCode, '文件生成失败，请稍后再试');
  await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf', showMenu: true });
}

/** The form behind a printed serial, for the citizen who scanned its QR (no session). */
export function getPaperForm(serial: string) {
  return apiRequest({ path: `/paper/forms/${enc(serial)}`, auth: 'none', schema: PaperFormView });
}

/** The citizen's online answer with the form's serial: counts once, like the paper; a retry gets the first receipt. */
export function answerPaperForm(serial: string, req: PaperOnlineRequest) {
  return apiRequest({ method: 'POST', path: `/paper/forms/${enc(serial)}/ballot`, body: req, auth: 'none', schema: SubmitBallotResponse });
}
