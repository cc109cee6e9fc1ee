import { z } from 'zod';

/** The subscription-message templates (订阅消息模板) the product sends. */
export const MESSAGE_TEMPLATES = ['invitation', 'reminder', 'rectification_deadline'] as const;
export const MessageTemplate = z.enum(MESSAGE_TEMPLATES);
export type MessageTemplate = z.infer<typeof MessageTemplate>;

/** What a panel member can subscribe to from an invitation, and unit staff from their account. */
export const MEMBER_TEMPLATES = ['invitation', 'reminder'] as const satisfies readonly MessageTemplate[];
export const STAFF_TEMPLATES = ['rectification_deadline'] as const satisfies readonly MessageTemplate[];

/**
 * The WeChat template id behind each template, for wx.requestSubscribeMessage. Locally (no
 * WeChat credentials) the ids are `local-…` and the client skips WeChat's consent dialog.
 */
export const MessageTemplatesResponse = z.object({
  templates: z.partialRecord(MessageTemplate, z.string()),
  local: z.boolean(),
});
export type MessageTemplatesResponse = z.infer<typeof MessageTemplatesResponse>;

const accepted = z
  .array(MessageTemplate)
  .max(MESSAGE_TEMPLATES.length)
  .refine((a) => new Set(a).size === a.length, { message: 'each template once' })
  .describe('the templates the person accepted in wx.requestSubscribeMessage (an empty list withdraws them all)');

/** A panel member subscribes from their invitation: the token proves who, the code which WeChat user. */
export const MemberSubscribeRequest = z.strictObject({
  token: z.string().min(1).max(200),
  code: z.string().min(1).max(128),
  accepted,
});
export type MemberSubscribeRequest = z.infer<typeof MemberSubscribeRequest>;

/** Unit staff subscribe to their unit's rectification deadlines with the WeChat account they bound. */
export const StaffSubscribeRequest = z.strictObject({ code: z.string().min(1).max(128), accepted });
export type StaffSubscribeRequest = z.infer<typeof StaffSubscribeRequest>;

export const SubscribeResponse = z.object({ subscribed: z.array(MessageTemplate) });
export type SubscribeResponse = z.infer<typeof SubscribeResponse>;
