import { GUIDELINE_RULES } from '../src/library-config';
import {
  dueDatesInYear, dueDatesText, dueDatesThrough, firstDueDateAfter, isDueDate, periodDueOn, periodStartsOn, previousDueDate,
} from '../src/quarterly-reports/due-dates';
import { nextReportDueOn } from '../src/quarterly-reports/next-report-due';
import { MemberStatus } from '../src/members/member-status';

const DUE = GUIDELINE_RULES.reportDueDates;

describe('第十条 due dates 3/15, 6/15, 9/15, 12/15', () => {
  it('lists a year’s due dates in order, and names them for messages', () => {
    expect(dueDatesInYear(2024, DUE)).toEqual(['2024-03-15', '2024-06-15', '2024-09-15', '2024-12-15']);
    expect(dueDatesText(DUE)).toBe('3月15日、6月15日、9月15日、12月15日');
  });

  it('recognises only real due dates', () => {
    expect(isDueDate('2024-06-15', DUE)).toBe(true);
    expect(isDueDate('2024-06-14', DUE)).toBe(false);
    expect(isDueDate('2024-06-16', DUE)).toBe(false);
    expect(isDueDate('2024-01-15', DUE)).toBe(false);
    expect(isDueDate('abcd-06-15', DUE)).toBe(false);
    expect(isDueDate('2024-6-15', DUE)).toBe(false);
  });

  it('starts the duty at the first due date strictly after admission (自审核通过之日起)', () => {
    expect(firstDueDateAfter('2024-03-14', DUE)).toBe('2024-03-15');
    expect(firstDueDateAfter('2024-03-15', DUE)).toBe('2024-06-15'); // admitted on a due date: that period is not owed
    expect(firstDueDateAfter('2024-03-16', DUE)).toBe('2024-06-15');
    expect(firstDueDateAfter('2024-12-15', DUE)).toBe('2025-03-15');
    expect(firstDueDateAfter('2024-12-31', DUE)).toBe('2025-03-15');
    expect(firstDueDateAfter('2024-01-01', DUE)).toBe('2024-03-15');
  });

  it('runs a period from the day after the previous due date to its own, across the year end', () => {
    expect(previousDueDate('2024-06-15', DUE)).toBe('2024-03-15');
    expect(previousDueDate('2024-03-15', DUE)).toBe('2023-12-15');
    expect(periodStartsOn('2024-06-15', DUE)).toBe('2024-03-16');
    expect(periodStartsOn('2024-03-15', DUE)).toBe('2023-12-16');
    expect(periodDueOn('2024-03-16', DUE)).toBe('2024-06-15');
    expect(periodDueOn('2024-06-15', DUE)).toBe('2024-06-15');
    expect(periodDueOn('2023-12-16', DUE)).toBe('2024-03-15');
  });

  it('lists every due date between two dates, both included', () => {
    expect(dueDatesThrough('2024-06-15', '2025-03-15', DUE)).toEqual(['2024-06-15', '2024-09-15', '2024-12-15', '2025-03-15']);
    expect(dueDatesThrough('2024-06-15', '2025-03-14', DUE)).toEqual(['2024-06-15', '2024-09-15', '2024-12-15']);
    expect(dueDatesThrough('2024-06-15', '2024-06-14', DUE)).toEqual([]);
  });

  it('gives the due date of the period containing a date, from the first one, and none before admission or after removal', () => {
    const member = { status: MemberStatus.ACTIVE, admittedOn: '2024-03-15', removedOn: null, firstReportDueOn: '2024-06-15' };
    expect(nextReportDueOn(member, '2024-03-14', DUE)).toBeNull();
    expect(nextReportDueOn(member, '2024-03-15', DUE)).toBe('2024-06-15');
    expect(nextReportDueOn(member, '2024-06-15', DUE)).toBe('2024-06-15');
    expect(nextReportDueOn(member, '2024-06-16', DUE)).toBe('2024-09-15');
    const removed = { ...member, status: MemberStatus.REMOVED, removedOn: '2024-12-16' };
    expect(nextReportDueOn(removed, '2024-12-15', DUE)).toBe('2024-12-15');
    expect(nextReportDueOn(removed, '2024-12-16', DUE)).toBeNull();
  });
});
