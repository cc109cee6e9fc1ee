/** `YYYY-MM-DD` in China Standard Time, `days` from now. */
export function cstDate(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instant a CST calendar day starts (or ends, exclusive: the next midnight). */
export function cstInstant(date: string, endOfDay = false): string {
  const t = Date.parse(`${date}T00:00:00+08:00`) + (endOfDay ? 86_400_000 - 1000 : 0);
  return new Date(t).toISOString();
}

/** An instant as `YYYY-MM-DD HH:mm` in China Standard Time. */
export function formatDateTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The office's two dates checked before a request is built: a day that is not a calendar day, or
 * a start after the end, is said in words instead of failing as 系统繁忙.
 */
export function checkDateRange(start: string, end: string): string | undefined {
  const day = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00+08:00`)) && new Date(Date.parse(`${d}T00:00:00Z`)).toISOString().slice(0, 10) === d;
  if (!day(start.trim())) return '开始日期应为“年-月-日”，例如 2026-01-31';
  if (!day(end.trim())) return '结束日期应为“年-月-日”，例如 2026-03-31';
  if (start.trim() > end.trim()) return '开始日期不能晚于结束日期';
  return undefined;
}
