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
