import { parseIsoDate } from '@sme/kernel';

/**
 * 第十条 于每年 3月15日、6月15日、9月15日、12月15日前报送本周期服务情况. A period is named by its due date;
 * a report filed on the due date itself is on time ("前" read as "by", as the platforms accept it).
 */

/** The due dates of a year, in order. */
const dueDatesOf = (year: number, dueDates: readonly string[]) => dueDates.map((md) => `${year}-${md}`);

/** The first due date strictly after `date` (第十条 自审核通过之日起: the day of admission starts the duty). */
export function firstDueDateAfter(date: string, dueDates: readonly string[]): string {
  const year = parseIsoDate(date)!.year;
  return [...dueDatesOf(year, dueDates), ...dueDatesOf(year + 1, dueDates)].find((d) => d > date)!;
}

/** Every due date from `first` up to and including `last`. */
export function dueDatesThrough(first: string, last: string, dueDates: readonly string[]): string[] {
  const out: string[] = [];
  for (let year = parseIsoDate(first)!.year; year <= parseIsoDate(last)!.year; year++) {
    for (const d of dueDatesOf(year, dueDates)) if (d >= first && d <= last) out.push(d);
  }
  return out;
}

export function isDueDate(date: string, dueDates: readonly string[]): boolean {
  return dueDates.includes(date.slice(5));
}

/** The due date of the period that contains `date` (the next due date on or after it). */
export function periodDueOn(date: string, dueDates: readonly string[]): string {
  return isDueDate(date, dueDates) ? date : firstDueDateAfter(date, dueDates);
}
