import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PlatformContext } from './context';
import { ProvincialReview } from './provincial-review.entity';
import { TaiyuanRecommendationReference } from './taiyuan-recommendation.reference';
import { visibleReview } from './provincial-review.resolver';

/** What Shanxi adds to Taiyuan's recommendation: the provincial decision on it (SPEC §5 headline read). */
@Resolver(() => TaiyuanRecommendationReference)
export class TaiyuanRecommendationResolver {
  @FieldResolver(() => ProvincialReview, {
    nullable: true,
    description: '省级审核（省级收到推荐前为空；公示前需权限）/ The provincial review (null until received; restricted before its notice)',
  })
  async provincialReview(@Root() recommendation: TaiyuanRecommendationReference, @Ctx() ctx: PlatformContext): Promise<ProvincialReview | null> {
    return visibleReview(await ctx.loaders.provincialReviewByRecommendation.load(recommendation.id), ctx);
  }
}
