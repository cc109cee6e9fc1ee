import Taro from '@tarojs/taro';
import { API_BASE } from '../../api/config';
import { ApiError, NETWORK_MESSAGE, errorFromResponse } from '../../api/errors';
import { confirmEvidence, requestUpload } from '../../api/tasks';
import type { TaskView } from '../../api/tasks';
import type { PickedFile } from './evidence-file';

/** Upload links may be relative to our API's host (the local folder adapter) or absolute (S3). */
export function absoluteUrl(url: string): string {
  if (/^https?:\/\//.test(url)) return url;
  return API_BASE.replace(/\/api\/?$/, '') + url;
}

async function put(url: string, headers: Record<string, string>, body: Blob | ArrayBuffer): Promise<void> {
  let status: number;
  let data: unknown;
  try {
    if (process.env.TARO_ENV === 'h5') {
      const res = await fetch(url, { method: 'PUT', headers, body });
      status = res.status;
      data = await res.json().catch(() => undefined);
    } else {
      const res = await Taro.request({ url, method: 'PUT', header: headers, data: body, timeout: 60_000 });
      status = res.statusCode;
      data = res.data;
    }
  } catch {
    throw new ApiError('NETWORK', 0, NETWORK_MESSAGE);
  }
  if (status >= 400) throw errorFromResponse(status, data);
}

/**
 * The two-step upload: ask for a link, PUT the bytes there (the API never carries them in
 * production), then confirm so the server checks the stored object and records it.
 */
export async function uploadEvidence(taskId: string, file: PickedFile): Promise<TaskView> {
  const { evidenceId, upload } = await requestUpload(taskId, { fileName: file.fileName, contentType: file.contentType, size: file.size });
  await put(absoluteUrl(upload.url), upload.headers, await file.body());
  return confirmEvidence(taskId, { evidenceId, fileName: file.fileName, contentType: file.contentType });
}
