import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, EligibilityReport, StatusChange, chinaToday, connectionType, forbidden, isUuid, InstitutionReference, institutionRef } from '@sme/kernel';
import { fieldName, type PlatformProgrammeConfig } from '../programme-config';
import type { PlatformContext } from '../loaders';
import { RESTRICTED, mayReadAsPanel, mayReadRestricted, requireRestricted } from '../permissions';
import { judgePlatformEligibility } from '../eligibility';
import { PlatformApplication } from './application.entity';
import { PUBLIC_STATUSES } from './application-status';
import { DeclaredFigures, FunctionDeclarationRecord, PriorRecognitionRecord } from './declaration';
import { CityAssessment, ExpertReview, OnSiteVisit } from './review-records';
import { eligibilityInput, ruleSetOf } from './application-eligibility';
import { listApplications, publicNotices } from './application-list';
import { APPLICATION } from './application-history';
import { ApplicationFilter, CreateApplicationInput, DecisionInput, ExpertReviewInput, OnSiteVisitInput, ReviewInput, UpdateApplicationInput } from './application.inputs';
import { createApplication, reviewApplication, submitApplication, updateApplication } from './application.service';
import { recordExpertReview, recordOnSiteVisit } from './provincial-checks.service';
import { decideAfterNotice } from '../designations/designation.service';

export const PlatformApplicationConnection = connectionType(PlatformApplication, 'PlatformApplication', '示范平台申报');

