import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, DateScalar, StatusChange, cachedStatistics, chinaToday, connectionType, isUuid, notInFuture, InstitutionReference, institutionRef } from '@sme/kernel';
import { fieldName, type LibraryConfig } from '../library-config';
import type { LibraryContext } from '../context';
import { requireRestricted, mayRunSchedule } from '../permissions';
import { Application } from '../applications/application.entity';
import { Member } from './member.entity';
import { MemberFilter } from './member.inputs';
import { listMembers } from './member-list';
import { LibraryStatistics, libraryStatistics } from './member-statistics';
import { RemoveMemberInput, removeMemberByDecision } from './removal';
import { MEMBER } from './member-history';
import { ScheduleRun, runSchedule } from '../schedule/daily-schedule';

export const LibraryMembershipConnection = connectionType(Member, 'LibraryMembership', '资源库入库机构');

/** Members of one province's library (public), their statistics, removal decisions and the daily schedule. */
export function createMemberResolver(config: LibraryConfig) {
  const n = (suffix: string) => fieldName(config, suffix);

  @Resolver(() => Member)
  class MemberResolver {
    @Query(() => Member, { name: n('LibraryMember'), nullable: true, description: `${config.libraryName}入库机构 / One membership` })
    member(@Ctx() ctx: LibraryContext, @Arg('id', () => ID) id: string): Promise<Member | null> | null {
      return isUuid(id) ? ctx.loaders.member.load(id) : null;
    }

    @Query(() => LibraryMembershipConnection, { name: n('LibraryMembers'), description: '入库机构名单（公开；筛选、游标分页）/ Members (public; filtered, cursor-paginated)' })
    members(
      @Ctx() ctx: LibraryContext,
      @Arg('filter', () => MemberFilter, { nullable: true }) filter?: MemberFilter | null,
      @Arg('first', () => Int, { nullable: true }) first?: number | null,
      @Arg('after', () => String, { nullable: true }) after?: string | null,
    ) {
      return listMembers(ctx.em, filter, first, after);
    }

    @Query(() => LibraryStatistics, { name: n('LibraryStatistics'), description: '资源库统计（看板）/ Statistics for dashboards' })
    statistics(@Ctx() ctx: LibraryContext): Promise<LibraryStatistics> {
      return cachedStatistics(`${config.name}:libraryStatistics`, () => libraryStatistics(ctx.em, config));
    }

    @Mutation(() => Member, { name: n('RemoveLibraryMember'), description: '省级决定移出入库机构（第十一条、第十二条）/ The province removes a member (Art. 11, 12)' })
    remove(@Ctx() ctx: LibraryContext, @Arg('input', () => RemoveMemberInput) input: RemoveMemberInput) {
      return removeMemberByDecision(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Mutation(() => ScheduleRun, { name: n('RunLibrarySchedule'), description: '按指定日期执行每日核查（公示期满入库、季度报送）；可重放任一日（管理员）/ Run the daily duties as of a date; any day can be replayed (admin)' })
    run(@Ctx() ctx: LibraryContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string | null) {
      const actor = mayRunSchedule(ctx.user);
      const today = chinaToday();
      notInFuture('asOf', asOf ?? today, today); // replaying the past is safe; acting on a day that has not come is not
      return runSchedule(ctx.em, config, asOf ?? today, actor);
    }

    @FieldResolver(() => InstitutionReference, { description: '机构 / Institution' })
    institution(@Root() member: Member): InstitutionReference {
      return institutionRef(member.institutionId);
    }

    @FieldResolver(() => Application, { description: '入库申请（需权限）/ The admitted application (restricted)' })
    async application(@Root() member: Member, @Ctx() ctx: LibraryContext): Promise<Application> {
      requireRestricted(ctx.user, member);
      return (await ctx.loaders.application.load(member.applicationId))!;
    }

    // who acted and why, at every change: restricted like every record's history (the membership's public facts are its fields)
    @FieldResolver(() => [StatusChange], { description: '状态历史（需权限）/ Status history (restricted)' })
    statusHistory(@Root() member: Member, @Ctx() ctx: LibraryContext): Promise<StatusChange[]> {
      requireRestricted(ctx.user, member);
      return ctx.loaders.statusHistory.load(member.id);
    }

    @FieldResolver(() => [AuditEntry], { description: '审计记录（需权限）/ Audit trail (restricted)' })
    auditTrail(@Root() member: Member, @Ctx() ctx: LibraryContext): Promise<AuditEntry[]> {
      requireRestricted(ctx.user, member);
      return ctx.loaders.auditTrail.load({ recordType: MEMBER, recordId: member.id });
    }
  }
  return MemberResolver;
}
