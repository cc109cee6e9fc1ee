import Taro from '@tarojs/taro';

/**
 * How a citizen arrives: a WeChat QR opens a page with `scene` (URL-encoded by WeChat), an H5
 * link carries `token`, the in-app scanner returns either form. Each yields the same token.
 */
function decode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** The token in a page's options, or undefined. */
export function tokenFromParams(params: Record<string, string | undefined>): string | undefined {
  const raw = params.scene || params.token;
  return raw ? decode(raw) : undefined;
}

/**
 * The token inside a scanned code: a mini-program code's `path` (…?scene=…), or an H5 link
 * (…?token=… , possibly after a `#/pages/...` hash). Undefined when it is not one of ours.
 * @example tokenFromScan({ result: 'https://x.gov.cn/#/pages/rate/index?token=w1Ab' }) // 'w1Ab'
 */
export function tokenFromScan(scan: { result?: string; path?: string }): string | undefined {
  for (const text of [scan.path, scan.result]) {
    if (!text) continue;
    const m = /[?&](?:scene|token)=([^&#]+)/.exec(text);
    if (m?.[1]) return decode(m[1]);
  }
  return undefined;
}

/** The page that answers a token, by the channel the landing reports. */
export function ratePageUrl(token: string, extra: { roundId?: string; targetId?: string } = {}): string {
  const q = [`token=${encodeURIComponent(token)}`];
  if (extra.roundId) q.push(`roundId=${encodeURIComponent(extra.roundId)}`);
  if (extra.targetId) q.push(`targetId=${encodeURIComponent(extra.targetId)}`);
  return `/pages/rate/index?${q.join('&')}`;
}

/** The list page of a link covering many targets (sampling or invitation). */
export function listPageUrl(token: string, channel: string): string {
  return `/pages/${channel === 'sampling' ? 'sample' : 'invite'}/index?token=${encodeURIComponent(token)}`;
}

/** Back to the list a ballot was picked from (it re-reads itself on show), or open it when the page was reached directly. */
export function backTo(listUrl: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: listUrl });
}
