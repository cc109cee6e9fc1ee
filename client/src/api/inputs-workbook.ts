import { TargetInputsChanged } from '@shared/api/target-inputs';
import { API_BASE } from './config';
import { ApiError, errorFromResponse, NETWORK_MESSAGE } from './errors';
import { readSession } from './session';

/**
 * The inputs table as an Excel workbook (admin, in a browser): download the round's template and
 * upload it filled in. Plain fetch rather than Taro.request, which has no binary bodies on H5.
 */
const path = (roundId: string) => `${API_BASE}/admin/rounds/${encodeURIComponent(roundId)}/target-inputs.xlsx`;

function authHeader(): Record<string, string> {
  const token = readSession('staff')?.token;
  if (!token) throw new ApiError('UNAUTHENTICATED', 401, '请先登录');
  return { Authorization: `Bearer ${token}` };
}

async function call(url: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiError('NETWORK', 0, NETWORK_MESSAGE);
  }
  if (res.status >= 400) throw errorFromResponse(res.status, await res.json().catch(() => undefined));
  return res;
}

/** The file name from `filename*=UTF-8''…` (Chinese round names), else a default. */
function fileNameOf(res: Response): string {
  const m = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get('content-disposition') ?? '');
  try {
    return m ? decodeURIComponent(m[1]!) : '录入模板.xlsx';
  } catch {
    return '录入模板.xlsx';
  }
}

/** Downloads the template and hands it to the browser as a file. */
export async function downloadInputsTemplate(roundId: string): Promise<string> {
  const res = await call(path(roundId), { headers: authHeader() });
  const name = fileNameOf(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** Uploads a filled workbook; a refused one throws an ApiError whose details list each problem. */
export async function uploadInputsWorkbook(roundId: string, file: Blob, correctionReason?: string): Promise<TargetInputsChanged> {
  const query = correctionReason ? `?correctionReason=${encodeURIComponent(correctionReason)}` : '';
  const res = await call(path(roundId) + query, {
    method: 'POST',
    headers: { ...authHeader(), 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    body: file,
  });
  return TargetInputsChanged.parse(await res.json());
}

/** H5: a file input for .xlsx; resolves undefined when the user cancels. */
export function pickWorkbook(): Promise<File | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.style.display = 'none';
    input.setAttribute('data-testid', 'inputs-xlsx-input');
    document.body.appendChild(input);
    input.addEventListener('change', () => {
      const f = input.files?.[0];
      input.remove();
      resolve(f);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(undefined);
    });
    input.click();
  });
}
