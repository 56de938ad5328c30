import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, StatusChange, chinaToday, connectionType, forbidden, isUuid } from '@sme/kernel';
import type { InstitutionType, PlatformContext } from './context';
import { ProvincialReview } from './provincial-review.entity';
import { ProvincialExpertReview } from './expert-review.entity';
import { ProvincialDesignation } from './provincial-designation.entity';
import { TaiyuanRecommendationReference, recommendationRef } from './taiyuan-recommendation.reference';
import { DecisionInput, ExpertReviewInput, ReviewFilter, StartNoticeInput } from './provincial-review.inputs';
import { decideProvincialPlatform, recordExpertReview, startProvincialNotice } from './provincial-review.service';
import { isPublicReview, listProvincialReviews, provincialNotices } from './provincial-platform-list';
import { allowedActions } from './provincial-review-status';
import { PROVINCIAL_REVIEW } from './provincial-review-history';
import { REVIEW_RESTRICTED, mayReadProvincialReview, requireProvincialReviewReader } from './provincial-platform-permissions';

export const ShanxiProvincialReviewConnection = connectionType(ProvincialReview, 'ShanxiProvincialReview', '省级示范平台审核');

/** A review as a caller may see it: public from its notice on; before, and when rejected, only those concerned. */
export function visibleReview(review: ProvincialReview | null, ctx: PlatformContext): ProvincialReview | null {
  if (review && !isPublicReview(review) && !mayReadProvincialReview(ctx.user, review)) throw forbidden(REVIEW_RESTRICTED);
  return review;
}

