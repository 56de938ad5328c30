/**
 * Calendar dates as `YYYY-MM-DD` strings. The documents count days in China time; computing on plain dates
 * (UTC arithmetic on the parts) avoids the server's time zone ever moving a date.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date's parts when the string is a real calendar date, otherwise undefined (2023-02-30 is not). */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

const format = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const { year, month, day } = parseIsoDate(date)!;
  return format(new Date(Date.UTC(year, month - 1, day + days)));
}

/** Adds calendar months, clamping to the month's last day (2023-01-31 + 1 month = 2023-02-28). */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parseIsoDate(date)!;
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))));
}

export const addYears = (date: string, years: number) => addMonths(date, years * 12);

/** Today's date in China (Asia/Shanghai), whatever the server's time zone. */
export function chinaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
