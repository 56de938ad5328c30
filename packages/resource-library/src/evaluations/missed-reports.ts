import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import type { Member } from '../members/member.entity';
import { QuarterlyReport } from '../quarterly-reports/quarterly-report.entity';
import { dueDatesInYear } from '../quarterly-reports/due-dates';

/**
 * 第十条 as the annual evaluation (第十二条) reads it: the due dates of `year` that the member owed (from its
 * first) and that are over by `today` (a due date is over at the end of its day) without an on-time report.
 * Late reports count as missed, as they do for the schedule.
 */
export async function missedReportsInYear(em: EntityManager, config: LibraryConfig, member: Member, year: number, today: string): Promise<string[]> {
  const lastJudged = addDays(today, -1);
  const owed = dueDatesInYear(year, config.rules.reportDueDates).filter((d) => d >= member.firstReportDueOn && d <= lastJudged);
  if (owed.length === 0) return [];
  const onTime = await em.find(QuarterlyReport, { memberId: member.id, dueOn: { $in: owed }, onTime: true });
  const reported = new Set(onTime.map((r) => r.dueOn));
  return owed.filter((d) => !reported.has(d));
}