/** The provincial review of Taiyuan's recommendations (SPEC §3 last paragraph, §5; 并工信字〔2023〕26号 二). */
export function createProvincialReviewResolver(institutionType: InstitutionType) {
  @Resolver(() => ProvincialReview)
  class ProvincialReviewResolver {
    @Query(() => ProvincialReview, { name: 'shanxiProvincialPlatformReview', nullable: true, description: '省级示范平台审核（公示前需权限）/ One provincial review (restricted before its notice)' })
    async review(@Ctx() ctx: PlatformContext, @Arg('id', () => ID) id: string): Promise<ProvincialReview | null> {
      return visibleReview(isUuid(id) ? await ctx.loaders.provincialReview.load(id) : null, ctx);
    }

    @Query(() => ShanxiProvincialReviewConnection, {
      name: 'shanxiProvincialPlatformReviews',
      description: '省级收到的太原市推荐（需权限：省级审核员、推荐市的审核员、分析人员；游标分页）/ The provincial intake of recommendations (restricted; cursor-paginated)',
    })
    reviews(
      @Ctx() ctx: PlatformContext,
      @Arg('filter', () => ReviewFilter, { nullable: true }) filter?: ReviewFilter | null,
      @Arg('first', () => Int, { nullable: true }) first?: number | null,
      @Arg('after', () => String, { nullable: true }) after?: string | null,
    ) {
      return listProvincialReviews(ctx.em, ctx.user, filter, first, after);
    }

    @Query(() => [ProvincialReview], { name: 'shanxiProvincialPlatformNotices', description: '公示中的省级示范平台（公开）/ Reviews in public notice (public)' })
    notices(@Ctx() ctx: PlatformContext): Promise<ProvincialReview[]> {
      return provincialNotices(ctx.em);
    }

    @Mutation(() => ProvincialReview, { name: 'shanxiRecordProvincialExpertReview', description: '录入专家组评审意见（本年度评审专家组或省级审核员）/ Record the expert panel’s opinion (the campaign’s panel, or a province reviewer)' })
    recordExpertReview(@Ctx() ctx: PlatformContext, @Arg('input', () => ExpertReviewInput) input: ExpertReviewInput) {
      return recordExpertReview(ctx.em, ctx.user, input, chinaToday());
    }

    @Mutation(() => ProvincialReview, { name: 'shanxiStartProvincialPlatformNotice', description: '公示五个工作日（省级审核员）/ Start the 5-working-day public notice (province reviewer)' })
    startNotice(@Ctx() ctx: PlatformContext, @Arg('input', () => StartNoticeInput) input: StartNoticeInput) {
      return startProvincialNotice(ctx.em, ctx.user, input, chinaToday());
    }

    @Mutation(() => ProvincialReview, {
      name: 'shanxiDecideProvincialPlatform',
      description: '认定（公示期满后）或不予认定；决定为终局，不设退回（省级审核员）/ Designate (after the notice) or reject; final, no return (province reviewer)',
    })
    decide(@Ctx() ctx: PlatformContext, @Arg('input', () => DecisionInput) input: DecisionInput) {
      return decideProvincialPlatform(ctx.em, ctx.user, input, chinaToday());
    }

    @FieldResolver(() => TaiyuanRecommendationReference, { description: '太原市的推荐 / Taiyuan’s recommendation' })
    recommendation(@Root() review: ProvincialReview): TaiyuanRecommendationReference {
      return recommendationRef(review.recommendationId);
    }

    @FieldResolver(() => institutionType, { description: '被推荐机构 / Recommended institution' })
    institution(@Root() review: ProvincialReview): { id: string } {
      return { id: review.institutionId };
    }

    @FieldResolver(() => String, { description: '县（市、区）、开发区推荐意见（需权限）/ The county’s recommendation opinion (restricted)' })
    countyOpinion(@Root() review: ProvincialReview, @Ctx() ctx: PlatformContext): string {
      requireProvincialReviewReader(ctx.user, review);
      return review.countyOpinion;
    }

    @FieldResolver(() => String, { nullable: true, description: '市级推荐意见（需权限）/ The city’s recommendation opinion (restricted)' })
    cityOpinion(@Root() review: ProvincialReview, @Ctx() ctx: PlatformContext): string | null {
      requireProvincialReviewReader(ctx.user, review);
      return review.cityOpinion;
    }

    @FieldResolver(() => String, { nullable: true, description: '不予认定的理由（需权限）/ Reason for rejection (restricted)' })
    rejectionReason(@Root() review: ProvincialReview, @Ctx() ctx: PlatformContext): string | null {
      requireProvincialReviewReader(ctx.user, review);
      return review.rejectionReason;
    }

    @FieldResolver(() => ProvincialExpertReview, { nullable: true, description: '专家组评审意见（需权限）/ The expert panel’s opinion (restricted)' })
    expertReview(@Root() review: ProvincialReview, @Ctx() ctx: PlatformContext): Promise<ProvincialExpertReview | null> {
      requireProvincialReviewReader(ctx.user, review);
      return ctx.loaders.provincialExpertReview.load(review.id);
    }

    @FieldResolver(() => ProvincialDesignation, { nullable: true, description: '省级认定（认定后）/ The designation (once designated)' })
    designation(@Root() review: ProvincialReview, @Ctx() ctx: PlatformContext): Promise<ProvincialDesignation | null> {
      return ctx.loaders.provincialDesignationByReview.load(review.id);
    }

    @FieldResolver(() => [String], { description: '今天可执行的操作 / Actions possible today' })
    allowedActions(@Root() review: ProvincialReview): string[] {
      return allowedActions(review, chinaToday());
    }

    @FieldResolver(() => [StatusChange], { description: '状态历史（需权限）/ Status history (restricted)' })
    statusHistory(@Root() review: ProvincialReview, @Ctx() ctx: PlatformContext): Promise<StatusChange[]> {
      requireProvincialReviewReader(ctx.user, review);
      return ctx.loaders.provincialReviewHistory.load(review.id);
    }

    @FieldResolver(() => [AuditEntry], { description: '审计记录（需权限）/ Audit trail (restricted)' })
    auditTrail(@Root() review: ProvincialReview, @Ctx() ctx: PlatformContext): Promise<AuditEntry[]> {
      requireProvincialReviewReader(ctx.user, review);
      return ctx.loaders.provincialReviewAuditTrail.load({ recordType: PROVINCIAL_REVIEW, recordId: review.id });
    }
  }
  return ProvincialReviewResolver;
}
