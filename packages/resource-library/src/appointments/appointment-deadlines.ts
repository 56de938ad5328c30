import type { EntityManager } from '@mikro-orm/postgresql';
import { addWorkingDays } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { Appointment } from './appointment.entity';

/**
 * 河北 第十三条（二）入库机构应于 5 个工作日内处理…服务预约信息: the deadline is the 5th working day after the
 * request (the request day not counted, holidays skipped, make-up days counted; SPEC §2 Working days).
 */
export function appointmentDueBy(config: LibraryConfig, requestedOn: string): string {
  if (config.rules.appointmentWorkingDays == null) throw new Error(`${config.name} has no appointment duty`);
  return addWorkingDays(requestedOn, config.rules.appointmentWorkingDays);
}

/** Handled after its deadline, or still open once the deadline has passed. */
export function isOverdue(appointment: Pick<Appointment, 'dueBy' | 'handledOn'>, today: string): boolean {
  return appointment.handledOn ? appointment.handledOn > appointment.dueBy : today > appointment.dueBy;
}

/** A member's appointments requested in `year` that were, or are, overdue as of `today` (counted in the annual evaluation). */
export async function overdueAppointmentsInYear(em: EntityManager, memberId: string, year: number, today: string): Promise<number> {
  const rows = await em.find(Appointment, { memberId, requestedOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } });
  return rows.filter((a) => isOverdue(a, today)).length;
}
