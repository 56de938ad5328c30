import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, recordAudit, text, writeTransaction, type AuthUser } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { mayDecideForProvince } from '../permissions';
import { findMember } from '../members/removal';
import { MEMBER } from '../members/member-history';
import { overdueAppointmentsInYear } from '../appointments/appointment-deadlines';
import { AnnualEvaluation } from './annual-evaluation.entity';
import type { RecordEvaluationInput } from './evaluation.inputs';
import { missedReportsInYear } from './missed-reports';
import { requireInLibrary } from '../members/in-library';

const RECORD_EVALUATION = 'RECORD_EVALUATION';

export const evaluationSnapshot = (e: AnnualEvaluation) => ({
  id: e.id,
  year: e.year,
  rating: e.rating,
  missedReports: e.missedReports,
  overdueAppointments: e.overdueAppointments,
  evaluatedOn: e.evaluatedOn,
});

/**
 * 第十二条 省工信厅每年对库内服务机构开展评价: one rating per member and year, from the year of admission to the
 * current year, by the province. It keeps the duty record it was based on as it stood that day: the year's
 * missed reporting periods (第十条) and, where the guideline sets the duty, overdue service appointments
 * (河北 第十三条（二）). A FAIL removes nobody by itself: 经会议研究 the province removes by decision.
 */
export async function recordEvaluation(em: EntityManager, config: LibraryConfig, user: AuthUser | null, input: RecordEvaluationInput, today: string): Promise<AnnualEvaluation> {
  const actor = mayDecideForProvince(user, config);
  const comments = text('comments', input.comments, 5000);
  const currentYear = Number(today.slice(0, 4));
  return writeTransaction(em, async (tx) => {
    const member = await findMember(tx, input.memberId);
    requireInLibrary(member, RECORD_EVALUATION);
    const admittedYear = Number(member.admittedOn.slice(0, 4));
    if (!Number.isInteger(input.year) || input.year < admittedYear || input.year > currentYear) {
      throw badInput(
        { zh: `评价年度应在入库年度 ${admittedYear} 与今年 ${currentYear} 之间：${input.year}`, en: `year must be from the admission year ${admittedYear} to this year ${currentYear}: ${input.year}` },
        { reason: 'YEAR_OUT_OF_RANGE', field: 'year', value: input.year },
      );
    }
    const existing = await tx.findOne(AnnualEvaluation, { memberId: member.id, year: input.year });
    if (existing) {
      throw conflict(
        { zh: `该机构 ${input.year} 年度已于 ${existing.evaluatedOn} 评价`, en: `The member's ${input.year} evaluation was recorded on ${existing.evaluatedOn}` },
        { reason: 'DUPLICATE', existingId: existing.id },
      );
    }
    const missedReports = (await missedReportsInYear(tx, config, member, input.year, today)).length;
    const overdueAppointments = config.rules.appointmentWorkingDays != null ? await overdueAppointmentsInYear(tx, member.id, input.year, today) : null;
    const evaluation = tx.create(AnnualEvaluation, {
      memberId: member.id, year: input.year, rating: input.rating, comments, missedReports, overdueAppointments, evaluatedOn: today, evaluatedBy: actor.id,
    });
    tx.persist(evaluation);
    recordAudit(tx, actor, { recordType: MEMBER, recordId: member.id, action: RECORD_EVALUATION, after: evaluationSnapshot(evaluation), reason: comments });
    await tx.flush(); // the (member, year) unique key refuses a concurrent duplicate here (CONFLICT)
    return evaluation;
  });
}
