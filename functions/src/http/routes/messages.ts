import { MemberSubscribeRequest, MessageTemplatesResponse, StaffSubscribeRequest, SubscribeResponse } from '@shared/api/messages';
import { messageTemplates, subscribeMember, subscribeStaff } from '../../domain/subscriptions';
import { route } from '../route';

/** Subscription messages (订阅消息): which templates exist, and who receives them. */
export const messageRoutes = [
  route({
    method: 'get',
    path: '/messages/templates',
    summary: 'The WeChat template id of each subscription message (invitation, reminder, rectification_deadline), for wx.requestSubscribeMessage; `local` when messages go to the local stand-in.',
    tag: 'messages',
    auth: 'public',
    disclosure: 'public',
    responses: { 200: { description: 'Template ids', schema: MessageTemplatesResponse } },
    errors: [],
    handler: async ({ deps }) => ({ body: messageTemplates(deps) }),
  }),
  route({
    method: 'post',
    path: '/invitations/subscribe',
    summary:
      "A panel member's WeChat user receives the member's invitations and reminders (the templates accepted; an empty list withdraws). The invitation token names the member and must be valid; the login code names the WeChat user, whose openid only the store keeps.",
    tag: 'messages',
    auth: 'public',
    disclosure: 'citizen-own',
    body: MemberSubscribeRequest,
    responses: { 200: { description: 'What the member now receives', schema: SubscribeResponse } },
    errors: ['VALIDATION_FAILED', 'TOKEN_INVALID', 'TOKEN_REVOKED', 'INVITATION_EXPIRED', 'NOT_AN_INVITATION', 'WECHAT_LOGIN_FAILED', 'WECHAT_NOT_CONFIGURED'],
    handler: async ({ deps, body }) => ({ body: await subscribeMember(deps, body.token, body.code, body.accepted) }),
  }),
  route({
    method: 'post',
    path: '/auth/wechat/subscribe',
    summary: "Unit staff receive their unit's rectification deadline reminders on the WeChat account bound to their own office account (the login code must be that account's).",
    tag: 'messages',
    auth: ['staff'],
    disclosure: 'citizen-own',
    body: StaffSubscribeRequest,
    responses: { 200: { description: 'What the account now receives', schema: SubscribeResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'WECHAT_LOGIN_FAILED', 'WECHAT_NOT_CONFIGURED', 'NOT_BOUND'],
    handler: async ({ deps, body, session }) => ({ body: await subscribeStaff(deps, session!, body.code, body.accepted) }),
  }),
];
