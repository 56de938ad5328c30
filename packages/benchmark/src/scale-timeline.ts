import { addWorkingDays as kernelAddWorkingDays } from '@sme/kernel';
import type { Prng } from './scale-prng';

/**
 * The scale data's calendar: every date is placed relative to this fixed day, never to "today", so the same seed
 * gives the same rows in any year the seeding runs. The data spans 2021–2026: annual facts for the years that had
 * ended by then (2021–2025), programme activity from 2021 to this day.
 */
export const ANCHOR_DATE = '2026-11-20';
export const FIRST_FACTS_YEAR = 2021;
export const LAST_FACTS_YEAR = 2025;

const MS_PER_DAY = 86_400_000;

/*
 * Millions of rows are dated: converting between dates and day numbers through Date objects dominated the plan, so
 * the days of 1990–2035 are tabulated once and looked up.
 */
const FIRST_DAY = Date.UTC(1990, 0, 1) / MS_PER_DAY;
const DAYS: string[] = Array.from({ length: Date.UTC(2036, 0, 1) / MS_PER_DAY - FIRST_DAY }, (_, i) => new Date((FIRST_DAY + i) * MS_PER_DAY).toISOString().slice(0, 10));
const DAY_OF = new Map(DAYS.map((date, i) => [date, FIRST_DAY + i]));

export const dayNumber = (date: string): number => DAY_OF.get(date) ?? Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
export const dateOf = (day: number): string => DAYS[day - FIRST_DAY] ?? new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/** The kernel's addDays, by table. */
export const addDays = (date: string, days: number): string => dateOf(dayNumber(date) + days);

const workingDayCache = new Map<string, string>();
/** The kernel's working-day calendar (SPEC §2), remembered per start date: a few thousand distinct days serve a million appointments. */
export function addWorkingDays(start: string, n: number): string {
  const key = `${start}+${n}`;
  let end = workingDayCache.get(key);
  if (end === undefined) {
    end = kernelAddWorkingDays(start, n);
    workingDayCache.set(key, end);
  }
  return end;
}

/** A day in [from, to], both included. */
export function dateBetween(rng: Prng, from: string, to: string): string {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return dateOf(b <= a ? a : rng.int(a, b));
}

export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);

/**
 * The moment a record was written on `date`, during China's office hours (09:00–18:00 +08:00): what the services'
 * `new Date()` would have stored that day. `minute` orders several writes of one day.
 */
export function timestampOn(date: string, minuteOfDay: number): string {
  const minutes = 9 * 60 + (Math.max(0, Math.floor(minuteOfDay)) % (9 * 60));
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${date} ${hh}:${mm}:00+08`;
}
