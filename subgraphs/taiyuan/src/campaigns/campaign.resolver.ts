import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Campaign } from './campaign.entity';
import { OpenCampaignInput, findCampaign, openCampaign } from './campaigns.service';
import type { Context } from '../context';

@Resolver(() => Campaign)
export class CampaignResolver {
  @Query(() => [Campaign], { description: '太原市历年申报通知 / Taiyuan’s calls, newest first' })
  taiyuanCampaigns(@Ctx() ctx: Context): Promise<Campaign[]> {
    return ctx.em.find(Campaign, {}, { orderBy: { year: 'desc' } });
  }

  @Query(() => Campaign, { description: '某年度申报通知 / One year’s call' })
  taiyuanCampaign(@Ctx() ctx: Context, @Arg('year', () => Int) year: number): Promise<Campaign> {
    return findCampaign(ctx.em, year);
  }

  @Mutation(() => Campaign, { description: '发布年度申报通知（市工信局）/ Open a year’s call (the city)' })
  openTaiyuanCampaign(@Ctx() ctx: Context, @Arg('input', () => OpenCampaignInput) input: OpenCampaignInput): Promise<Campaign> {
    return openCampaign(ctx.em, ctx.user, input);
  }
}
