import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DomainError, ErrorCode, badInput, checkCreditCode, expectVersion, invalidTransition, isUuid, notFound, recordAudit, recordStatusChange, text,
  writeTransaction, type AuthUser, type Role,
} from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { mayActForInstitution, mayBookAppointment } from '../permissions';
import { findMember } from '../members/removal';
import { MemberStatus } from '../members/member-status';
import { Appointment } from './appointment.entity';
import { appointmentDueBy, isOverdue } from './appointment-deadlines';
import type { BookAppointmentInput, HandleAppointmentInput } from './appointment.inputs';

export const APPOINTMENT = 'ServiceAppointment';

/** An appointment is open until its member handles it; handling is final (河北 第十三条（二）). */
export const AppointmentState = { OPEN: 'OPEN', HANDLED: 'HANDLED' } as const;

export const AppointmentAction = { BOOK: 'BOOK', HANDLE: 'HANDLE' } as const;

const APPOINTMENT_TEXT = { zh: '服务预约', en: 'Service appointment' };

const stateOf = (a: Appointment) => (a.handledOn ? AppointmentState.HANDLED : AppointmentState.OPEN);

/** The state audit entries carry (contacts included: the audit trail is restricted). */
export const appointmentSnapshot = (a: Appointment) => ({
  memberId: a.memberId,
  enterpriseName: a.enterpriseName,
  enterpriseCreditCode: a.enterpriseCreditCode,
  contactPerson: a.contactPerson,
  contactPhone: a.contactPhone,
  service: a.service,
  requestedOn: a.requestedOn,
  dueBy: a.dueBy,
  handledOn: a.handledOn,
  outcome: a.outcome,
  handledBy: a.handledBy,
  state: stateOf(a),
  version: a.version,
});

/**
 * The actor of a booking nobody signed in for: the enterprise books on the province's platform (河北工业企业服务平台)
 * and holds no account here. Its role says exactly that in the audit trail instead of borrowing a real role.
 */
function platformBooker(config: LibraryConfig): AuthUser {
  return { id: 'anonymous-enterprise', name: config.platform, role: 'ANONYMOUS' as unknown as Role, region: null, institutionId: null, panel: null };
}

/** Digits with spaces or hyphens inside and an optional leading +, 5 to 30 characters: what a phone number can be. */
const PHONE = /^\+?[0-9](?:[0-9 -]*[0-9])?$/;

function phone(value: string): string {
  const trimmed = text('contactPhone', value, 30);
  if (trimmed.length < 5 || !PHONE.test(trimmed)) {
    throw badInput(
      { zh: '联系电话应为 5 到 30 个字符，仅含数字、空格、连字符和开头的 +', en: 'contactPhone must be 5 to 30 characters: digits, spaces, hyphens and a leading +' },
      { reason: 'INVALID_PHONE', field: 'contactPhone' },
    );
  }
  return trimmed;
}

/**
 * The CreditCode scalar refuses a bad code at the API; services are also called directly (by the platform
 * import, by tests), so the service checks again with the same rule and the same error.
 */
function optionalCreditCode(value: string | null | undefined): string | null {
  if (value == null) return null;
  const check = checkCreditCode(value);
  if (!check.valid) throw new DomainError(ErrorCode.INVALID_CREDIT_CODE, { zh: check.messageZh!, en: check.messageEn! }, { rule: check.rule, field: 'enterpriseCreditCode', value });
  return value;
}

/**
 * 河北 第十三条（二）: an enterprise books a service from a member on `today`; the member must handle it by the
 * 5th working day after (the request day not counted). A removed member takes no bookings.
 */
