import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, CreditCodeScalar, StatusChange, chinaToday, connectionType } from '@sme/kernel';
import { fieldName, type LibraryConfig } from '../library-config';
import type { LibraryContext } from '../context';
import { requireRestricted } from '../permissions';
import { Member } from '../members/member.entity';
import { Appointment } from './appointment.entity';
import { isOverdue } from './appointment-deadlines';
import { AppointmentFilter, BookAppointmentInput, HandleAppointmentInput } from './appointment.inputs';
import { APPOINTMENT, bookAppointment, handleAppointment } from './appointments.service';
import { listAppointments } from './appointment-list';

export const ServiceAppointmentConnection = connectionType(Appointment, 'ServiceAppointment', '服务预约');

/**
 * Service appointments (河北 第十三条（二）), registered only where the guideline sets the duty: enterprises
 * book (anonymously: they come from the province's platform), the member handles within the working days
 * the configuration gives, and those concerned list them. Contacts are not public (SPEC §2).
 */
export function createAppointmentResolver(config: LibraryConfig) {
  const n = (suffix: string) => fieldName(config, suffix);
  const days = config.rules.appointmentWorkingDays;

  /** Contacts and the audit of an appointment: read as the member's own restricted data. */
  async function requireRestrictedFor(ctx: LibraryContext, appointment: Appointment): Promise<void> {
    requireRestricted(ctx.user, (await ctx.loaders.member.load(appointment.memberId))!);
  }

  @Resolver(() => Appointment)
  class AppointmentResolver {
    @Query(() => ServiceAppointmentConnection, {
      name: n('ServiceAppointments'),
      description: '服务预约（需权限：本机构、辖区审核人员、省级、分析人员；按预约日期，游标分页）/ Service appointments (restricted; by date requested, cursor-paginated)',
    })
    appointments(
      @Ctx() ctx: LibraryContext,
      @Arg('filter', () => AppointmentFilter, { nullable: true }) filter?: AppointmentFilter | null,
      @Arg('first', () => Int, { nullable: true }) first?: number | null,
      @Arg('after', () => String, { nullable: true }) after?: string | null,
    ) {
      return listAppointments(ctx.em, ctx.user, filter, first, after, chinaToday());
    }

    @Mutation(() => Appointment, {
      name: n('BookServiceAppointment'),
      description: `企业预约入库机构的服务，入库机构须于 ${days} 个工作日内处理（${config.abbreviation} 第十三条（二）；无需登录）/ An enterprise books a service; the member must handle it within ${days} working days (Art. 13(2); no sign-in needed)`,
    })
    book(@Ctx() ctx: LibraryContext, @Arg('input', () => BookAppointmentInput) input: BookAppointmentInput) {
      return bookAppointment(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Mutation(() => Appointment, {
      name: n('HandleServiceAppointment'),
      description: `入库机构登记服务预约的处理结果（${config.abbreviation} 第十三条（二））/ The member records how it handled an appointment (Art. 13(2))`,
    })
    handle(@Ctx() ctx: LibraryContext, @Arg('input', () => HandleAppointmentInput) input: HandleAppointmentInput) {
      return handleAppointment(ctx.em, ctx.user, input, chinaToday());
    }

    @FieldResolver(() => Boolean, { description: '是否逾期（逾期处理，或已过期限仍未处理）/ Overdue: handled late, or still open past the deadline' })
    overdue(@Root() appointment: Appointment): boolean {
      return isOverdue(appointment, chinaToday());
    }

    @FieldResolver(() => Member, { description: '被预约的入库机构 / The member booked' })
    async member(@Root() appointment: Appointment, @Ctx() ctx: LibraryContext): Promise<Member> {
      return (await ctx.loaders.member.load(appointment.memberId))!;
    }

    // restricted fields are nullable: a refusal reports an error on the field and leaves the rest of the answer
    @FieldResolver(() => String, { nullable: true, description: '联系人（需权限）/ Contact person (restricted)' })
    async contactPerson(@Root() appointment: Appointment, @Ctx() ctx: LibraryContext): Promise<string | null> {
      await requireRestrictedFor(ctx, appointment);
      return appointment.contactPerson;
    }

    @FieldResolver(() => String, { nullable: true, description: '联系电话（需权限）/ Contact phone (restricted)' })
    async contactPhone(@Root() appointment: Appointment, @Ctx() ctx: LibraryContext): Promise<string | null> {
      await requireRestrictedFor(ctx, appointment);
      return appointment.contactPhone;
    }

    @FieldResolver(() => CreditCodeScalar, { nullable: true, description: '预约企业统一社会信用代码（需权限）/ The enterprise’s credit code (restricted)' })
    async enterpriseCreditCode(@Root() appointment: Appointment, @Ctx() ctx: LibraryContext): Promise<string | null> {
      await requireRestrictedFor(ctx, appointment);
      return appointment.enterpriseCreditCode;
    }

    @FieldResolver(() => [StatusChange], { nullable: true, description: '状态历史（需权限）/ Status history (restricted)' })
    async statusHistory(@Root() appointment: Appointment, @Ctx() ctx: LibraryContext): Promise<StatusChange[] | null> {
      await requireRestrictedFor(ctx, appointment);
      return ctx.loaders.statusHistory.load(appointment.id);
    }

    @FieldResolver(() => [AuditEntry], { nullable: true, description: '审计记录（需权限）/ Audit trail (restricted)' })
    async auditTrail(@Root() appointment: Appointment, @Ctx() ctx: LibraryContext): Promise<AuditEntry[] | null> {
      await requireRestrictedFor(ctx, appointment);
      return ctx.loaders.auditTrail.load({ recordType: APPOINTMENT, recordId: appointment.id });
    }
  }
  return AppointmentResolver;
}
