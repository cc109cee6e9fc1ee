import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInMessage {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogram_state: string;
  lang: string;
}

/**
 * A loopback stand-in for the parts of api.weixin.qq.com we call, over real HTTP: stable_token,
 * subscribeMessage.send and getwxacodeunlimit, answering with WeChat's documented errcodes. The
 * real adapters are pointed at it because WeChat's servers cannot be reached from here.
 */
export class WechatStandIn {
  readonly baseUrl: string;
  /** Every token request and every message WeChat accepted, in order. */
  readonly tokenRequests: Array<{ appid: string; secret: string; force_refresh?: boolean }> = [];
  readonly sent: StandInMessage[] = [];
  readonly calls: Array<{ path: string; body?: unknown }> = [];
  /** openid → template ids the user accepted (what WeChat itself remembers). */
  private readonly subscriptions = new Map<string, Set<string>>();
  private tokenSerial = 0;
  private validToken = '';

  private constructor(private readonly server: Server, private readonly secret: string) {
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  static async start(secret = 'good'): Promise<WechatStandIn> {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const standIn = new WechatStandIn(server, secret);
    server.on('request', (req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => standIn.answer(new URL(req.url!, 'http://x'), raw, res));
    });
    return standIn;
  }

  /** The openid the stand-in gives the WeChat user whose login codes are `wx-<name>`. */
  static openidOf(name: string): string {
    return `oStandIn_${name}`;
  }

  subscribe(openid: string, templateId: string): void {
    const set = this.subscriptions.get(openid) ?? new Set<string>();
    set.add(templateId);
    this.subscriptions.set(openid, set);
  }

  /** WeChat retires the current token (as it does on expiry): the next call with it gets 42001. */
  expireToken(): void {
    this.validToken = 'retired';
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  private answer(url: URL, raw: string, res: import('node:http').ServerResponse): void {
    const body = raw ? JSON.parse(raw) : undefined;
    this.calls.push({ path: url.pathname, body });
    const json = (o: unknown) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(o));
    };
    if (url.pathname === '/cgi-bin/stable_token') {
      this.tokenRequests.push(body);
      if (body?.grant_type !== 'client_credential' || body?.secret !== this.secret) return json({ errcode: 40125, errmsg: 'invalid appsecret' });
      if (this.validToken === '' || this.validToken === 'retired') this.validToken = `AT-${++this.tokenSerial}`;
      return json({ access_token: this.validToken, expires_in: 7200 });
    }
    if (url.pathname === '/sns/jscode2session') {
      // A login code `wx-<name>` is the WeChat user <name>; the session_key must never leave the server.
      const code = url.searchParams.get('js_code') ?? '';
      if (url.searchParams.get('secret') !== this.secret || url.searchParams.get('grant_type') !== 'authorization_code') return json({ errcode: 40013, errmsg: 'invalid appid' });
      if (!/^wx-[a-z0-9]{1,20}$/.test(code)) return json({ errcode: 40029, errmsg: 'invalid code' });
      return json({ openid: WechatStandIn.openidOf(code.slice(3)), session_key: 'SECRET-SESSION-KEY' });
    }
    const token = url.searchParams.get('access_token');
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      if (token !== this.validToken) return json({ errcode: 42001, errmsg: 'access_token expired' });
      const m = body as StandInMessage;
      if (!/^[A-Za-z0-9_-]{6,64}$/.test(m.touser ?? '')) return json({ errcode: 40003, errmsg: 'invalid openid' });
      if (!this.subscriptions.get(m.touser)?.has(m.template_id)) return json({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
      // WeChat checks each keyword's value against its type: thing ≤ 20 characters, phrase ≤ 5, time a clock reading.
      const badField = Object.entries(m.data ?? {}).some(([key, f]) => {
        if (typeof f?.value !== 'string') return true;
        const length = Array.from(f.value).length;
        if (key.startsWith('thing')) return length > 20;
        if (key.startsWith('phrase')) return length > 5;
        if (key.startsWith('time')) return !/^\d{4}年\d{1,2}月\d{1,2}日( \d{2}:\d{2})?$/.test(f.value);
        return false;
      });
      if (badField) return json({ errcode: 47003, errmsg: 'argument invalid! data.value invalid' });
      this.sent.push(m);
      return json({ errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname === '/wxa/getwxacodeunlimit' && token === this.validToken) {
      if (body.scene.length > 32) return json({ errcode: 40169, errmsg: 'invalid length for scene' });
      res.setHeader('content-type', 'image/png');
      res.end(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake-image')]));
      return;
    }
    res.statusCode = 404;
    res.end();
  }
}
