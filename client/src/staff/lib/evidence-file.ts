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

/** A WeChat temp file read into memory for the PUT. */
function wechatFile(path: string, fileName: string, size: number): PickedFile {
  return checked({
    fileName,
    contentType: typeOf(fileName),
    size,
    body: () => new Promise((ok, fail) => Taro.getFileSystemManager().readFile({ filePath: path, success: (r) => ok(r.data as ArrayBuffer), fail })),
  });
}

/** WeChat: a photo from the album or camera. */
async function pickPhotoInWechat(): Promise<PickedFile | undefined> {
  let res: Taro.chooseImage.SuccessCallbackResult;
  try {
    res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  } catch {
    return undefined; // cancelled
  }
  const f = res.tempFiles[0];
  return f ? wechatFile(f.path, `整改照片-${Date.now()}.${f.path.split('.').pop() ?? 'jpg'}`, f.size) : undefined;
}

/**
 * WeChat: a PDF (a 整改报告, a notice) from a chat — a mini-program cannot browse the phone's
 * files, so chooseMessageFile, which lists files received in WeChat chats, is the way in.
 */
async function pickPdfInWechat(): Promise<PickedFile | undefined> {
  let res: Taro.chooseMessageFile.SuccessCallbackResult;
  try {
    res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] });
  } catch {
    return undefined; // cancelled
  }
  const f = res.tempFiles[0];
  return f ? wechatFile(f.path, f.name || `整改材料-${Date.now()}.pdf`, f.size) : undefined;
}

const WECHAT_SOURCES = ['拍照或从相册选择照片', '从微信聊天记录选择 PDF 文件'];

async function pickInWechat(): Promise<PickedFile | undefined> {
  let tapIndex: number;
  try {
    ({ tapIndex } = await Taro.showActionSheet({ itemList: WECHAT_SOURCES }));
  } catch {
    return undefined; // cancelled
  }
  return tapIndex === 0 ? pickPhotoInWechat() : pickPdfInWechat();
}

export function pickEvidence(): Promise<PickedFile | undefined> {
  return process.env.TARO_ENV === 'h5' ? pickInBrowser() : pickInWechat();
}
