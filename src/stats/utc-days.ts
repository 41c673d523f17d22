/** UTC days as `YYYY-MM-DD` text: the unit of every statistics counter. */

const DAY_MS = 24 * 60 * 60_000;

export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** dayOf for a stream of times that mostly fall on the same day: formats a date once per day. */
export function createDayOfCache(): (at: number) => string {
  let start = Number.NaN;
  let day = '';
  return (at) => {
    if (at >= start && at < start + DAY_MS) return day;
    start = Math.floor(at / DAY_MS) * DAY_MS;
    day = dayOf(start);
    return day;
  };
}

export function addDays(day: string, days: number): string {
  return dayOf(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

/** Days from `from` to `to` inclusive (1 for the same day). */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** True for `YYYY-MM-DD` naming a real calendar day (not 2026-02-30). */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && dayOf(time) === text;
}
