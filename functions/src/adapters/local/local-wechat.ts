import { AppError } from '@shared/errors';
import type { WechatIdentity } from '../../ports';

/**
 * Local stand-in for code2Session: a code `dev-<name>` is the person `<name>`. Same contract as
 * the real adapter (tests/unit/wechat-adapter.test.ts runs both against it): an openid out, a
 * rejected code is WECHAT_LOGIN_FAILED.
 */
export class LocalWechatIdentity implements WechatIdentity {
  async code2Session(code: string): Promise<{ openid: string }> {
    const m = /^dev-([A-Za-z0-9_-]{1,40})$/.exec(code);
    if (!m) throw new AppError('WECHAT_LOGIN_FAILED', { errcode: 40029 });
    return { openid: `local-openid-${m[1]}` };
  }
}

/**
 * A local server with neither WeChat credentials nor dev login (AUTH_DEV_LOGIN unset or 0): every
 * WeChat login is refused with a clear code, never answered by the stand-in above.
 */
export class WechatNotConfigured implements WechatIdentity {
  async code2Session(): Promise<{ openid: string }> {
    throw new AppError('WECHAT_NOT_CONFIGURED');
  }
}