export async function bookAppointment(em: EntityManager, config: LibraryConfig, user: AuthUser | null, input: BookAppointmentInput, today: string): Promise<Appointment> {
  const actor = mayBookAppointment(user) ?? platformBooker(config);
  const values = {
    enterpriseName: text('enterpriseName', input.enterpriseName, 200),
    enterpriseCreditCode: optionalCreditCode(input.enterpriseCreditCode),
    contactPerson: text('contactPerson', input.contactPerson, 50),
    contactPhone: phone(input.contactPhone),
    service: text('service', input.service, 1000),
  };
  // computed before anything is written: a date outside the published calendar is refused here
  const dueBy = appointmentDueBy(config, today);
  return writeTransaction(em, async (tx) => {
    const member = await findMember(tx, input.memberId);
    if (member.status === MemberStatus.REMOVED) {
      throw new DomainError(
        ErrorCode.INVALID_TRANSITION,
        { zh: `该机构已于 ${member.removedOn} 移出资源库，不能预约其服务（${config.abbreviation} 第十三条（二））`, en: `The member was removed on ${member.removedOn} and takes no appointments (Art. 13(2))` },
        { reason: 'MEMBER_REMOVED', currentState: member.status, action: AppointmentAction.BOOK, allowedActions: [] },
      );
    }
    const appointment = tx.create(Appointment, { memberId: member.id, ...values, requestedOn: today, dueBy });
    tx.persist(appointment);
    recordStatusChange(tx, actor, { recordType: APPOINTMENT, recordId: appointment.id, fromStatus: null, toStatus: AppointmentState.OPEN, action: AppointmentAction.BOOK, on: today });
    recordAudit(tx, actor, { recordType: APPOINTMENT, recordId: appointment.id, action: AppointmentAction.BOOK, before: null, after: appointmentSnapshot(appointment) });
    await tx.flush();
    return appointment;
  });
}

/**
 * 河北 第十三条（二）入库机构应于 5 个工作日内处理: the member's applicant (or an admin) records how it handled the
 * appointment, on `today`. Handling after the deadline is still recorded, and stays overdue. Of two handlers
 * who read the same version one wins, the other gets CONFLICT; handling again is INVALID_TRANSITION.
 */
export async function handleAppointment(em: EntityManager, user: AuthUser | null, input: HandleAppointmentInput, today: string): Promise<Appointment> {
  const outcome = text('outcome', input.outcome, 2000);
  return writeTransaction(em, async (tx) => {
    const appointment = isUuid(input.appointmentId) ? await tx.findOne(Appointment, { id: input.appointmentId }) : null;
    if (!appointment) throw notFound(APPOINTMENT_TEXT, input.appointmentId);
    const member = await findMember(tx, appointment.memberId);
    const actor = mayActForInstitution(user, member.institutionId);
    expectVersion(appointment.version, input.expectedVersion);
    if (appointment.handledOn) throw invalidTransition(AppointmentState.HANDLED, AppointmentAction.HANDLE, []);
    if (today < appointment.requestedOn) {
      throw badInput(
        { zh: `处理日期 ${today} 不能早于预约日期 ${appointment.requestedOn}`, en: `Cannot handle on ${today}, before the request on ${appointment.requestedOn}` },
        { reason: 'DATE_ORDER', field: 'handledOn' },
      );
    }
    const before = appointmentSnapshot(appointment);
    appointment.handledOn = today;
    appointment.outcome = outcome;
    appointment.handledBy = actor.id;
    // the version check of this flush is what makes the second of two concurrent handlers fail
    await tx.flush();
    const late = isOverdue(appointment, today);
    recordStatusChange(tx, actor, {
      recordType: APPOINTMENT, recordId: appointment.id, fromStatus: AppointmentState.OPEN, toStatus: AppointmentState.HANDLED, action: AppointmentAction.HANDLE, on: today,
      reason: late ? `逾期处理（期限 ${appointment.dueBy}）/ Handled late (due by ${appointment.dueBy})` : null,
    });
    recordAudit(tx, actor, { recordType: APPOINTMENT, recordId: appointment.id, action: AppointmentAction.HANDLE, before, after: appointmentSnapshot(appointment) });
    return appointment;
  });
}