/** The application workflow of one province's programme: root fields named `<province>…`. */
export function createApplicationResolver(config: PlatformProgrammeConfig) {
  const n = (suffix: string) => fieldName(config, suffix);
  /** The reviewers' records and the figures: those concerned, and the campaign's expert panel. */
  const mayReadReview = (ctx: PlatformContext, a: PlatformApplication) => mayReadRestricted(ctx.user, a) || mayReadAsPanel(ctx.user, config, a.campaignYear);
  const requireReview = (ctx: PlatformContext, a: PlatformApplication) => {
    if (!mayReadReview(ctx, a)) throw forbidden(RESTRICTED);
  };

  @Resolver(() => PlatformApplication)
  class ApplicationResolver {
    @Query(() => PlatformApplication, { name: n('PlatformApplication'), nullable: true, description: `${config.platformTitle}申报 / One application` })
    async application(@Ctx() ctx: PlatformContext, @Arg('id', () => ID) id: string): Promise<PlatformApplication | null> {
      const application = isUuid(id) ? await ctx.loaders.application.load(id) : null;
      if (application && !PUBLIC_STATUSES.includes(application.status) && !mayReadReview(ctx, application)) throw forbidden(RESTRICTED);
      return application;
    }

    @Query(() => PlatformApplicationConnection, { name: n('PlatformApplications'), description: '申报列表（按权限范围，游标分页）/ Applications within your scope, cursor-paginated' })
    applications(
      @Ctx() ctx: PlatformContext,
      @Arg('filter', () => ApplicationFilter, { nullable: true }) filter?: ApplicationFilter | null,
      @Arg('first', () => Int, { nullable: true }) first?: number | null,
      @Arg('after', () => String, { nullable: true }) after?: string | null,
    ) {
      return listApplications(ctx.em, config, ctx.user, filter, first, after);
    }

    @Query(() => [PlatformApplication], { name: n('PlatformPublicNotices'), description: `公示中的拟认定名单（公开，${config.abbreviation} ${config.workflow.noticeArticle}）/ Applications in public notice (public)` })
    publicNotices(@Ctx() ctx: PlatformContext): Promise<PlatformApplication[]> {
      return publicNotices(ctx.em);
    }

    @Mutation(() => PlatformApplication, { name: n('CreatePlatformApplication'), description: '新建申报草稿（申请人；须有当日有效的认定规则）/ Start an application (applicant; a rule set must be in force today)' })
    create(@Ctx() ctx: PlatformContext, @Arg('input', () => CreateApplicationInput) input: CreateApplicationInput) {
      return createApplication(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Mutation(() => PlatformApplication, { name: n('UpdatePlatformApplication'), description: '修改草稿或退回的申报 / Edit a draft or returned application' })
    update(@Ctx() ctx: PlatformContext, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateApplicationInput) input: UpdateApplicationInput) {
      return updateApplication(ctx.em, config, ctx.user, id, input, chinaToday());
    }

    @Mutation(() => PlatformApplication, { name: n('SubmitPlatformApplication'), description: '提交（或退回后重新提交）申报，按提交日有效的规则审查 / Submit or resubmit; judged by the rule set in force that day' })
    submit(@Ctx() ctx: PlatformContext, @Arg('id', () => ID) id: string) {
      return submitApplication(ctx.em, config, ctx.user, id, chinaToday());
    }

    @Mutation(() => PlatformApplication, { name: n('ReviewPlatformApplication'), description: `市级测评推荐、省级评审：通过、驳回或退回（${config.abbreviation} ${config.workflow.recommendationArticle}、${config.workflow.reviewArticle}）/ Review at the waiting step` })
    review(@Ctx() ctx: PlatformContext, @Arg('input', () => ReviewInput) input: ReviewInput) {
      return reviewApplication(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Mutation(() => PlatformApplication, { name: n('RecordPlatformExpertReview'), description: '记录省级专家评审 / Record the provincial expert review' })
    recordExpert(@Ctx() ctx: PlatformContext, @Arg('input', () => ExpertReviewInput) input: ExpertReviewInput) {
      return recordExpertReview(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Mutation(() => PlatformApplication, { name: n('RecordPlatformOnSiteVisit'), description: '记录实地考察 / Record the on-site visit' })
    recordVisit(@Ctx() ctx: PlatformContext, @Arg('input', () => OnSiteVisitInput) input: OnSiteVisitInput) {
      return recordOnSiteVisit(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Mutation(() => PlatformApplication, { name: n('DecidePlatformApplication'), description: `公示期满后授予称号或不予认定（${config.abbreviation} ${config.workflow.designationArticle}）/ Designate or reject after the notice` })
    decide(@Ctx() ctx: PlatformContext, @Arg('input', () => DecisionInput) input: DecisionInput) {
      return decideAfterNotice(ctx.em, config, ctx.user, input, chinaToday());
    }

    @FieldResolver(() => InstitutionReference, { description: '申报机构 / Applicant institution' })
    institution(@Root() application: PlatformApplication): InstitutionReference {
      return institutionRef(application.institutionId);
    }

    @FieldResolver(() => String, { nullable: true, description: '退回的原因（需权限）/ What to fix (restricted)' })
    returnReason(@Root() a: PlatformApplication, @Ctx() ctx: PlatformContext): string | null {
      requireRestricted(ctx.user, a);
      return a.returnReason;
    }

    @FieldResolver(() => String, { nullable: true, description: '驳回或不予认定的理由（需权限）/ Reason for rejection (restricted)' })
    rejectionReason(@Root() a: PlatformApplication, @Ctx() ctx: PlatformContext): string | null {
      requireRestricted(ctx.user, a);
      return a.rejectionReason;
    }

    @FieldResolver(() => DeclaredFigures, { description: '申报数据（需权限）/ Declared figures (restricted)' })
    declared(@Root() a: PlatformApplication, @Ctx() ctx: PlatformContext): DeclaredFigures {
      requireReview(ctx, a);
      return a.declared;
    }

    @FieldResolver(() => [FunctionDeclarationRecord], { description: '申报的服务功能及指标（需权限）/ Declared functions with their figures (restricted)' })
    functions(@Root() a: PlatformApplication, @Ctx() ctx: PlatformContext): FunctionDeclarationRecord[] {
      requireReview(ctx, a);
      return a.functions;
    }

    @FieldResolver(() => [PriorRecognitionRecord], { description: '已获认定（需权限）/ Prior recognitions (restricted)' })
    priorRecognitions(@Root() a: PlatformApplication, @Ctx() ctx: PlatformContext): PriorRecognitionRecord[] {
      requireReview(ctx, a);
      return a.priorRecognitions;
    }

    @FieldResolver(() => String, { description: '联系人（需权限）/ Contact person (restricted)' })
    contactPerson(@Root() a: PlatformApplication, @Ctx() ctx: PlatformContext): string {
      requireRestricted(ctx.user, a);
      return a.contactPerson;
    }

    @FieldResolver(() => String, { description: '联系电话（需权限）/ Contact phone (restricted)' })
    contactPhone(@Root() a: PlatformApplication, @Ctx() ctx: PlatformContext): string {
      requireRestricted(ctx.user, a);
      return a.contactPhone;
    }

    @FieldResolver(() => CityAssessment, { nullable: true, description: '市级测评及推荐意见（需权限）/ The city’s assessment (restricted)' })
    cityAssessment(@Root() a: PlatformApplication, @Ctx() ctx: PlatformContext): CityAssessment | null {
      requireReview(ctx, a);
      return a.cityAssessment;
    }

    @FieldResolver(() => ExpertReview, { nullable: true, description: '专家评审（需权限）/ Expert review (restricted)' })
    expertReview(@Root() a: PlatformApplication, @Ctx() ctx: PlatformContext): ExpertReview | null {
      requireReview(ctx, a);
      return a.expertReview;
    }

    @FieldResolver(() => OnSiteVisit, { nullable: true, description: '实地考察（需权限）/ On-site visit (restricted)' })
    onSiteVisit(@Root() a: PlatformApplication, @Ctx() ctx: PlatformContext): OnSiteVisit | null {
      requireReview(ctx, a);
      return a.onSiteVisit;
    }

    @FieldResolver(() => EligibilityReport, { description: '资格审查报告：每项基本条件和功能要求（需权限）/ Eligibility report (restricted)' })
    async eligibility(@Root() a: PlatformApplication, @Ctx() ctx: PlatformContext): Promise<EligibilityReport> {
      requireReview(ctx, a);
      const [institution, facts] = await Promise.all([
        ctx.loaders.knownInstitution.load(a.institutionId),
        a.declared.figuresYear == null ? null : ctx.loaders.annualFacts.load(`${a.institutionId}:${a.declared.figuresYear}`),
      ]);
      const asOf = a.submittedOn ?? chinaToday();
      return judgePlatformEligibility(ruleSetOf(config, a, asOf), eligibilityInput(institution!, a, facts?.figures ?? null), asOf);
    }

    @FieldResolver(() => [StatusChange], { description: '状态历史（需权限）/ Status history (restricted)' })
    statusHistory(@Root() a: PlatformApplication, @Ctx() ctx: PlatformContext): Promise<StatusChange[]> {
      requireRestricted(ctx.user, a);
      return ctx.loaders.statusHistory.load(a.id);
    }

    @FieldResolver(() => [AuditEntry], { description: '审计记录（需权限）/ Audit trail (restricted)' })
    auditTrail(@Root() a: PlatformApplication, @Ctx() ctx: PlatformContext): Promise<AuditEntry[]> {
      requireRestricted(ctx.user, a);
      return ctx.loaders.auditTrail.load({ recordType: APPLICATION, recordId: a.id });
    }
  }
  return ApplicationResolver;
}
