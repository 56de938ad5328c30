import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, EligibilityReport, StatusChange, chinaToday, connectionType, forbidden, isUuid, InstitutionReference, institutionRef } from '@sme/kernel';
import { fieldName, type LibraryConfig } from '../library-config';
import type { LibraryContext } from '../context';
import { mayReadRestricted, requireRestricted, RESTRICTED } from '../permissions';
import { Application } from './application.entity';
import { ApplicationMaterial } from './application-material.entity';
import { SpotCheck } from './spot-check.entity';
import { Objection } from './objection.entity';
import { Attestations, DeclaredFigures } from './declared-figures';
import { LibraryApplicationStatus as Status } from './application-status';
import { MaterialChecklistItem, materialChecklist } from './material-checklist';
import { RecommendationSummary, recommendationSummary } from './recommendation-summary';
import { listApplications, publicNotices } from './application-list';
import { APPLICATION } from './application-history';
import { judgeEligibility } from '../eligibility/library-eligibility';
import {
  ApplicationFilter, AttachMaterialInput, CreateApplicationInput, DecideObjectionInput, ObjectionInput, ReviewInput, SpotCheckInput, StartNoticeInput, UpdateApplicationInput,
} from './application.inputs';
import { attachMaterial, createApplication, recordSpotCheck, removeMaterial, reviewApplication, submitApplication, updateApplication } from './application.service';
import { decideObjection, recordObjection, startPublicNotice } from './public-notice.service';

export const LibraryApplicationConnection = connectionType(Application, 'LibraryApplication', '资源库入库申请');

/** Once in public notice an application is public (第八条（四）); before, only those concerned see it. */
const PUBLIC_STATUSES: readonly Status[] = [Status.IN_PUBLIC_NOTICE, Status.ADMITTED, Status.OBJECTION_UPHELD];

