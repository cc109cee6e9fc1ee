/**
 * How a citizen arrives (pure: no Taro, so jest reads it): a WeChat QR opens a page with `scene`
 * (URL-encoded by WeChat), an H5 link carries `token`, the in-app scanner returns either form.
 * Each yields the same token.
 */
function decode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/**
 * The token in a page's options, or undefined. A printed plain-link QR (the H5 link) that WeChat
 * opens in the mini-program (扫普通链接二维码打开小程序) arrives as `q`: the whole link, URL-encoded.
 * @example tokenFromParams({ q: encodeURIComponent('https://x.gov.cn/#/pages/rate/index?token=W.w1.1.Ab') }) // 'W.w1.1.Ab'
 */
export function tokenFromParams(params: Record<string, string | undefined>): string | undefined {
  const raw = params.scene || params.token;
  if (raw) return decode(raw);
  return params.q ? tokenFromScan({ result: decode(params.q) }) : undefined;
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

