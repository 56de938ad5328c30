/**
 * Working days (工作日), SPEC §2. Public notices last 5 working days, and Hebei 第十三条 appointments must be
 * handled within 5 working days, so deadlines follow the official calendar: weekends and statutory holidays
 * off, make-up working days (调休上班) on. The first working day after the start date is day 1 (the start day
 * itself is never counted).
 *
 * The calendar is the data published in `chinese-days`, read as JSON rather than through the package's
 * functions: those parse dates in the server's time zone and answer unpublished years as if they were plain
 * weekday calendars. Here a date outside the published years is refused, never guessed, and every computation
 * is on `YYYY-MM-DD` calendar dates (China dates) with UTC arithmetic, so the server's time zone cannot move a day.
 */
import calendarData from 'chinese-days/dist/chinese-days.json';
import calendarPackage from 'chinese-days/package.json';
import { parseIsoDate } from './dates';
import { badInput } from './errors';

/** Re-exported so that callers that count working days from "today" find China's today here as well. */
export { chinaToday } from './dates';

type CalendarEntries = Readonly<Record<string, string>>;

const holidays: ReadonlySet<string> = new Set(Object.keys(calendarData.holidays as CalendarEntries));
const makeUpWorkdays: ReadonlySet<string> = new Set(Object.keys(calendarData.workdays as CalendarEntries));
const calendarSource = `${calendarPackage.name}@${calendarPackage.version}`;

/**
 * The published years: a year counts as published when the data lists at least one holiday in it (every year
 * has New Year's Day and the Spring Festival). A gap in the middle would mean a damaged data file: better to
 * stop at start-up than to judge a year of it as weekdays only.
 */
const coverage = (() => {
  const years = [...new Set([...holidays].map((date) => Number(date.slice(0, 4))))].sort((a, b) => a - b);
  if (years.length === 0) throw new Error(`Working-day calendar ${calendarSource} contains no holidays`);
  const firstYear = years[0];
  const lastYear = years[years.length - 1];
  const missing: number[] = [];
  for (let year = firstYear; year <= lastYear; year++) if (!years.includes(year)) missing.push(year);
  if (missing.length > 0) {
    throw new Error(`Working-day calendar ${calendarSource} has no holidays for ${missing.join(', ')} (between ${firstYear} and ${lastYear})`);
  }
  return { firstYear, lastYear };
})();

/** Which years the calendar covers and which data release it is, so a computed deadline can name its source. */
export function calendarCoverage(): { firstYear: number; lastYear: number; source: string } {
  return { firstYear: coverage.firstYear, lastYear: coverage.lastYear, source: calendarSource };
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a checked date, so that stepping through days is plain integer arithmetic. */
const toDayNumber = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / MS_PER_DAY;
const fromDayNumber = (dayNumber: number) => new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
/** 1970-01-01 was a Thursday: day numbers map to UTC weekdays 0 (Sunday) … 6 (Saturday). */
const weekdayOf = (dayNumber: number) => (((dayNumber + 4) % 7) + 7) % 7;

const coveredRange = () => `${coverage.firstYear}–${coverage.lastYear}`;

const yearNotPublished = (year: number) =>
  badInput(
    {
      zh: `工作日历未收录 ${year} 年（已收录 ${coveredRange()} 年）`,
      en: `The working-day calendar does not cover ${year} (covered: ${coveredRange()})`,
    },
    { reason: 'CALENDAR_YEAR_NOT_PUBLISHED', year, coveredFrom: coverage.firstYear, coveredTo: coverage.lastYear },
  );

/** Same reason code as an unpublished date, but the message says it was the counting that ran out of calendar. */
const countRunsPastCoverage = (start: string, n: number) => {
  const year = coverage.lastYear + 1;
  return badInput(
    {
      zh: `自 ${start} 起算 ${n} 个工作日将进入 ${year} 年，工作日历未收录该年（已收录 ${coveredRange()} 年）`,
      en: `Counting ${n} working days from ${start} runs into ${year}, which the working-day calendar does not cover (covered: ${coveredRange()})`,
    },
    { reason: 'CALENDAR_YEAR_NOT_PUBLISHED', year, coveredFrom: coverage.firstYear, coveredTo: coverage.lastYear, start, workingDays: n },
  );
};

/** A real `YYYY-MM-DD` date inside the covered years, as a day number; anything else is refused. */
function coveredDayNumber(value: string): number {
  const parts = typeof value === 'string' ? parseIsoDate(value) : undefined;
  if (!parts) {
    throw badInput(
      {
        zh: `日期无效：${String(value)}（应为 YYYY-MM-DD 格式的真实日期）`,
        en: `Invalid date: ${String(value)} (expected a real calendar date as YYYY-MM-DD)`,
      },
      { reason: 'INVALID_DATE', value },
    );
  }
  if (parts.year < coverage.firstYear || parts.year > coverage.lastYear) throw yearNotPublished(parts.year);
  return toDayNumber(parts.year, parts.month, parts.day);
}

/** The first day after the calendar's last covered year: counting may not reach it. */
const endOfCoverage = toDayNumber(coverage.lastYear + 1, 1, 1);

function isWorkingDayNumber(dayNumber: number): boolean {
  const date = fromDayNumber(dayNumber);
  if (makeUpWorkdays.has(date)) return true;
  if (holidays.has(date)) return false;
  const weekday = weekdayOf(dayNumber);
  return weekday !== 0 && weekday !== 6;
}

/** Whether the date is an official working day in China (a make-up Saturday or Sunday is one). */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayNumber(coveredDayNumber(date));
}

/**
 * The date on which the n-th working day after `start` falls: `addWorkingDays(d, 5)` is the last day of a
 * 5-working-day public notice that starts on d. The start day is not counted, so n = 0 gives `start` back.
 * Counting past the last covered year is refused rather than continued on weekdays alone.
 */
export function addWorkingDays(start: string, n: number): string {
  const startDay = coveredDayNumber(start);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw badInput(
      {
        zh: `工作日天数无效：${String(n)}（应为非负整数）`,
        en: `Invalid number of working days: ${String(n)} (expected a non-negative integer)`,
      },
      { reason: 'INVALID_WORKING_DAY_COUNT', value: n },
    );
  }
  let day = startDay;
  for (let counted = 0; counted < n; ) {
    day += 1;
    if (day >= endOfCoverage) throw countRunsPastCoverage(start, n);
    if (isWorkingDayNumber(day)) counted += 1;
  }
  return fromDayNumber(day);
}

/**
 * The number of working days after `start` up to and including `end`, the inverse of `addWorkingDays`:
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n`. An end before the start is refused: no deadline
 * runs backwards, and a negative count would hide a swapped argument.
 */
export function workingDaysBetween(start: string, end: string): number {
  const startDay = coveredDayNumber(start);
  const endDay = coveredDayNumber(end);
  if (endDay < startDay) {
    throw badInput(
      { zh: `结束日期 ${end} 早于开始日期 ${start}`, en: `The end date ${end} is before the start date ${start}` },
      { reason: 'END_BEFORE_START', start, end },
    );
  }
  let count = 0;
  for (let day = startDay + 1; day <= endDay; day++) if (isWorkingDayNumber(day)) count += 1;
  return count;
}
