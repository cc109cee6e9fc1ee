import Taro from '@tarojs/taro';
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES } from '@shared/api/rectification';
import type { EvidenceType } from '../../api/tasks';

/** A file picked on the phone, ready to PUT: its name, type, size and a way to read its bytes. */
export interface PickedFile {
  fileName: string;
  contentType: EvidenceType;
  size: number;
  /** H5: the File itself (fetch sends it as is); WeChat: the bytes read from the temp file. */
  body(): Promise<Blob | ArrayBuffer>;
}

/** Thrown with a Chinese sentence the page shows as is. */
export class PickError extends Error {}

const BY_EXT: Record<string, EvidenceType> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', pdf: 'application/pdf' };

function typeOf(name: string, declared?: string): EvidenceType | undefined {
  if (declared && (EVIDENCE_TYPES as readonly string[]).includes(declared)) return declared as EvidenceType;
  return BY_EXT[name.split('.').pop()?.toLowerCase() ?? ''];
}

function checked(file: Omit<PickedFile, 'contentType'> & { contentType?: EvidenceType }): PickedFile {
  if (!file.contentType) throw new PickError('只能上传照片（JPG、PNG、WebP）或 PDF 文件');
  if (file.size > EVIDENCE_MAX_BYTES) throw new PickError('文件不能超过 10 MB，请压缩后再上传');
  if (file.size === 0) throw new PickError('这个文件是空的，请重新选择');
  return file as PickedFile;
}

/** H5: a file input (photos or PDF); resolves undefined when the user cancels. */
function pickInBrowser(): Promise<PickedFile | undefined> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/jpeg,image/png,image/webp,application/pdf';
    input.style.display = 'none';
    input.setAttribute('data-testid', 'evidence-input');
    document.body.appendChild(input);
    input.addEventListener('change', () => {
      const f = input.files?.[0];
      input.remove();
      if (!f) return resolve(undefined);
      try {
        resolve(checked({ fileName: f.name, contentType: typeOf(f.name, f.type), size: f.size, body: async () => f }));
      } catch (e) {
        reject(e);
      }
    });
    input.addEventListener('cancel', () => { input.remove(); resolve(undefined); });
    input.click();
  });
}

/** WeChat: a photo from the album or camera, read into memory for the PUT. */
async function pickInWechat(): Promise<PickedFile | undefined> {
  let res: Taro.chooseImage.SuccessCallbackResult;
  try {
    res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  } catch {
    return undefined; // cancelled
  }
  const f = res.tempFiles[0];
  if (!f) return undefined;
  const fileName = `整改照片-${Date.now()}.${f.path.split('.').pop() ?? 'jpg'}`;
  return checked({
    fileName,
    contentType: typeOf(f.path),
    size: f.size,
    body: () => new Promise((ok, fail) => Taro.getFileSystemManager().readFile({ filePath: f.path, success: (r) => ok(r.data as ArrayBuffer), fail })),
  });
}

export function pickEvidence(): Promise<PickedFile | undefined> {
  return process.env.TARO_ENV === 'h5' ? pickInBrowser() : pickInWechat();
}
