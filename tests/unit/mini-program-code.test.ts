import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WechatMiniProgramCode } from '../../functions/src/adapters/wechat/wxacode';
import { LocalQrCode } from '../../functions/src/adapters/local/local-qr-code';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A loopback stand-in for WeChat's token and getwxacodeunlimit endpoints (real HTTP). */
let server: Server;
let baseUrl: string;
const calls: Array<{ path: string; body?: unknown }> = [];
let tokenRequests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      calls.push({ path: url.pathname, body: raw ? JSON.parse(raw) : undefined });
      if (url.pathname === '/cgi-bin/token') {
        tokenRequests++;
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify(url.searchParams.get('secret') === 'good' ? { access_token: 'AT-1', expires_in: 7200 } : { errcode: 40125 }));
      }
      if (url.pathname === '/wxa/getwxacodeunlimit' && url.searchParams.get('access_token') === 'AT-1') {
        const body = JSON.parse(raw);
        if (body.scene.length > 32) {
          res.setHeader('content-type', 'application/json');
          return res.end(JSON.stringify({ errcode: 40169, errmsg: 'invalid length for scene' }));
        }
        res.setHeader('content-type', 'image/png');
        return res.end(Buffer.concat([PNG_SIGNATURE, Buffer.from('fake-image')]));
      }
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('the mini-program code adapters', () => {
  it('gets a token once and asks getwxacodeunlimit for the page with the token as scene', async () => {
    const code = new WechatMiniProgramCode('wx-app', 'good', fetch, baseUrl);
    const png = await code.png({ scene: 'W.w111.1.abcdefghij', page: 'pages/rate/index' });
    await code.png({ scene: 'W.w112.1.abcdefghij', page: 'pages/rate/index' });
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(tokenRequests).toBe(1);
    expect(calls.find((c) => c.path === '/wxa/getwxacodeunlimit')?.body).toEqual({ scene: 'W.w111.1.abcdefghij', page: 'pages/rate/index', check_path: false, width: 430 });
  });

  it('fails clearly when WeChat answers with an error instead of a picture', async () => {
    await expect(new WechatMiniProgramCode('wx-app', 'good', fetch, baseUrl).png({ scene: 'x'.repeat(40), page: 'p' })).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(new WechatMiniProgramCode('wx-app', 'bad', fetch, baseUrl).png({ scene: 's', page: 'p' })).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('draws a real PNG QR of the H5 link locally', async () => {
    const png = await new LocalQrCode().png({ h5Url: 'http://localhost:8787/#/pages/rate/index?token=W.w111.1.abcdefghij' });
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.length).toBeGreaterThan(500);
  });
});
