import { addYears } from './dates';

export interface CreditPeriod {
  listedOn: string;
  /** The first day the record is no longer listed; null while it is. */
  removedOn: string | null;
}

/**
 * "No credit record in the last two years" (资源库 第六条; SPEC §2): no record active on any day of the two
 * years up to and including the date judged. A record is active from `listedOn` until the day before `removedOn`.
 */
export function twoYearWindowStart(onDate: string): string {
  return addYears(onDate, -2);
}

export function activeBetween(record: CreditPeriod, from: string, to: string): boolean {
  return record.listedOn <= to && (record.removedOn === null || record.removedOn > from);
}

export function cleanForTwoYears(records: readonly CreditPeriod[], onDate: string): boolean {
  const from = twoYearWindowStart(onDate);
  return !records.some((r) => activeBetween(r, from, onDate));
}
