import Taro from '@tarojs/taro';
import { MEMBER_TEMPLATES, MessageTemplatesResponse, STAFF_TEMPLATES, SubscribeResponse, type MessageTemplate } from '@shared/api/messages';
import { apiRequest } from './http';

/** Only the mini-program can ask WeChat for subscription consent; H5 has no subscription messages. */
export const canSubscribe = process.env.TARO_ENV === 'weapp';

/**
 * WeChat's consent dialog for the wanted templates (it must follow a tap): the ones accepted.
 * Against the local stand-in there is no dialog to show, so all are taken as accepted.
 */
async function consent(wanted: readonly MessageTemplate[]): Promise<MessageTemplate[]> {
  const { templates, local } = await apiRequest({ path: '/messages/templates', auth: 'none', schema: MessageTemplatesResponse });
  const offered = wanted.filter((t) => templates[t]);
  if (local || offered.length === 0) return offered;
  const answer = (await Taro.requestSubscribeMessage({ tmplIds: offered.map((t) => templates[t]!), entityIds: [] })) as unknown as Record<string, string>;
  return offered.filter((t) => answer[templates[t]!] === 'accept');
}

/** A panel member: this WeChat user receives the member's invitations and deadline reminders. */
export async function subscribeAsMember(token: string): Promise<SubscribeResponse> {
  const accepted = await consent(MEMBER_TEMPLATES);
  const { code } = await Taro.login();
  return apiRequest({ method: 'POST', path: '/invitations/subscribe', body: { token, code, accepted }, auth: 'none', schema: SubscribeResponse });
}

/** Unit staff: this WeChat user receives the unit's rectification deadline reminders. */
export async function subscribeAsStaff(): Promise<SubscribeResponse> {
  const accepted = await consent(STAFF_TEMPLATES);
  const { code } = await Taro.login();
  return apiRequest({ method: 'POST', path: '/auth/wechat/subscribe', body: { code, accepted }, auth: 'staff', schema: SubscribeResponse });
}
