import { displaySerial, parseSerial } from './serial';

/**
 * What the mini-program's camera scan (wx.scanCode / Taro.scanCode) gives back: `result` is the
 * code's text; `path` is set instead when the code is a mini-program code of this app.
 */
export interface ScanResult {
  result?: string;
  path?: string;
  scanType?: string;
}

/**
 * A scanned code read as a form serial. A form's QR holds its link,
 * `<PUBLIC_BASE_URL>/#/public/pages/paper/index?serial=7K2M-9XPQ-4D1C` (serial.ts serialLink);
 * the same text may reach us wrapped once more (WeChat's 普通链接二维码 passes the link
 * URL-encoded as `q=`), as a mini-program path, or as the bare serial (a reprinted label).
 * `not_a_form`: no serial anywhere in it (a window's poster, a payment code); `unreadable`: it
 * names a serial whose check symbol fails (a smudged or altered print).
 * @example serialFromScan({ result: 'https://x/#/public/pages/paper/index?serial=7K2M-9XPQ-4D1C' }) // { ok: true, serial: '7K2M9XPQ4D1C', display: '7K2M-9XPQ-4D1C' }
 */
export function serialFromScan(scan: ScanResult): { ok: true; serial: string; display: string } | { ok: false; reason: 'not_a_form' | 'unreadable' } {
  const texts = [scan.path, scan.result].filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.trim());
  let named = false;
  for (const text of texts) {
    for (const candidate of unwrap(text)) {
      const serial = parseSerial(candidate);
      if (serial) return { ok: true, serial, display: displaySerial(serial) };
      named ||= /[?&]serial=/.test(candidate);
    }
  }
  return { ok: false, reason: named ? 'unreadable' : 'not_a_form' };
}

/** The text, and the link inside a `q=` wrapper (URL-encoded, possibly twice), innermost last. */
function unwrap(text: string): string[] {
  const out = [text];
  let current = text;
  for (let depth = 0; depth < 3; depth++) {
    const q = /[?&]q=([^&#\s]+)/.exec(current);
    if (!q) break;
    current = safeDecode(q[1]!);
    out.push(current);
  }
  // A link whose own serial parameter is URL-encoded (…serial%3D7K2M…) reads once decoded.
  const decoded = safeDecode(current);
  if (decoded !== current) out.push(decoded);
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
