import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, EligibilityReport, PlatformDesignation, StatusChange, chinaToday, connectionType, forbidden, isUuid, InstitutionReference } from '@sme/kernel';
import { TaiyuanApplication } from './application.entity';
import { ApplicationReport } from './application-report';
import { TaiyuanApplicationStatus as Status } from './application-status';
import { ApplicationFilter, CreateApplicationInput, DeclineInput, ExpertReviewInput, RecommendInput, UpdateApplicationInput } from './application.inputs';
import {
  APPLICATION, createApplication, declineApplication, designateApplication, eligibilityReportOf, recommendApplication, recordExpertReview, submitApplication, updateApplication,
} from './application.service';
import { listApplications } from './application-list';
import { findCampaign } from '../campaigns/campaigns.service';
import { CountyRecommendation } from '../county-recommendations/county-recommendation.entity';
import { ExpertReview } from '../expert-reviews/expert-review.entity';
import { ProvincialRecommendation } from '../provincial-recommendations/provincial-recommendation.entity';
import { designationView } from '../designations/designation-view';
import { RESTRICTED, mayReadRestricted, requireRestricted } from '../permissions';
import type { Context } from '../context';

export const TaiyuanApplicationConnection = connectionType(TaiyuanApplication, 'TaiyuanApplication', '太原市级示范平台申请');

/** A designated application is public (the designation is published); before that, only those concerned see it. */
const PUBLIC: readonly Status[] = [Status.DESIGNATED];

@Resolver(() => TaiyuanApplication)
export class ApplicationResolver {
  @Query(() => TaiyuanApplication, { nullable: true, description: '一份市级示范平台申请 / One application' })
  async taiyuanApplication(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<TaiyuanApplication | null> {
    const application = isUuid(id) ? await ctx.loaders.application.load(id) : null;
    if (application && !PUBLIC.includes(application.status) && !mayReadRestricted(ctx.user, application)) throw forbidden(RESTRICTED);
    return application;
  }

  @Query(() => TaiyuanApplicationConnection, { description: '申请列表（按权限范围，游标分页）/ Applications within your scope, cursor-paginated' })
  taiyuanApplications(
    @Ctx() ctx: Context,
    @Arg('filter', () => ApplicationFilter, { nullable: true }) filter?: ApplicationFilter | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return listApplications(ctx.em, ctx.user, filter, first, after);
  }

  @Mutation(() => TaiyuanApplication, { description: '新建申请（申请人）/ Start an application (applicant)' })
  createTaiyuanApplication(@Ctx() ctx: Context, @Arg('input', () => CreateApplicationInput) input: CreateApplicationInput) {
    return createApplication(ctx.em, ctx.user, input, chinaToday());
  }

  @Mutation(() => TaiyuanApplication, { description: '填写、修改申请报告（附件2）/ Fill in or edit the report (Form 2)' })
  updateTaiyuanApplication(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateApplicationInput) input: UpdateApplicationInput) {
    return updateApplication(ctx.em, ctx.user, id, input, chinaToday());
  }

  @Mutation(() => TaiyuanApplication, { description: '提交（或退回后重新提交）/ Submit or resubmit (before the deadline)' })
  submitTaiyuanApplication(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return submitApplication(ctx.em, ctx.user, id, chinaToday());
  }

  @Mutation(() => TaiyuanApplication, { description: '县（市、区）、开发区测评并推荐（附件1）/ The county surveys and recommends (Form 1)' })
  recommendTaiyuanApplication(@Ctx() ctx: Context, @Arg('input', () => RecommendInput) input: RecommendInput) {
    return recommendApplication(ctx.em, ctx.user, input, chinaToday());
  }

  @Mutation(() => TaiyuanApplication, { description: '不予推荐（认定）或退回修改 / Reject or return for revision' })
  declineTaiyuanApplication(@Ctx() ctx: Context, @Arg('input', () => DeclineInput) input: DeclineInput) {
    return declineApplication(ctx.em, ctx.user, input, chinaToday());
  }

  @Mutation(() => ExpertReview, { description: '记录专家组评审意见 / Record the expert panel’s review' })
  recordTaiyuanExpertReview(@Ctx() ctx: Context, @Arg('input', () => ExpertReviewInput) input: ExpertReviewInput) {
    return recordExpertReview(ctx.em, ctx.user, input, chinaToday());
  }

