import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import type { Appointment } from './appointment.entity';
import { isOverdue } from './appointment-deadlines';

/**
 * A member's service appointments of one year as the annual evaluation counts them (河北 第十三条（二）:
 * 5 个工作日内处理). Served by both libraries so that `LibraryMembership` is one type; null where the guideline
 * sets no appointment duty (Shanxi).
 */
@Directive('@shareable')
@ObjectType('LibraryAppointmentSummary', { description: '服务预约处理情况（年度评价计入，河北 第十三条（二））/ Appointments handled, as the annual evaluation counts them (Hebei Art. 13(2))' })
export class AppointmentSummary {
  @Field(() => Int, { description: '预约年度（按预约日期）/ Year, by the date requested' }) year: number;
  @Field(() => DateScalar, { description: '统计截至日期 / Counted as of' }) asOf: string;
  @Field(() => Int, { description: '处理时限（工作日，预约当日不计）/ Working days allowed (the request day not counted)' }) workingDays: number;
  @Field({ description: '依据条款 / Article applied' }) article: string;
  @Field(() => Int, { description: '预约总数 / Appointments requested' }) total: number;
  @Field(() => Int, { description: '按期处理 / Handled by the deadline' }) handledOnTime: number;
  @Field(() => Int, { description: '逾期处理 / Handled after the deadline' }) handledLate: number;
  @Field(() => Int, { description: '尚未处理 / Still open' }) open: number;
  @Field(() => Int, { description: '尚未处理且已逾期 / Still open past the deadline' }) openOverdue: number;
  @Field(() => Int, { description: '逾期合计（逾期处理 + 逾期未处理，计入年度评价）/ Overdue in all (late + open past the deadline; counted in the evaluation)' }) overdue: number;
}

/**
 * Counts the appointments requested in `year` as of `today`, with the same judgement as `isOverdue` and
 * `overdueAppointmentsInYear`; null where the province has no appointment duty.
 */
export function summarizeAppointments(config: LibraryConfig, appointments: readonly Appointment[], year: number, today: string): AppointmentSummary | null {
  const workingDays = config.rules.appointmentWorkingDays;
  if (workingDays == null) return null;
  const summary: AppointmentSummary = {
    year, asOf: today, workingDays, article: `${config.abbreviation} 第十三条（二）`,
    total: 0, handledOnTime: 0, handledLate: 0, open: 0, openOverdue: 0, overdue: 0,
  };
  for (const a of appointments) {
    if (Number(a.requestedOn.slice(0, 4)) !== year) continue;
    const overdue = isOverdue(a, today);
    summary.total += 1;
    if (a.handledOn) summary[overdue ? 'handledLate' : 'handledOnTime'] += 1;
    else {
      summary.open += 1;
      if (overdue) summary.openOverdue += 1;
    }
    if (overdue) summary.overdue += 1;
  }
  return summary;
}
