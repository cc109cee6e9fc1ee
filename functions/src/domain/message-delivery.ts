import type { DeliveryRecord, LoggedMessage, MessageLog, MessageTemplate, RecipientStore, SubscribeMessageSender, SubscriptionMessage, SubscriptionMessenger } from '../ports';

/** The WeChat template id of each of our templates (WECHAT_TEMPLATE_* in production). */
export type TemplateIds = Partial<Record<MessageTemplate, string>>;

/**
 * Subscription messages as the domain sends them: logged first (the outbox, and the once-marker
 * for jobs), then delivered to whoever is bound to the message's member or unit and accepted its
 * template, each outcome written back to the log. Delivery never fails the action that sent the
 * message: an invitation exists whether or not WeChat took the push, and the log says which.
 */
export class DeliveringMessenger implements SubscriptionMessenger {
  constructor(
    private readonly log: MessageLog,
    private readonly recipients: RecipientStore,
    private readonly sender: SubscribeMessageSender,
    private readonly templateIds: TemplateIds,
  ) {}

  async send(message: SubscriptionMessage): Promise<void> {
    await this.log.record(message);
    await this.deliver(message);
  }

  async sendOnce(message: SubscriptionMessage): Promise<boolean> {
    if (!(await this.log.recordOnce(message))) return false;
    await this.deliver(message);
    return true;
  }

  list(): Promise<LoggedMessage[]> {
    return this.log.list();
  }

  private async deliver(message: SubscriptionMessage): Promise<void> {
    const templateId = this.templateIds[message.template];
    const deliveries: DeliveryRecord[] = [];
    for (const r of await this.recipients.list(message.memberId)) {
      if (!templateId || !r.templates.includes(message.template)) {
        deliveries.push({ recipient: r.slot, status: 'not_subscribed' });
        continue;
      }
      const outcome = await this.sender.deliver({ openid: r.openid, templateId, page: message.page, data: message.data });
      deliveries.push({ recipient: r.slot, status: outcome.status, ...('errcode' in outcome && outcome.errcode !== undefined ? { errcode: outcome.errcode } : {}) });
    }
    await this.log.markDelivered(message, deliveries);
  }
}
