import QRCode from 'qrcode';
import type { MiniProgramCode } from '../../ports';

/** Local stand-in for the mini-program code: a QR of the H5 link (same token), as PNG. */
export class LocalQrCode implements MiniProgramCode {
  async png(input: { h5Url: string }): Promise<Buffer> {
    return QRCode.toBuffer(input.h5Url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 430 });
  }
}
