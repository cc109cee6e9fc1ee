import { WechatMiniProgramCode } from '../../functions/src/adapters/wechat/wxacode';
import { WechatAccessToken } from '../../functions/src/adapters/wechat/access-token';
import { LocalQrCode } from '../../functions/src/adapters/local/local-qr-code';
import { WechatStandIn } from '../support/wechat-stand-in';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let wechat: WechatStandIn;
beforeAll(async () => {
  wechat = await WechatStandIn.start('good');
});
afterAll(() => wechat.close());

const codeFor = (secret: string) => new WechatMiniProgramCode(new WechatAccessToken('wx-app', secret, fetch, wechat.baseUrl));

describe('the mini-program code adapters', () => {
  it('gets a token once and asks getwxacodeunlimit for the page with the token as scene', async () => {
    const before = wechat.tokenRequests.length;
    const code = codeFor('good');
    const png = await code.png({ scene: 'W.w111.1.abcdefghij', page: 'pages/rate/index' });
    await code.png({ scene: 'W.w112.1.abcdefghij', page: 'pages/rate/index' });
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(wechat.tokenRequests.length - before).toBe(1);
    expect(wechat.tokenRequests.at(-1)).toEqual({ grant_type: 'client_credential', appid: 'wx-app', secret: 'good', force_refresh: false });
    expect(wechat.calls.find((c) => c.path === '/wxa/getwxacodeunlimit')?.body).toEqual({ scene: 'W.w111.1.abcdefghij', page: 'pages/rate/index', check_path: false, width: 430 });
  });

  it('fails clearly when WeChat answers with an error instead of a picture', async () => {
    await expect(codeFor('good').png({ scene: 'x'.repeat(40), page: 'p' })).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(codeFor('bad').png({ scene: 's', page: 'p' })).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  // Rendering a PNG takes seconds on a busy 2-core machine: a generous deadline, not a speed claim.
  it('draws a real PNG QR of the H5 link locally', async () => {
    const png = await new LocalQrCode().png({ h5Url: 'http://localhost:8787/#/pages/rate/index?token=W.w111.1.abcdefghij' });
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.length).toBeGreaterThan(500);
  }, 120_000);
});
