import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { PlatformDesignationStatus, chinaToday, connectionType, designationStatus, isUuid } from '@sme/kernel';
import type { InstitutionType, PlatformContext } from './context';
import { ProvincialDesignation } from './provincial-designation.entity';
import { ProvincialReview } from './provincial-review.entity';
import { TaiyuanRecommendationReference, recommendationRef } from './taiyuan-recommendation.reference';
import { DesignationFilter } from './provincial-review.inputs';
import { listProvincialPlatforms } from './provincial-platform-list';
import { PROVINCIAL_PLATFORM_RULES } from './provincial-platform-rules';

export const ShanxiProvincialPlatformConnection = connectionType(ProvincialDesignation, 'ShanxiProvincialPlatform', '山西省中小企业公共服务示范平台');

/** The public register of Shanxi provincial platforms (SPEC §2: designations are public). */
export function createProvincialPlatformResolver(institutionType: InstitutionType) {
  @Resolver(() => ProvincialDesignation)
  class ProvincialPlatformResolver {
    @Query(() => ProvincialDesignation, { name: 'shanxiProvincialPlatform', nullable: true, description: '一项省级示范平台认定（公开）/ One provincial designation (public)' })
    platform(@Ctx() ctx: PlatformContext, @Arg('id', () => ID) id: string): Promise<ProvincialDesignation | null> | null {
      return isUuid(id) ? ctx.loaders.provincialDesignation.load(id) : null;
    }

    @Query(() => ShanxiProvincialPlatformConnection, { name: 'shanxiProvincialPlatforms', description: '山西省级示范平台名单（公开；按认定日期，游标分页）/ Provincial platforms (public; by date designated, cursor-paginated)' })
    platforms(
      @Ctx() ctx: PlatformContext,
      @Arg('filter', () => DesignationFilter, { nullable: true }) filter?: DesignationFilter | null,
      @Arg('first', () => Int, { nullable: true }) first?: number | null,
      @Arg('after', () => String, { nullable: true }) after?: string | null,
    ) {
      return listProvincialPlatforms(ctx.em, filter, chinaToday(), first, after);
    }

    @FieldResolver(() => String, { description: '认定名称 / Title of the designation' })
    title(): string {
      return PROVINCIAL_PLATFORM_RULES.designationTitle;
    }

    @FieldResolver(() => PlatformDesignationStatus, { description: '状态（按今天计算）/ Status (as of today)' })
    status(@Root() designation: ProvincialDesignation): PlatformDesignationStatus {
      return designationStatus(designation, chinaToday());
    }

    @FieldResolver(() => institutionType, { description: '示范平台承担单位 / The institution' })
    institution(@Root() designation: ProvincialDesignation): { id: string } {
      return { id: designation.institutionId };
    }

    @FieldResolver(() => TaiyuanRecommendationReference, { description: '太原市的推荐 / Taiyuan’s recommendation' })
    recommendation(@Root() designation: ProvincialDesignation): TaiyuanRecommendationReference {
      return recommendationRef(designation.recommendationId);
    }

    @FieldResolver(() => ProvincialReview, { description: '省级审核（已认定，公开）/ The provincial review (designated, public)' })
    async review(@Root() designation: ProvincialDesignation, @Ctx() ctx: PlatformContext): Promise<ProvincialReview> {
      return (await ctx.loaders.provincialReview.load(designation.reviewId))!;
    }
  }
  return ProvincialPlatformResolver;
}
