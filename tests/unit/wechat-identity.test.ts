import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WechatIdentity } from '../../functions/src/ports';
import { WechatCode2Session } from '../../functions/src/adapters/wechat/code2session';
import { LocalWechatIdentity } from '../../functions/src/adapters/local/local-wechat';

/**
 * The contract both WeChat identity adapters keep. WeChat's own servers cannot be reached
 * here, so the real adapter talks real HTTP to a loopback server that answers the way
 * jscode2session does (including the session_key we must drop).
 */
let server: Server;
let baseUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    seen.push(url.pathname + '?' + url.searchParams.toString());
    const code = url.searchParams.get('js_code');
    res.setHeader('content-type', 'application/json');
    if (url.pathname !== '/sns/jscode2session' || url.searchParams.get('grant_type') !== 'authorization_code') return res.end(JSON.stringify({ errcode: 40013, errmsg: 'invalid appid' }));
    if (code?.startsWith('dev-')) return res.end(JSON.stringify({ openid: `local-openid-${code.slice(4)}`, session_key: 'SECRET-SESSION-KEY', unionid: 'u' }));
    res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const adapters: Array<[string, () => WechatIdentity]> = [
  ['the local stand-in', () => new LocalWechatIdentity()],
  ['the code2Session adapter', () => new WechatCode2Session('wx-app', 'app-secret', fetch, baseUrl)],
];

describe.each(adapters)('%s', (_name, make) => {
  it('turns a valid code into an openid and nothing else', async () => {
    const out = await make().code2Session('dev-zhang');
    expect(out).toEqual({ openid: 'local-openid-zhang' });
    expect(JSON.stringify(out)).not.toContain('SECRET-SESSION-KEY');
  });

  it('rejects an invalid code with WECHAT_LOGIN_FAILED', async () => {
    await expect(make().code2Session('garbage')).rejects.toMatchObject({ code: 'WECHAT_LOGIN_FAILED' });
  });
});

it('sends appid, secret and the code to jscode2session', async () => {
  await new WechatCode2Session('wx-app', 'app-secret', fetch, baseUrl).code2Session('dev-li');
  expect(seen.at(-1)).toBe('/sns/jscode2session?appid=wx-app&secret=app-secret&js_code=dev-li&grant_type=authorization_code');
});
