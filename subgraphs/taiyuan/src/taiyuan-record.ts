import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { PlatformDesignation, InstitutionReference } from '@sme/kernel';
import { TaiyuanApplication } from './applications/application.entity';
import { ProvincialRecommendation } from './provincial-recommendations/provincial-recommendation.entity';
import { designationView } from './designations/designation-view';
import { mayReadRestricted } from './permissions';
import type { Context } from './context';

/** An institution's standing in Taiyuan's flow (SPEC §6 `Institution.taiyuan`). */
@ObjectType('TaiyuanRecord', { description: '机构在太原市示范平台工作中的记录 / An institution in Taiyuan’s platform flow' })
export class TaiyuanRecord {
  institutionId: string;

  @Field(() => [TaiyuanApplication], { description: '申请（仅有权查看的；已认定的公开），新者在前 / Applications you may see (designated ones are public), newest first' })
  applications: TaiyuanApplication[];

  @Field(() => PlatformDesignation, { nullable: true, description: '最近的市级认定 / The latest city designation' })
  cityDesignation: PlatformDesignation | null;

  @Field(() => [PlatformDesignation], { description: '全部市级认定，新者在前 / Every city designation, newest first' })
  cityDesignations: PlatformDesignation[];

  @Field(() => [ProvincialRecommendation], { description: '向省级的推荐（公开）/ Recommendations to the province (public)' })
  provincialRecommendations: ProvincialRecommendation[];
}

@Resolver(() => InstitutionReference)
export class TaiyuanRecordResolver {
  @FieldResolver(() => TaiyuanRecord, { nullable: true, description: '太原市示范平台：申请、认定、向省级推荐（未参与为空）/ Taiyuan: applications, designation, recommendations (null when never involved)' })
  async taiyuan(@Root() institution: InstitutionReference, @Ctx() ctx: Context): Promise<TaiyuanRecord | null> {
    const [applications, designations, recommendations] = await Promise.all([
      ctx.loaders.applicationsByInstitution.load(institution.id),
      ctx.loaders.designationsByInstitution.load(institution.id),
      ctx.loaders.provincialRecommendationsByInstitution.load(institution.id),
    ]);
    // an application the caller may not see must not show through either: with nothing visible, the record is null
    const visible = applications.filter((a) => a.status === 'DESIGNATED' || mayReadRestricted(ctx.user, a));
    if (visible.length === 0 && designations.length === 0) return null;
    const views = designations.map((d) => designationView(d));
    return {
      institutionId: institution.id,
      applications: visible,
      cityDesignation: views[0] ?? null,
      cityDesignations: views,
      provincialRecommendations: recommendations,
    };
  }
}
