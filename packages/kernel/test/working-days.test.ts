import { DomainError } from '../src/errors';
import { addWorkingDays, calendarCoverage, chinaToday, isWorkingDay, workingDaysBetween } from '../src/working-days';

/** Runs `action` and returns the DomainError it throws, so a test can look at the code and the details. */
function refusal(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the call succeeded');
}

// Every expected date below was checked against node_modules/chinese-days/dist/chinese-days.json (1.5.7).
describe('working days (SPEC §2)', () => {
  describe('National Day 2023: 2023-09-29 … 10-06 off, Saturday 10-07 and Sunday 10-08 worked', () => {
    it.each(['2023-09-29', '2023-09-30', '2023-10-01', '2023-10-04', '2023-10-06'])('%s is a holiday', (date) => {
      expect(isWorkingDay(date)).toBe(false);
    });

    it('counts the make-up Saturday and Sunday as working days', () => {
      expect(isWorkingDay('2023-10-07')).toBe(true); // Saturday, 调休上班
      expect(isWorkingDay('2023-10-08')).toBe(true); // Sunday, 调休上班
      expect(isWorkingDay('2023-10-14')).toBe(false); // an ordinary Saturday
    });

    it('ends a notice that starts on 2023-09-28 on 2023-10-11', () => {
      // 10-07 (day 1), 10-08, 10-09, 10-10, 10-11 (day 5)
      expect(addWorkingDays('2023-09-28', 5)).toBe('2023-10-11');
      expect(workingDaysBetween('2023-09-28', '2023-10-11')).toBe(5);
      expect(workingDaysBetween('2023-09-28', '2023-10-06')).toBe(0);
    });

    it('lands the 5th working day on the make-up Saturday when the holiday interrupts the count', () => {
      // 09-25, 26, 27, 28 are days 1-4; 09-29 … 10-06 are off; 10-07 is day 5.
      expect(addWorkingDays('2023-09-22', 4)).toBe('2023-09-28');
      expect(addWorkingDays('2023-09-22', 5)).toBe('2023-10-07');
      // One day earlier the count finishes just before the holiday.
      expect(addWorkingDays('2023-09-21', 5)).toBe('2023-09-28');
    });
  });

  describe('Spring Festival 2024: 02-10 … 02-17 off, Sundays 02-04 and 02-18 worked', () => {
    it('knows the make-up Sundays and the holiday week', () => {
      expect(isWorkingDay('2024-02-04')).toBe(true);
      expect(isWorkingDay('2024-02-18')).toBe(true);
      expect(isWorkingDay('2024-02-03')).toBe(false); // ordinary Saturday
      expect(isWorkingDay('2024-02-09')).toBe(true); // 除夕 2024 was not a statutory holiday
      expect(isWorkingDay('2024-02-12')).toBe(false);
      expect(isWorkingDay('2024-02-16')).toBe(false);
    });

    it('counts the make-up Sunday before the festival', () => {
      // 02-03 Saturday off, 02-04 Sunday is day 1, then 02-05 … 02-08.
      expect(addWorkingDays('2024-02-02', 1)).toBe('2024-02-04');
      expect(addWorkingDays('2024-02-02', 5)).toBe('2024-02-08');
    });

    it('carries a notice across the festival week', () => {
      // 02-09 is day 1, 02-10 … 02-17 off, 02-18 (Sunday) day 2, 02-19, 02-20, 02-21 day 5.
      expect(addWorkingDays('2024-02-08', 5)).toBe('2024-02-21');
      expect(workingDaysBetween('2024-02-08', '2024-02-21')).toBe(5);
    });
  });

  it('does not count the start day: Monday + 5 working days is the next Monday', () => {
    expect(addWorkingDays('2023-11-06', 5)).toBe('2023-11-13');
    expect(addWorkingDays('2023-11-06', 1)).toBe('2023-11-07');
    expect(addWorkingDays('2023-11-06', 0)).toBe('2023-11-06');
    expect(workingDaysBetween('2023-11-06', '2023-11-06')).toBe(0);
  });

  it('starts counting from a non-working start day as well', () => {
    // Saturday 2023-11-11: Monday 11-13 is day 1, Friday 11-17 day 5.
    expect(addWorkingDays('2023-11-11', 5)).toBe('2023-11-17');
  });

  it('crosses a year boundary with its New Year holiday', () => {
    // 2024-12-30, 12-31, then 2025-01-01 off, 01-02, 01-03, 01-06.
    expect(addWorkingDays('2024-12-27', 5)).toBe('2025-01-06');
  });

  it('keeps addWorkingDays and workingDaysBetween consistent around holidays', () => {
    for (const start of ['2023-09-20', '2023-09-29', '2023-10-07', '2024-02-01', '2024-02-10', '2025-01-24']) {
      for (let n = 0; n <= 12; n++) {
        const end = addWorkingDays(start, n);
        expect(workingDaysBetween(start, end)).toBe(n);
        if (n > 0) expect(isWorkingDay(end)).toBe(true);
      }
    }
  });

  it('reports the years it covers and its source', () => {
    expect(calendarCoverage()).toEqual({ firstYear: 2004, lastYear: 2026, source: 'chinese-days@1.5.7' });
  });

  describe('refusals', () => {
    it.each([
      ['2027-01-04', 2027],
      ['2003-12-31', 2003],
    ])('refuses %s: the calendar for %i is not published', (date, year) => {
      const error = refusal(() => isWorkingDay(date));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions).toMatchObject({ reason: 'CALENDAR_YEAR_NOT_PUBLISHED', year, coveredFrom: 2004, coveredTo: 2026 });
      expect(error.message).toContain(`工作日历未收录 ${year} 年（已收录 2004–2026 年）`);
      expect(error.message).toContain(`does not cover ${year}`);
    });

    it('refuses unpublished years in addWorkingDays and workingDaysBetween', () => {
      expect(refusal(() => addWorkingDays('2027-03-01', 5)).extensions.reason).toBe('CALENDAR_YEAR_NOT_PUBLISHED');
      expect(refusal(() => workingDaysBetween('2026-12-01', '2027-01-10')).extensions).toMatchObject({
        reason: 'CALENDAR_YEAR_NOT_PUBLISHED',
        year: 2027,
      });
    });

    it('refuses to count past the last covered year instead of guessing', () => {
      // 2026-12-29, 30, 31 are days 1-3; day 4 would fall in 2027.
      expect(addWorkingDays('2026-12-28', 3)).toBe('2026-12-31');
      const error = refusal(() => addWorkingDays('2026-12-28', 5));
      expect(error.extensions).toMatchObject({ reason: 'CALENDAR_YEAR_NOT_PUBLISHED', year: 2027, start: '2026-12-28', workingDays: 5 });
      expect(refusal(() => addWorkingDays('2004-01-02', 1_000_000)).extensions.reason).toBe('CALENDAR_YEAR_NOT_PUBLISHED');
    });

    it.each(['2023-02-30', '2023-2-3', 'abc', '', '2023-13-01', '2023-10-07T00:00:00Z', ' 2023-10-07'])(
      'refuses the malformed date %p',
      (value) => {
        const error = refusal(() => isWorkingDay(value));
        expect(error.code).toBe('BAD_USER_INPUT');
        expect(error.extensions).toMatchObject({ reason: 'INVALID_DATE', value });
        expect(refusal(() => addWorkingDays(value, 5)).extensions.reason).toBe('INVALID_DATE');
        expect(refusal(() => workingDaysBetween('2023-10-07', value)).extensions.reason).toBe('INVALID_DATE');
      },
    );

    it('accepts 29 February only in a leap year', () => {
      expect(isWorkingDay('2024-02-29')).toBe(true);
      expect(refusal(() => isWorkingDay('2023-02-29')).extensions.reason).toBe('INVALID_DATE');
    });

    it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p working days', (n) => {
      const error = refusal(() => addWorkingDays('2023-11-06', n));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.reason).toBe('INVALID_WORKING_DAY_COUNT');
    });

    it('refuses an end date before the start date', () => {
      expect(refusal(() => workingDaysBetween('2023-10-11', '2023-09-28')).extensions.reason).toBe('END_BEFORE_START');
    });
  });

  describe('chinaToday', () => {
    it('gives the date in Asia/Shanghai, not the server time zone', () => {
      expect(chinaToday(new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-23');
      expect(chinaToday(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
      expect(chinaToday(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
    });

    it('answers in the YYYY-MM-DD form the other functions take', () => {
      expect(chinaToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });
  });
});
