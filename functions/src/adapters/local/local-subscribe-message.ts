import type { DeliveryOutcome, SubscribeMessageSender, WechatMessage } from '../../ports';

/** WeChat's errcode for an openid it never issued. */
const INVALID_OPENID = 40003;

/**
 * The local stand-in for subscribeMessage.send: it delivers to the openids the local identity
 * stand-in issues (local-wechat.ts) and keeps them here, and refuses any other openid as
 * WeChat would. The message itself is in the outbox either way, where `npm start` shows it.
 */
export class LocalSubscribeMessage implements SubscribeMessageSender {
  readonly delivered: WechatMessage[] = [];

  async deliver(message: WechatMessage): Promise<DeliveryOutcome> {
    if (!message.openid.startsWith('local-openid-')) return { status: 'failed', errcode: INVALID_OPENID };
    this.delivered.push(message);
    return { status: 'sent' };
  }
}
