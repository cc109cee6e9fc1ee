import { AppError } from '@shared/errors';
import type { WechatIdentity } from '../../ports';

/**
 * WeChat's jscode2session, server side. The response's session_key is dropped here on
 * purpose: nothing of ours needs it and it must never reach a client or the store.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
 */
export class WechatCode2Session implements WechatIdentity {
  constructor(
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly baseUrl = 'https://api.weixin.qq.com',
  ) {}

  async code2Session(code: string): Promise<{ openid: string }> {
    const url = `${this.baseUrl}/sns/jscode2session?appid=${encodeURIComponent(this.appId)}&secret=${encodeURIComponent(this.appSecret)}&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`;
    const res = await this.fetchImpl(url, { signal: AbortSignal.timeout(5000) });
    const body = (await res.json()) as { openid?: string; errcode?: number; errmsg?: string };
    if (!res.ok || !body.openid || (body.errcode !== undefined && body.errcode !== 0)) throw new AppError('WECHAT_LOGIN_FAILED', { errcode: body.errcode });
    return { openid: body.openid };
  }
}
