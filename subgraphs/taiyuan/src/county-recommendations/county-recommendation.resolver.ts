import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CountyRecommendation } from './county-recommendation.entity';
import { SatisfactionSummary, SurveyEntry, summarise } from './survey';
import { requireRestricted } from '../permissions';
import type { Context } from '../context';
import { countyRecommendationFormPath } from '../exports/download-paths';

/** The survey's respondents are personal data (SPEC §2: survey respondents are not public); its summary is. */
@Resolver(() => CountyRecommendation)
export class CountyRecommendationResolver {
  @FieldResolver(() => [SurveyEntry], { description: '抽样企业测评明细（需权限）/ The sampled enterprises (restricted)' })
  async survey(@Root() recommendation: CountyRecommendation, @Ctx() ctx: Context): Promise<SurveyEntry[]> {
    const application = (await ctx.loaders.application.load(recommendation.applicationId))!;
    requireRestricted(ctx.user, application);
    return recommendation.survey;
  }

  @FieldResolver(() => SatisfactionSummary, { description: '测评结果汇总 / Survey summary' })
  satisfaction(@Root() recommendation: CountyRecommendation): SatisfactionSummary {
    return summarise(recommendation.survey);
  }

  @FieldResolver(() => String, { description: '推荐表（附件1）xlsx 的下载路径（相对网关地址，带同一身份令牌请求；需权限）/ Path of the Form 1 .xlsx on the gateway (request it with the same token; restricted)' })
  downloadPath(@Root() recommendation: CountyRecommendation): string {
    return countyRecommendationFormPath(recommendation.applicationId);
  }
}
