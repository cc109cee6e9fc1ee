import Taro from '@tarojs/taro';
import type { ZodType } from 'zod';
import { API_BASE } from './config';
import { ApiError, NETWORK_MESSAGE, errorFromResponse } from './errors';
import { SessionKind, clearSession, loginCitizen, readSession } from './session';

export type Auth = SessionKind | 'none';

export type RequestOptions<T> = {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  /** Raw text body (CSV import) instead of JSON. */
  text?: { body: string; contentType: string };
  auth?: Auth;
  schema: ZodType<T>;
};

type Raw = { status: number; data: unknown };

async function send(method: string, path: string, body: unknown, text: RequestOptions<unknown>['text'], token?: string): Promise<Raw> {
  const header: Record<string, string> = { 'Content-Type': text ? text.contentType : 'application/json' };
  if (token) header.Authorization = `Bearer ${token}`;
  try {
    const res = await Taro.request({
      url: API_BASE + path,
      method: method as 'GET',
      data: text ? text.body : body === undefined ? undefined : JSON.stringify(body),
      header,
      dataType: 'json',
      // Without this a server that hangs would keep a ballot "sending" forever.
      timeout: 15_000,
    });
    let data: unknown = res.data;
    if (typeof data === 'string' && data) {
      try {
        data = JSON.parse(data);
      } catch {
        /* a non-JSON body (proxy error page): keep it; errorFromResponse copes */
      }
    }
    return { status: res.statusCode, data };
  } catch {
    throw new ApiError('NETWORK', 0, NETWORK_MESSAGE);
  }
}

async function postJsonNoAuth(path: string, body: unknown): Promise<unknown> {
  const res = await send('POST', path, body, undefined);
  if (res.status >= 400) throw errorFromResponse(res.status, res.data);
  return res.data;
}

async function tokenFor(auth: Auth): Promise<string | undefined> {
  if (auth === 'none') return undefined;
  const existing = readSession(auth);
  if (existing) return existing.token;
  if (auth === 'citizen') return (await loginCitizen(postJsonNoAuth)).token;
  throw new ApiError('UNAUTHENTICATED', 401, '请先登录');
}

/**
 * The one way the client talks to the API: attaches the session, renews an expired citizen
 * session once, turns every failure into an ApiError with a Chinese message, and validates
 * the answer against the shared zod schema so a contract drift fails loudly here.
 */
export async function apiRequest<T>(opts: RequestOptions<T>): Promise<T> {
  const method = opts.method ?? 'GET';
  const auth = opts.auth ?? 'citizen';
  let res = await send(method, opts.path, opts.body, opts.text, await tokenFor(auth));
  if (res.status === 401 && auth !== 'none') {
    clearSession(auth);
    if (auth === 'staff') throw errorFromResponse(res.status, res.data);
    res = await send(method, opts.path, opts.body, opts.text, await tokenFor(auth));
  }
  if (res.status >= 400) throw errorFromResponse(res.status, res.data);
  const parsed = opts.schema.safeParse(res.data);
  if (!parsed.success) {
    console.error(`response of ${method} ${opts.path} does not match the contract`, parsed.error.issues);
    throw new ApiError('INTERNAL', res.status, '系统繁忙，请稍后再试');
  }
  return parsed.data;
}

/** For login forms: the dev login posts without a session. */
export { postJsonNoAuth };

/**
 * An image the API serves behind the staff session (a window's WeChat code), as a data URL an
 * <Image> can show: an <Image src> cannot carry the session header.
 */
export async function apiImage(path: string): Promise<string> {
  const token = await tokenFor('staff');
  let res: Taro.request.SuccessCallbackResult<ArrayBuffer>;
  try {
    res = await Taro.request<ArrayBuffer>({ url: API_BASE + path, method: 'GET', header: token ? { Authorization: `Bearer ${token}` } : {}, responseType: 'arraybuffer', dataType: '其他', timeout: 15_000 });
  } catch {
    throw new ApiError('NETWORK', 0, NETWORK_MESSAGE);
  }
  if (res.statusCode >= 400) {
    let data: unknown;
    try {
      // UTF-8 bytes to text without TextDecoder, which older WeChat base libraries lack.
      data = JSON.parse(decodeURIComponent(escape(String.fromCharCode(...new Uint8Array(res.data)))));
    } catch {
      data = undefined;
    }
    throw errorFromResponse(res.statusCode, data);
  }
  return `data:image/png;base64,${Taro.arrayBufferToBase64(res.data)}`;
}