/** The application workflow of one province's library: root fields named `<province>…`. */
export function createApplicationResolver(config: LibraryConfig) {
  const n = (suffix: string) => fieldName(config, suffix);

  @Resolver(() => Application)
  class ApplicationResolver {
    @Query(() => Application, { name: n('LibraryApplication'), nullable: true, description: `${config.libraryName}入库申请 / One application` })
    async application(@Ctx() ctx: LibraryContext, @Arg('id', () => ID) id: string): Promise<Application | null> {
      const application = isUuid(id) ? await ctx.loaders.application.load(id) : null;
      if (application && !PUBLIC_STATUSES.includes(application.status) && !mayReadRestricted(ctx.user, application.regionCode, application.institutionId)) throw forbidden(RESTRICTED);
      return application;
    }

    @Query(() => LibraryApplicationConnection, { name: n('LibraryApplications'), description: '入库申请列表（按权限范围，游标分页）/ Applications within your scope, cursor-paginated' })
    applications(
      @Ctx() ctx: LibraryContext,
      @Arg('filter', () => ApplicationFilter, { nullable: true }) filter?: ApplicationFilter | null,
      @Arg('first', () => Int, { nullable: true }) first?: number | null,
      @Arg('after', () => String, { nullable: true }) after?: string | null,
    ) {
      return listApplications(ctx.em, ctx.user, filter, first, after);
    }

    @Query(() => [Application], { name: n('LibraryPublicNotices'), description: '公示中的拟入库名单（公开，第八条（四））/ Applications in public notice (public, Art. 8(4))' })
    publicNotices(@Ctx() ctx: LibraryContext): Promise<Application[]> {
      return publicNotices(ctx.em);
    }

    @Query(() => RecommendationSummary, { name: n('LibraryRecommendationSummary'), description: '推荐汇总表（第八条（二））/ The recommending unit’s summary table (Art. 8(2))' })
    recommendationSummary(@Ctx() ctx: LibraryContext, @Arg('unitCode') unitCode: string, @Arg('year', () => Int) year: number): Promise<RecommendationSummary> {
      return recommendationSummary(ctx.em, config, ctx.user, unitCode, year);
    }

    @Mutation(() => Application, { name: n('CreateLibraryApplication'), description: '新建入库申请草稿（申请人）/ Start an application (applicant)' })
    create(@Ctx() ctx: LibraryContext, @Arg('input', () => CreateApplicationInput) input: CreateApplicationInput) {
      return createApplication(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Mutation(() => Application, { name: n('UpdateLibraryApplication'), description: '修改草稿或退回的申请 / Edit a draft or returned application' })
    update(@Ctx() ctx: LibraryContext, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateApplicationInput) input: UpdateApplicationInput) {
      return updateApplication(ctx.em, config, ctx.user, id, input, chinaToday());
    }

    @Mutation(() => ApplicationMaterial, { name: n('AttachLibraryMaterial'), description: '登记申请材料附件（第七条）/ Attach a material (Art. 7)' })
    attach(@Ctx() ctx: LibraryContext, @Arg('input', () => AttachMaterialInput) input: AttachMaterialInput) {
      return attachMaterial(ctx.em, ctx.user, input);
    }

    @Mutation(() => Application, { name: n('RemoveLibraryMaterial'), description: '删除一份申请材料 / Remove a material' })
    removeMaterial(@Ctx() ctx: LibraryContext, @Arg('materialId', () => ID) materialId: string) {
      return removeMaterial(ctx.em, ctx.user, materialId);
    }

    @Mutation(() => Application, { name: n('SubmitLibraryApplication'), description: '提交（或退回后重新提交）申请（第八条（一））/ Submit or resubmit (Art. 8(1))' })
    submit(@Ctx() ctx: LibraryContext, @Arg('id', () => ID) id: string) {
      return submitApplication(ctx.em, config, ctx.user, id, chinaToday());
    }

    @Mutation(() => Application, { name: n('ReviewLibraryApplication'), description: '县、市、省逐级审核：通过、驳回或退回（第八条）/ Review at the waiting step (Art. 8)' })
    review(@Ctx() ctx: LibraryContext, @Arg('input', () => ReviewInput) input: ReviewInput) {
      return reviewApplication(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Mutation(() => SpotCheck, { name: n('RecordLibrarySpotCheck'), description: '记录省级实地抽查（第八条（三））/ Record an on-site spot check (Art. 8(3))' })
    spotCheck(@Ctx() ctx: LibraryContext, @Arg('input', () => SpotCheckInput) input: SpotCheckInput) {
      return recordSpotCheck(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Mutation(() => [Application], { name: n('StartLibraryPublicNotice'), description: '公示拟入库名单五个工作日（第八条（四））/ Start the 5-working-day notice (Art. 8(4))' })
    async startNotice(@Ctx() ctx: LibraryContext, @Arg('input', () => StartNoticeInput) input: StartNoticeInput) {
      return startPublicNotice(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Mutation(() => Objection, { name: n('RecordLibraryObjection'), description: '登记公示期间收到的异议 / Record an objection received during the notice' })
    objection(@Ctx() ctx: LibraryContext, @Arg('input', () => ObjectionInput) input: ObjectionInput) {
      return recordObjection(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Mutation(() => Objection, { name: n('DecideLibraryObjection'), description: '处理异议：成立则不予入库 / Decide an objection: upheld means not admitted' })
    decide(@Ctx() ctx: LibraryContext, @Arg('input', () => DecideObjectionInput) input: DecideObjectionInput) {
      return decideObjection(ctx.em, config, ctx.user, input, chinaToday());
    }

    @FieldResolver(() => InstitutionReference, { description: '申请机构 / Applicant institution' })
    institution(@Root() application: Application): InstitutionReference {
      return institutionRef(application.institutionId);
    }

    // the reviewers' reasons and opinions: the guideline publishes the list in notice (第八条（四）), not what the reviewers wrote
    @FieldResolver()
    returnReason(@Root() application: Application, @Ctx() ctx: LibraryContext): string | null {
      requireRestricted(ctx.user, application);
      return application.returnReason;
    }

    @FieldResolver()
    rejectionReason(@Root() application: Application, @Ctx() ctx: LibraryContext): string | null {
      requireRestricted(ctx.user, application);
      return application.rejectionReason;
    }

    @FieldResolver()
    cityOpinion(@Root() application: Application, @Ctx() ctx: LibraryContext): string | null {
      requireRestricted(ctx.user, application);
      return application.cityOpinion;
    }

    @FieldResolver(() => DeclaredFigures, { description: '申报数据（需权限）/ Declared figures (restricted)' })
    declared(@Root() application: Application, @Ctx() ctx: LibraryContext): DeclaredFigures {
      requireRestricted(ctx.user, application);
      return application.declared;
    }

    @FieldResolver(() => Attestations, { description: '承诺（需权限）/ Attestations (restricted)' })
    attestations(@Root() application: Application, @Ctx() ctx: LibraryContext): Attestations {
      requireRestricted(ctx.user, application);
      return application.attestations;
    }

    @FieldResolver(() => EligibilityReport, { description: '第六条资格审查报告（需权限）/ Art. 6 eligibility report (restricted)' })
    async eligibility(@Root() application: Application, @Ctx() ctx: LibraryContext): Promise<EligibilityReport> {
      requireRestricted(ctx.user, application);
      const [institution, creditRecords, facts] = await Promise.all([
        ctx.loaders.knownInstitution.load(application.institutionId),
        ctx.loaders.creditRecords.load(application.institutionId),
        application.declared.year == null ? null : ctx.loaders.annualFacts.load(`${application.institutionId}:${application.declared.year}`),
      ]);
      return judgeEligibility(config, application, { institution: institution!, creditRecords, annualFigures: facts?.figures ?? null }, application.submittedOn ?? chinaToday());
    }

    @FieldResolver(() => [MaterialChecklistItem], { description: '第七条材料清单（需权限）/ Art. 7 checklist (restricted)' })
    async materials(@Root() application: Application, @Ctx() ctx: LibraryContext): Promise<MaterialChecklistItem[]> {
      requireRestricted(ctx.user, application);
      return materialChecklist(config, await ctx.loaders.materials.load(application.id));
    }

    @FieldResolver(() => [SpotCheck], { description: '实地抽查（需权限）/ Spot checks (restricted)' })
    spotChecks(@Root() application: Application, @Ctx() ctx: LibraryContext): Promise<SpotCheck[]> {
      requireRestricted(ctx.user, application);
      return ctx.loaders.spotChecks.load(application.id);
    }

    @FieldResolver(() => [Objection], { description: '公示异议（需权限）/ Objections (restricted)' })
    objections(@Root() application: Application, @Ctx() ctx: LibraryContext): Promise<Objection[]> {
      requireRestricted(ctx.user, application);
      return ctx.loaders.objections.load(application.id);
    }

    @FieldResolver(() => [StatusChange], { description: '状态历史（需权限）/ Status history (restricted)' })
    statusHistory(@Root() application: Application, @Ctx() ctx: LibraryContext): Promise<StatusChange[]> {
      requireRestricted(ctx.user, application);
      return ctx.loaders.statusHistory.load(application.id);
    }

    @FieldResolver(() => [AuditEntry], { description: '审计记录（需权限）/ Audit trail (restricted)' })
    auditTrail(@Root() application: Application, @Ctx() ctx: LibraryContext): Promise<AuditEntry[]> {
      requireRestricted(ctx.user, application);
      return ctx.loaders.auditTrail.load({ recordType: APPLICATION, recordId: application.id });
    }
  }
  return ApplicationResolver;
}
