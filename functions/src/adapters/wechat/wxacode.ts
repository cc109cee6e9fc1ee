import { AppError } from '@shared/errors';
import type { MiniProgramCode } from '../../ports';
import type { WechatAccessToken } from './access-token';

/**
 * WeChat's wxacode.getUnlimited: a mini-program code for `page` carrying `scene` (≤ 32 chars,
 * our window token), with the app's access token (access-token.ts). https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html
 */
export class WechatMiniProgramCode implements MiniProgramCode {
  constructor(
    private readonly token: WechatAccessToken,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async png(input: { scene: string; page: string }): Promise<Buffer> {
    const res = await this.fetchImpl(`${this.token.baseUrl}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(await this.token.get())}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scene: input.scene, page: input.page, check_path: false, width: 430 }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = Buffer.from(await res.arrayBuffer());
    // Errors come back as JSON with errcode; a picture comes back as image/*.
    if (!res.ok || !(res.headers.get('content-type') ?? '').startsWith('image/')) throw new AppError('INTERNAL', { wechat: 'getwxacodeunlimit failed' });
    return body;
  }
}
