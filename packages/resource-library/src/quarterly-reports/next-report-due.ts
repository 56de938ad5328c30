import type { Member } from '../members/member.entity';
import { MemberStatus } from '../members/member-status';
import { periodDueOn } from './due-dates';

/**
 * 第十条 as a date a dashboard can show: the due date of the reporting period that contains `asOf`, but never
 * before the member's first (the duty starts after admission). Null before admission and once removed: no
 * report is owed then. Judged from the calendar alone, so it says nothing about which reports were filed.
 */
export function nextReportDueOn(member: Pick<Member, 'status' | 'admittedOn' | 'removedOn' | 'firstReportDueOn'>, asOf: string, dueDates: readonly string[]): string | null {
  if (asOf < member.admittedOn) return null;
  if (member.status === MemberStatus.REMOVED && member.removedOn! <= asOf) return null;
  const due = periodDueOn(asOf, dueDates);
  return due < member.firstReportDueOn ? member.firstReportDueOn : due;
}
