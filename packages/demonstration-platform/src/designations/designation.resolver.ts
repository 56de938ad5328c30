import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, DateScalar, PlatformDesignationStatus, StatusChange, badInput, cachedStatistics, chinaToday, connectionType, designationStatus, isUuid, parseIsoDate, InstitutionReference, institutionRef } from '@sme/kernel';
import { Field, InputType } from 'type-graphql';
import { fieldName, type PlatformProgrammeConfig } from '../programme-config';
import type { PlatformContext } from '../loaders';
import { requireRestricted } from '../permissions';
import { Inspection } from '../inspections/inspection.entity';
import { AnnualSummary } from '../summaries/annual-summary.entity';
import { PerformanceAssessment } from '../assessments/performance-assessment.entity';
import { PlatformStatistics, platformStatistics } from '../platform-statistics';
import { Designation } from './designation.entity';
import { DesignationFilter, listDesignations } from './designation-list';
import { DESIGNATION } from './designation-history';
import { RevocationGround } from './revocation-ground';
import { revokeDesignation } from './revocation';

export const DemonstrationPlatformConnection = connectionType(Designation, 'DemonstrationPlatform', '示范平台');

@InputType('RevokePlatformInput', { description: '撤销示范平台称号 / Revoke a designation' })
export class RevokeInput {
  @Field(() => ID) designationId: string;
  @Field(() => RevocationGround, { description: '撤销依据（手工撤销仅限 VIOLATION）/ Ground (VIOLATION by hand)' }) ground: RevocationGround;
  @Field({ description: '撤销理由 / Reason' }) reason: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

function dateArg(field: string, value: string | null | undefined, today: string): string {
  const date = value ?? today;
  if (!parseIsoDate(date)) throw badInput({ zh: `${field} 不是有效日期：${date}`, en: `${field} is not a valid date: ${date}` }, { reason: 'INVALID_DATE', field });
  return date;
}

/** The platform database (public) and the province's revocation: root fields named `<province>…`. */
export function createDesignationResolver(config: PlatformProgrammeConfig) {
  const n = (suffix: string) => fieldName(config, suffix);

  @Resolver(() => Designation)
  class DesignationResolver {
    @Query(() => Designation, { name: n('Platform'), nullable: true, description: `${config.platformTitle}（公开）/ One platform (public)` })
    platform(@Ctx() ctx: PlatformContext, @Arg('id', () => ID) id: string): Promise<Designation | null> | null {
      return isUuid(id) ? ctx.loaders.designation.load(id) : null;
    }

    @Query(() => DemonstrationPlatformConnection, {
      name: n('Platforms'),
      description: `示范平台信息数据库（公开，不含经营数据和联系方式；${config.abbreviation} ${config.management.publicDatabaseArticle}）/ The public platform database (no figures or contacts)`,
    })
    platforms(
      @Ctx() ctx: PlatformContext,
      @Arg('filter', () => DesignationFilter, { nullable: true }) filter?: DesignationFilter | null,
      @Arg('first', () => Int, { nullable: true }) first?: number | null,
      @Arg('after', () => String, { nullable: true }) after?: string | null,
    ) {
      return listDesignations(ctx.em, filter, chinaToday(), first, after);
    }

    @Query(() => PlatformStatistics, { name: n('PlatformStatistics'), description: '示范平台统计（看板用，公开计数）/ Statistics for dashboards (public counts)' })
    statistics(@Ctx() ctx: PlatformContext, @Arg('asOf', () => DateScalar, { nullable: true, description: '统计日（默认今天）/ Date (default today)' }) asOf?: string | null) {
      const date = dateArg('asOf', asOf, chinaToday());
      return cachedStatistics(`${config.name}:platformStatistics:${date}`, () => platformStatistics(ctx.em, config, date));
    }

    @Mutation(() => Designation, { name: n('RevokePlatform'), description: `撤销示范平台称号（违法违规经查实，${config.abbreviation} ${config.management.revocationArticle}）/ Revoke a designation` })
    revoke(@Ctx() ctx: PlatformContext, @Arg('input', () => RevokeInput) input: RevokeInput) {
      return revokeDesignation(ctx.em, config, ctx.user, input, chinaToday());
    }

    @FieldResolver(() => PlatformDesignationStatus, { description: '状态：有效期内、已过期（validUntil 次日起）或已撤销 / Status on a date: DESIGNATED, EXPIRED (from the day after validUntil) or REVOKED' })
    status(@Root() d: Designation, @Arg('asOf', () => DateScalar, { nullable: true, description: '计算日（默认今天）/ Date (default today)' }) asOf?: string | null): PlatformDesignationStatus {
      return designationStatus(d, dateArg('asOf', asOf, chinaToday()));
    }

    @FieldResolver(() => String, { description: '称号 / Title granted' })
    title(): string {
      return config.platformTitle;
    }

    @FieldResolver(() => InstitutionReference, { description: '平台运营机构 / Institution' })
    institution(@Root() d: Designation): InstitutionReference {
      return institutionRef(d.institutionId);
    }

    @FieldResolver(() => [PerformanceAssessment], { description: '服务绩效考核结果（公开，宁 第十九条）/ Performance assessments (public)' })
    assessments(@Root() d: Designation, @Ctx() ctx: PlatformContext): Promise<PerformanceAssessment[]> {
      return ctx.loaders.assessments.load(d.id);
    }

    @FieldResolver(() => [Inspection], { description: '市级检查（需权限）/ City inspections (restricted)' })
    inspections(@Root() d: Designation, @Ctx() ctx: PlatformContext): Promise<Inspection[]> {
      requireRestricted(ctx.user, d);
      return ctx.loaders.inspections.load(d.id);
    }

    @FieldResolver(() => [AnnualSummary], { description: '年度工作总结（需权限）/ Annual work summaries (restricted)' })
    summaries(@Root() d: Designation, @Ctx() ctx: PlatformContext): Promise<AnnualSummary[]> {
      requireRestricted(ctx.user, d);
      return ctx.loaders.summaries.load(d.id);
    }

    @FieldResolver(() => [StatusChange], { description: '认定历史（需权限）/ History (restricted)' })
    statusHistory(@Root() d: Designation, @Ctx() ctx: PlatformContext): Promise<StatusChange[]> {
      requireRestricted(ctx.user, d);
      return ctx.loaders.statusHistory.load(d.id);
    }

    @FieldResolver(() => [AuditEntry], { description: '审计记录（需权限）/ Audit trail (restricted)' })
    auditTrail(@Root() d: Designation, @Ctx() ctx: PlatformContext): Promise<AuditEntry[]> {
      requireRestricted(ctx.user, d);
      return ctx.loaders.auditTrail.load({ recordType: DESIGNATION, recordId: d.id });
    }
  }
  return DesignationResolver;
}
