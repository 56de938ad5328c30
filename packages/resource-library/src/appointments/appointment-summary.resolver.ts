import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { chinaToday, count } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import type { LibraryContext } from '../context';
import { requireRestricted } from '../permissions';
import { Member } from '../members/member.entity';
import { AppointmentSummary, summarizeAppointments } from './appointment-summary';

/**
 * `LibraryMembership.appointmentSummary`, registered in every library: the membership type is shared by both
 * subgraphs and must be the same in each. Where the guideline sets no appointment duty it answers null.
 * Restricted (figures of a member's service, SPEC §2); one statement for a whole page of members.
 */
export function createAppointmentSummaryResolver(config: LibraryConfig) {
  @Resolver(() => Member)
  class AppointmentSummaryResolver {
    @FieldResolver(() => AppointmentSummary, {
      nullable: true,
      description: '服务预约处理情况（需权限；无预约处理要求的省份为空，河北 第十三条（二））/ Appointments handled in a year (restricted; null where the province sets no such duty, Hebei Art. 13(2))',
    })
    async appointmentSummary(
      @Root() member: Member,
      @Ctx() ctx: LibraryContext,
      @Arg('year', () => Int, { nullable: true, description: '预约年度（默认今年）/ Year requested (default this year)' }) year?: number | null,
    ): Promise<AppointmentSummary | null> {
      if (config.rules.appointmentWorkingDays == null) return null;
      requireRestricted(ctx.user, member);
      const today = chinaToday();
      const judged = year == null ? Number(today.slice(0, 4)) : count('year', year, 2100, 2000);
      return summarizeAppointments(config, await ctx.loaders.appointments.load(member.id), judged, today);
    }
  }
  return AppointmentSummaryResolver;
}
