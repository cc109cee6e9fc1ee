/** `YYYY-MM-DD` in China Standard Time, `days` from now. */
export function cstDate(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instant a CST calendar day starts (or ends, exclusive: the next midnight). */
export function cstInstant(date: string, endOfDay = false): string {
  const t = Date.parse(`${date}T00:00:00+08:00`) + (endOfDay ? 86_400_000 - 1000 : 0);
  return new Date(t).toISOString();
}
