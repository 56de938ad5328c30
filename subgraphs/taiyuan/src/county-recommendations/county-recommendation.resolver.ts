import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CountyRecommendation } from './county-recommendation.entity';
import { SatisfactionSummary, SurveyEntry, summarise } from './survey';
import { requireRestricted } from '../permissions';
import type { Context } from '../context';
import { countyRecommendationFormPath } from '../exports/download-paths';

/** Read as its application's restricted data. */
async function requireReader(recommendation: CountyRecommendation, ctx: Context): Promise<void> {
  requireRestricted(ctx.user, (await ctx.loaders.application.load(recommendation.applicationId))!);
}

/**
 * 推荐表 (附件1) goes from the county to the city, and is not published: that the county surveyed and recommended,
 * how and when, is public; its respondents (SPEC §2: survey respondents are not public), their satisfaction (a
 * figure), the county's impact statement and its opinion are not.
 */
@Resolver(() => CountyRecommendation)
export class CountyRecommendationResolver {
  @FieldResolver(() => [SurveyEntry], { description: '抽样企业测评明细（需权限）/ The sampled enterprises (restricted)' })
  async survey(@Root() recommendation: CountyRecommendation, @Ctx() ctx: Context): Promise<SurveyEntry[]> {
    await requireReader(recommendation, ctx);
    return recommendation.survey;
  }

  @FieldResolver(() => SatisfactionSummary, { description: '测评结果汇总（需权限）/ Survey summary (restricted)' })
  async satisfaction(@Root() recommendation: CountyRecommendation, @Ctx() ctx: Context): Promise<SatisfactionSummary> {
    await requireReader(recommendation, ctx);
    return summarise(recommendation.survey);
  }

  @FieldResolver()
  async impactStatement(@Root() recommendation: CountyRecommendation, @Ctx() ctx: Context): Promise<string> {
    await requireReader(recommendation, ctx);
    return recommendation.impactStatement;
  }

  @FieldResolver()
  async opinion(@Root() recommendation: CountyRecommendation, @Ctx() ctx: Context): Promise<string> {
    await requireReader(recommendation, ctx);
    return recommendation.opinion;
  }

  @FieldResolver(() => String, { description: '推荐表（附件1）xlsx 的下载路径（相对网关地址，带同一身份令牌请求；需权限）/ Path of the Form 1 .xlsx on the gateway (request it with the same token; restricted)' })
  downloadPath(@Root() recommendation: CountyRecommendation): string {
    return countyRecommendationFormPath(recommendation.applicationId);
  }
}
