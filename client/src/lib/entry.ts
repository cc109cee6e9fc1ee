import Taro from '@tarojs/taro';

export { tokenFromParams, tokenFromScan } from './entry-params';

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
