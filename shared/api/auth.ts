import { z } from 'zod';

/** Roles, narrowest first. Staff are scoped to one unit. */
export const ROLES = ['citizen', 'panel', 'monitor', 'inspector', 'staff', 'supervisor', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const DevLoginRequest = z.strictObject({
  /** Stable name of the dev identity; the same name is the same evaluator. */
  name: z.string().min(1).max(40),
  role: Role.default('citizen'),
  unitId: z.string().max(12).optional(),
});
export type DevLoginRequest = z.infer<typeof DevLoginRequest>;

export const WechatLoginRequest = z.strictObject({ code: z.string().min(1).max(128) });
export type WechatLoginRequest = z.infer<typeof WechatLoginRequest>;

/** Our own signed session token; the WeChat session_key never leaves the server. */
export const SessionResponse = z.object({
  token: z.string(),
  role: Role,
  unitId: z.string().optional(),
  expiresAt: z.string(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

/** Office roles an account can hold (citizens and panel members have no account). */
export const OFFICE_ROLES = ['staff', 'supervisor', 'admin', 'monitor', 'inspector'] as const;

export const CreateAccountRequest = z.strictObject({
  accountId: z.string().regex(/^[A-Za-z0-9_-]{2,32}$/),
  name: z.string().trim().min(1).max(40),
  role: z.enum(OFFICE_ROLES),
  unitId: z.string().regex(/^[A-Za-z0-9_-]{1,12}$/).optional(),
});
export type CreateAccountRequest = z.infer<typeof CreateAccountRequest>;

/** The one-time binding code is shown once, to the admin who hands it to the person. */
export const CreateAccountResponse = z.object({ accountId: z.string(), bindCode: z.string(), bindExpiresAt: z.string() });

export const WechatBindRequest = z.strictObject({ code: z.string().min(1).max(128), bindCode: z.string().regex(/^[0-9A-Z]{8}$/) });
export type WechatBindRequest = z.infer<typeof WechatBindRequest>;
