import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, count, recordAudit, text, writeTransaction, type AuthUser } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { mayActForInstitution } from '../permissions';
import { findMember } from '../members/removal';
import { MEMBER } from '../members/member-history';
import { QuarterlyReport } from './quarterly-report.entity';
import type { FileQuarterlyReportInput } from './quarterly-report.inputs';
import { dueDatesText, isDueDate, periodStartsOn } from './due-dates';
import { requireInLibrary } from '../members/in-library';

export const FILE_QUARTERLY_REPORT = 'FILE_QUARTERLY_REPORT';

export const reportSnapshot = (r: QuarterlyReport) => ({
  id: r.id,
  dueOn: r.dueOn,
  filedOn: r.filedOn,
  onTime: r.onTime,
  enterprisesServed: r.enterprisesServed,
  publicWelfareActivities: r.publicWelfareActivities,
});

/**
 * 第十条 于每年 3月15日、6月15日、9月15日、12月15日前报送本周期服务情况, filed by the member's applicant. The
 * period runs from the day after the previous due date to its due date; a report may be filed from the
 * period's first day, and on or before the due date it is on time. Filed later it is recorded (`onTime`
 * false) and cures nothing: the daily schedule counts on-time reports only. One report per period; a
 * removed member files nothing; the duty starts with the first due date after admission.
 */
export async function fileQuarterlyReport(em: EntityManager, config: LibraryConfig, user: AuthUser | null, input: FileQuarterlyReportInput, today: string): Promise<QuarterlyReport> {
  const dueDates = config.rules.reportDueDates;
  const article = `${config.abbreviation} 第十条`;
  if (!isDueDate(input.dueOn, dueDates)) {
    throw badInput(
      { zh: `${input.dueOn} 不是报送截止日（每年${dueDatesText(dueDates)}，${article}）`, en: `${input.dueOn} is not a due date (each year ${dueDates.join(', ')}; Art. 10)` },
      { reason: 'NOT_A_DUE_DATE', field: 'dueOn', value: input.dueOn },
    );
  }
  const startsOn = periodStartsOn(input.dueOn, dueDates);
  if (today < startsOn) {
    throw badInput(
      { zh: `截止日为 ${input.dueOn} 的周期自 ${startsOn} 开始，尚不能报送（${article}）`, en: `The period due ${input.dueOn} starts on ${startsOn}; it cannot be reported yet (Art. 10)` },
      { reason: 'PERIOD_NOT_STARTED', field: 'dueOn', periodStartsOn: startsOn },
    );
  }
  const enterprisesServed = count('enterprisesServed', input.enterprisesServed);
  const publicWelfareActivities = count('publicWelfareActivities', input.publicWelfareActivities);
  const summary = text('summary', input.summary, 5000);
  return writeTransaction(em, async (tx) => {
    const member = await findMember(tx, input.memberId);
    const actor = mayActForInstitution(user, member.institutionId);
    requireInLibrary(member, FILE_QUARTERLY_REPORT);
    if (input.dueOn < member.firstReportDueOn) {
      throw badInput(
        {
          zh: `入库机构自 ${member.firstReportDueOn} 起按季度报送（入库后首个截止日，${article}），${input.dueOn} 无需报送`,
          en: `The member reports from ${member.firstReportDueOn} (the first due date after admission; Art. 10); nothing is due on ${input.dueOn}`,
        },
        { reason: 'BEFORE_FIRST_DUE_DATE', field: 'dueOn', firstReportDueOn: member.firstReportDueOn },
      );
    }
    const existing = await tx.findOne(QuarterlyReport, { memberId: member.id, dueOn: input.dueOn });
    if (existing) {
      throw conflict(
        { zh: `截止日为 ${input.dueOn} 的周期已于 ${existing.filedOn} 报送`, en: `The period due ${input.dueOn} was already reported on ${existing.filedOn}` },
        { reason: 'DUPLICATE', existingId: existing.id },
      );
    }
    const report = tx.create(QuarterlyReport, {
      memberId: member.id, dueOn: input.dueOn, filedOn: today, onTime: today <= input.dueOn, enterprisesServed, publicWelfareActivities, summary, filedBy: actor.id,
    });
    tx.persist(report);
    recordAudit(tx, actor, { recordType: MEMBER, recordId: member.id, action: FILE_QUARTERLY_REPORT, after: reportSnapshot(report) });
    await tx.flush(); // the (member, due date) unique key refuses a concurrent duplicate here (CONFLICT)
    return report;
  });
}
