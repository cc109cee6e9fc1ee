import type { SubscribeMessageSender, WechatMessage } from '../../functions/src/ports';
import { WechatSubscribeMessage } from '../../functions/src/adapters/wechat/subscribe-message';
import { WechatAccessToken } from '../../functions/src/adapters/wechat/access-token';
import { LocalSubscribeMessage } from '../../functions/src/adapters/local/local-subscribe-message';
import { WechatStandIn } from '../support/wechat-stand-in';

/**
 * The contract both subscribeMessage.send adapters keep, and what only the real one must do
 * with WeChat's answers. WeChat is the loopback stand-in (tests/support/wechat-stand-in.ts).
 */
let wechat: WechatStandIn;
beforeAll(async () => {
  wechat = await WechatStandIn.start('app-secret');
  wechat.subscribe('local-openid-zhang', 'TPL-INVITE');
});
afterAll(() => wechat.close());

const real = (state: 'formal' | 'trial' = 'formal') => new WechatSubscribeMessage(new WechatAccessToken('wx-app', 'app-secret', fetch, wechat.baseUrl), state);
const message = (openid: string, templateId = 'TPL-INVITE'): WechatMessage => ({
  openid,
  templateId,
  page: 'pages/rate/index?token=I.abc',
  data: { thing1: '2026年第四季度群众评议', time2: '2026年12月8日 18:00', thing3: '您被随机抽选为评议代表，请按时评议' },
});

const adapters: Array<[string, () => SubscribeMessageSender]> = [
  ['the local stand-in', () => new LocalSubscribeMessage()],
  ['the subscribeMessage.send adapter', () => real()],
];

describe.each(adapters)('%s', (_name, make) => {
  it('delivers to a user who can receive the template', async () => {
    await expect(make().deliver(message('local-openid-zhang'))).resolves.toEqual({ status: 'sent' });
  });

  it('answers an openid WeChat never issued with failed 40003, without throwing', async () => {
    await expect(make().deliver(message('not an openid!'))).resolves.toEqual({ status: 'failed', errcode: 40003 });
  });
});

describe('the subscribeMessage.send adapter', () => {
  it('sends the documented body: touser, template_id, page, data as { value }, state, language', async () => {
    await real('trial').deliver(message('local-openid-zhang'));
    expect(wechat.sent.at(-1)).toEqual({
      touser: 'local-openid-zhang',
      template_id: 'TPL-INVITE',
      page: 'pages/rate/index?token=I.abc',
      data: { thing1: { value: '2026年第四季度群众评议' }, time2: { value: '2026年12月8日 18:00' }, thing3: { value: '您被随机抽选为评议代表，请按时评议' } },
      miniprogram_state: 'trial',
      lang: 'zh_CN',
    });
  });

  it('calls a user without the subscription refused (43101), not failed', async () => {
    await expect(real().deliver(message('local-openid-li'))).resolves.toEqual({ status: 'refused', errcode: 43101 });
    await expect(real().deliver(message('local-openid-zhang', 'TPL-OTHER'))).resolves.toEqual({ status: 'refused', errcode: 43101 });
  });

  it('fetches one stable token for many sends, and a fresh one once WeChat retires it', async () => {
    const sender = real();
    const before = wechat.tokenRequests.length;
    const sentBefore = wechat.sent.length;
    await sender.deliver(message('local-openid-zhang'));
    await sender.deliver(message('local-openid-zhang'));
    expect(wechat.tokenRequests.length - before).toBe(1);
    wechat.expireToken();
    await expect(sender.deliver(message('local-openid-zhang'))).resolves.toEqual({ status: 'sent' });
    expect(wechat.tokenRequests.length - before).toBe(2);
    expect(wechat.sent.length - sentBefore).toBe(3);
  });

  it('reports failed, without throwing, when WeChat cannot be reached', async () => {
    const unreachable = new WechatSubscribeMessage(new WechatAccessToken('wx-app', 'app-secret', fetch, 'http://127.0.0.1:9'));
    await expect(unreachable.deliver(message('local-openid-zhang'))).resolves.toEqual({ status: 'failed' });
  });
});
