import { AppError } from '@shared/errors';

/**
 * The mini-program's interface-call credential, from getStableAccessToken. Not cgi-bin/token:
 * every Lambda container fetches its own, and with cgi-bin/token each fetch retires the token
 * the other containers hold; the stable token stays the same across callers until it expires.
 * Cached until five minutes before expiry; `invalidate` after WeChat calls it stale (40001/42001).
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html
 */
export class WechatAccessToken {
  private token?: { value: string; until: number };

  constructor(
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly fetchImpl: typeof fetch = fetch,
    readonly baseUrl = 'https://api.weixin.qq.com',
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.token && this.token.until > this.now()) return this.token.value;
    const res = await this.fetchImpl(`${this.baseUrl}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: this.appId, secret: this.appSecret, force_refresh: false }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number };
    if (!body.access_token) throw new AppError('INTERNAL', { wechat: 'access token refused', errcode: body.errcode });
    this.token = { value: body.access_token, until: this.now() + ((body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  }

  invalidate(): void {
    this.token = undefined;
  }
}

/** errcodes WeChat returns for an expired or retired access token. */
export const STALE_TOKEN_ERRCODES = new Set([40001, 40014, 42001]);
