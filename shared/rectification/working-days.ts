/**
 * Working-day arithmetic on calendar dates (YYYY-MM-DD, China Standard Time). Weekends are off;
 * public holidays and the swapped working weekends (调休) are passed in, because the State
 * Council publishes them each December and they are not computable.
 * @example addWorkingDays('2026-11-20', 3) // '2026-11-25' (Fri + 3 → Wed)
 */
export interface WorkCalendar {
  holidays?: readonly string[];
  workingWeekends?: readonly string[];
}

export function isWorkingDay(date: string, cal: WorkCalendar = {}): boolean {
  if (cal.workingWeekends?.includes(date)) return true;
  if (cal.holidays?.includes(date)) return false;
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

export function addWorkingDays(start: string, days: number, cal: WorkCalendar = {}): string {
  let t = Date.parse(`${start}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    t += 86_400_000;
    if (isWorkingDay(new Date(t).toISOString().slice(0, 10), cal)) left--;
  }
  return new Date(t).toISOString().slice(0, 10);
}

/** The China Standard Time calendar date of an instant (UTC+8, no daylight saving). */
export function cstDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
