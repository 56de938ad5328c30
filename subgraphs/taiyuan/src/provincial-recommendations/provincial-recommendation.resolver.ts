import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PlatformDesignation, chinaToday, InstitutionReference } from '@sme/kernel';
import { ProvincialRecommendation } from './provincial-recommendation.entity';
import { RecommendToProvinceInput, recommendToProvince } from './provincial-recommendations.service';
import { SummaryTable, summaryTable } from './summary-table';
import { CityDesignation } from '../designations/city-designation.entity';
import { designationView } from '../designations/designation-view';
import { requireRestricted } from '../permissions';
import type { Context } from '../context';

@Resolver(() => ProvincialRecommendation)
export class ProvincialRecommendationResolver {
  @Query(() => [ProvincialRecommendation], { description: '某年度向省级推荐的示范平台（公开）/ A year’s recommendations to the province (public)' })
  taiyuanProvincialRecommendations(@Ctx() ctx: Context, @Arg('year', () => Int) year: number): Promise<ProvincialRecommendation[]> {
    return ctx.em.find(ProvincialRecommendation, { campaignYear: year }, { orderBy: { recommendedOn: 'asc', id: 'asc' } });
  }

  @Query(() => SummaryTable, { description: '年度示范平台基本情况汇总表（附件3）/ The year’s summary table (Form 3)' })
  taiyuanSummaryTable(@Ctx() ctx: Context, @Arg('year', () => Int) year: number): Promise<SummaryTable> {
    return summaryTable(ctx.em, ctx.user, year);
  }

  @Mutation(() => ProvincialRecommendation, { description: '向省级推荐（须持有有效的市级认定，二.2）/ Recommend to the province (needs a valid city designation, 2.2)' })
  recommendTaiyuanPlatformToProvince(@Ctx() ctx: Context, @Arg('input', () => RecommendToProvinceInput) input: RecommendToProvinceInput) {
    return recommendToProvince(ctx.em, ctx.user, input, chinaToday());
  }

  @FieldResolver(() => InstitutionReference, { description: '被推荐机构 / Institution' })
  institution(@Root() recommendation: ProvincialRecommendation): InstitutionReference {
    return { id: recommendation.institutionId };
  }

  // the county's and city's opinions, restricted as shanxi restricts them on its review of the same recommendation
  @FieldResolver()
  countyOpinion(@Root() recommendation: ProvincialRecommendation, @Ctx() ctx: Context): string {
    requireRestricted(ctx.user, recommendation);
    return recommendation.countyOpinion;
  }

  @FieldResolver()
  cityOpinion(@Root() recommendation: ProvincialRecommendation, @Ctx() ctx: Context): string | null {
    requireRestricted(ctx.user, recommendation);
    return recommendation.cityOpinion;
  }

  @FieldResolver(() => PlatformDesignation, { description: '所依据的市级认定 / The city designation it rests on' })
  async cityDesignation(@Root() recommendation: ProvincialRecommendation, @Ctx() ctx: Context): Promise<PlatformDesignation> {
    const designations = await ctx.loaders.designationsByInstitution.load(recommendation.institutionId);
    return designationView(designations.find((d: CityDesignation) => d.id === recommendation.designationId)!);
  }
}

/** Other subgraphs (shanxi) hand the gateway `{ id }`: one statement for a whole batch. */
export const provincialRecommendationReference = {
  TaiyuanProvincialRecommendation: {
    __resolveReference: (reference: { id: string }, ctx: Context) => ctx.loaders.provincialRecommendation.load(reference.id),
  },
};
