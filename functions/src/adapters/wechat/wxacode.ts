import { AppError } from '@shared/errors';
import type { MiniProgramCode } from '../../ports';

/**
 * WeChat's wxacode.getUnlimited: a mini-program code for `page` carrying `scene` (≤ 32 chars,
 * our window token). Needs an access token (client_credential), cached until shortly before it
 * expires. https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html
 */
export class WechatMiniProgramCode implements MiniProgramCode {
  private token?: { value: string; until: number };

  constructor(
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly baseUrl = 'https://api.weixin.qq.com',
    private readonly now: () => number = Date.now,
  ) {}

  async png(input: { scene: string; page: string }): Promise<Buffer> {
    const res = await this.fetchImpl(`${this.baseUrl}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(await this.accessToken())}`, {
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

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > this.now()) return this.token.value;
    const res = await this.fetchImpl(
      `${this.baseUrl}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(this.appId)}&secret=${encodeURIComponent(this.appSecret)}`,
      { signal: AbortSignal.timeout(5000) },
    );
    const body = (await res.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new AppError('INTERNAL', { wechat: 'access token refused' });
    this.token = { value: body.access_token, until: this.now() + ((body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  }
}