  @Mutation(() => PlatformDesignation, { description: '认定为太原市市级中小企业公共服务示范平台（有效期 3 年）/ Designate a city platform (valid 3 years)' })
  async designateTaiyuanPlatform(@Ctx() ctx: Context, @Arg('applicationId', () => ID) applicationId: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null) {
    return designationView(await designateApplication(ctx.em, ctx.user, { applicationId, expectedVersion }, chinaToday()));
  }

  @FieldResolver(() => InstitutionReference, { description: '申请机构 / Applicant' })
  institution(@Root() application: TaiyuanApplication): InstitutionReference {
    return { id: application.institutionId };
  }

  // the reasons given to the applicant: published neither by 并工信字〔2023〕26号 nor with the designation
  @FieldResolver()
  returnReason(@Root() application: TaiyuanApplication, @Ctx() ctx: Context): string | null {
    requireRestricted(ctx.user, application);
    return application.returnReason;
  }

  @FieldResolver()
  rejectionReason(@Root() application: TaiyuanApplication, @Ctx() ctx: Context): string | null {
    requireRestricted(ctx.user, application);
    return application.rejectionReason;
  }

  @FieldResolver(() => ApplicationReport, { description: '申请报告（附件2，需权限）/ The report (Form 2, restricted)' })
  report(@Root() application: TaiyuanApplication, @Ctx() ctx: Context): ApplicationReport {
    requireRestricted(ctx.user, application);
    return application.report;
  }

  @FieldResolver(() => EligibilityReport, { description: '审查报告（需权限）/ Eligibility report (restricted)' })
  async eligibility(@Root() application: TaiyuanApplication, @Ctx() ctx: Context): Promise<EligibilityReport> {
    requireRestricted(ctx.user, application);
    // through the request's loaders: a page of applications reads each kind of fact once, not once per application
    const [campaign, designations, recommendation] = await Promise.all([
      ctx.loaders.campaign.load(application.campaignYear),
      ctx.loaders.designationsByInstitution.load(application.institutionId),
      ctx.loaders.countyRecommendation.load(application.id),
    ]);
    return eligibilityReportOf(application, { campaign: campaign ?? (await findCampaign(ctx.em, application.campaignYear)), designations, recommendation }, chinaToday());
  }

  @FieldResolver(() => CountyRecommendation, { nullable: true, description: '县级推荐表（附件1）/ The county’s recommendation (Form 1)' })
  countyRecommendation(@Root() application: TaiyuanApplication, @Ctx() ctx: Context): Promise<CountyRecommendation | null> {
    return ctx.loaders.countyRecommendation.load(application.id);
  }

  // the panel's names and opinion (附件1 专家组评审意见) go to the city, not the public: only the designation is published
  @FieldResolver(() => ExpertReview, { nullable: true, description: '专家组评审意见（需权限）/ The expert panel’s review (restricted)' })
  expertReview(@Root() application: TaiyuanApplication, @Ctx() ctx: Context): Promise<ExpertReview | null> {
    requireRestricted(ctx.user, application);
    return ctx.loaders.expertReview.load(application.id);
  }

  @FieldResolver(() => PlatformDesignation, { nullable: true, description: '由此申请作出的市级认定 / The city designation it led to' })
  async designation(@Root() application: TaiyuanApplication, @Ctx() ctx: Context): Promise<PlatformDesignation | null> {
    const designation = await ctx.loaders.designation.load(application.id);
    return designation ? designationView(designation) : null;
  }

  @FieldResolver(() => [ProvincialRecommendation], { description: '以此认定向省级的推荐 / Recommendations to the province resting on that designation' })
  async provincialRecommendations(@Root() application: TaiyuanApplication, @Ctx() ctx: Context): Promise<ProvincialRecommendation[]> {
    const designation = await ctx.loaders.designation.load(application.id);
    return designation ? ctx.loaders.provincialRecommendationsByDesignation.load(designation.id) : [];
  }

  @FieldResolver(() => [StatusChange], { description: '状态历史（需权限）/ Status history (restricted)' })
  statusHistory(@Root() application: TaiyuanApplication, @Ctx() ctx: Context): Promise<StatusChange[]> {
    requireRestricted(ctx.user, application);
    return ctx.loaders.statusHistory.load(application.id);
  }

  @FieldResolver(() => [AuditEntry], { description: '审计记录（需权限）/ Audit trail (restricted)' })
  auditTrail(@Root() application: TaiyuanApplication, @Ctx() ctx: Context): Promise<AuditEntry[]> {
    requireRestricted(ctx.user, application);
    return ctx.loaders.auditTrail.load({ recordType: APPLICATION, recordId: application.id });
  }
}
