import { addDays, parseIsoDate } from '@sme/kernel';

/**
 * 第十条 于每年 3月15日、6月15日、9月15日、12月15日前报送本周期服务情况. A period is named by its due date;
 * a report filed on the due date itself is on time ("前" read as "by", as the platforms accept it).
 */

/** The due dates of a year, in order. */
export const dueDatesInYear = (year: number, dueDates: readonly string[]) => dueDates.map((md) => `${year}-${md}`);

/** The first due date strictly after `date` (第十条 自审核通过之日起: the day of admission starts the duty). */
export function firstDueDateAfter(date: string, dueDates: readonly string[]): string {
  const year = parseIsoDate(date)!.year;
  return [...dueDatesInYear(year, dueDates), ...dueDatesInYear(year + 1, dueDates)].find((d) => d > date)!;
}

/** Every due date from `first` up to and including `last`. */
export function dueDatesThrough(first: string, last: string, dueDates: readonly string[]): string[] {
  const out: string[] = [];
  for (let year = parseIsoDate(first)!.year; year <= parseIsoDate(last)!.year; year++) {
    for (const d of dueDatesInYear(year, dueDates)) if (d >= first && d <= last) out.push(d);
  }
  return out;
}

/** A real calendar date that is one of the year's due dates (`2024-06-15`, not `2024-06-14` nor `x-06-15`). */
export function isDueDate(date: string, dueDates: readonly string[]): boolean {
  return parseIsoDate(date) !== undefined && dueDates.includes(date.slice(5));
}

/** The due date before `dueOn` (the end of the previous period). */
export function previousDueDate(dueOn: string, dueDates: readonly string[]): string {
  const year = parseIsoDate(dueOn)!.year;
  return [...dueDatesInYear(year - 1, dueDates), ...dueDatesInYear(year, dueDates)].filter((d) => d < dueOn).at(-1)!;
}

/**
 * The first day of the period that ends on `dueOn`: the day after the previous due date (本周期 runs from
 * 12/16 to 3/15, 3/16 to 6/15 …). A report of the period may be filed from that day on.
 */
export const periodStartsOn = (dueOn: string, dueDates: readonly string[]): string => addDays(previousDueDate(dueOn, dueDates), 1);

/** The due date of the period that contains `date` (the next due date on or after it). */
export function periodDueOn(date: string, dueDates: readonly string[]): string {
  return isDueDate(date, dueDates) ? date : firstDueDateAfter(date, dueDates);
}

/** `3月15日、6月15日、9月15日、12月15日` for messages. */
export const dueDatesText = (dueDates: readonly string[]): string =>
  dueDates.map((md) => `${Number(md.slice(0, 2))}月${Number(md.slice(3))}日`).join('、');
