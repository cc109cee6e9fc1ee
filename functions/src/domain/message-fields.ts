/**
 * Values for WeChat subscription-message keywords, which WeChat checks by type and refuses
 * (errcode 47003) when they do not fit: `time` is a China-time clock reading (an ISO string is
 * refused), `thing` at most 20 characters, `phrase` at most 5.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
const CST_OFFSET_MS = 8 * 3_600_000;

/** @example wechatTime('2026-12-03T10:00:00.000Z') // '2026年12月3日 18:00' */
export function wechatTime(iso: string): string {
  const d = new Date(Date.parse(iso) + CST_OFFSET_MS);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}

/** A calendar day (YYYY-MM-DD) as the `time` keyword takes it. @example wechatDate('2026-12-03') // '2026年12月3日' */
export function wechatDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Cut by characters, not UTF-16 units, so a name never ends in half a character. */
const cut = (text: string, max: number) => Array.from(text).slice(0, max).join('');

export const wechatThing = (text: string) => cut(text, 20);
export const wechatPhrase = (text: string) => cut(text, 5);
