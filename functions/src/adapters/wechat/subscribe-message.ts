import type { DeliveryOutcome, SubscribeMessageSender, WechatMessage } from '../../ports';
import { STALE_TOKEN_ERRCODES, type WechatAccessToken } from './access-token';

/** The user holds no subscription for the template: never accepted, used up, or withdrawn. */
const NOT_SUBSCRIBED = 43101;

/** Which build of the mini-program a message's page opens. */
export type MiniProgramState = 'formal' | 'trial' | 'developer';

/**
 * WeChat's subscribeMessage.send. Field values go as `{ value }`, the page with its query (the
 * invitation token rides there). A stale token is refreshed once and the call repeated; every
 * other answer becomes an outcome, so one member's refusal never stops a batch.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
export class WechatSubscribeMessage implements SubscribeMessageSender {
  constructor(
    private readonly token: WechatAccessToken,
    private readonly state: MiniProgramState = 'formal',
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async deliver(message: WechatMessage): Promise<DeliveryOutcome> {
    try {
      let errcode = await this.send(message);
      if (errcode !== undefined && STALE_TOKEN_ERRCODES.has(errcode)) {
        this.token.invalidate();
        errcode = await this.send(message);
      }
      if (errcode === 0) return { status: 'sent' };
      if (errcode === NOT_SUBSCRIBED) return { status: 'refused', errcode };
      return errcode === undefined ? { status: 'failed' } : { status: 'failed', errcode };
    } catch {
      return { status: 'failed' };
    }
  }

  /** The errcode WeChat answered (0 is success), undefined for a reply that is not WeChat's. */
  private async send(message: WechatMessage): Promise<number | undefined> {
    const res = await this.fetchImpl(`${this.token.baseUrl}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(await this.token.get())}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        touser: message.openid,
        template_id: message.templateId,
        page: message.page,
        data: Object.fromEntries(Object.entries(message.data).map(([k, value]) => [k, { value }])),
        miniprogram_state: this.state,
        lang: 'zh_CN',
      }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await res.json().catch(() => ({}))) as { errcode?: number };
    return typeof body.errcode === 'number' ? body.errcode : undefined;
  }
}
