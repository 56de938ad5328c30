import { REGISTRY_MIRROR_ENTITIES, registryMirrorHandlers, type SubgraphDefinition, InstitutionReference } from '@sme/kernel';
import { Campaign } from './campaigns/campaign.entity';
import { CampaignResolver } from './campaigns/campaign.resolver';
import { TaiyuanApplication } from './applications/application.entity';
import { ApplicationResolver } from './applications/application.resolver';
import { CountyRecommendation } from './county-recommendations/county-recommendation.entity';
import { CountyRecommendationResolver } from './county-recommendations/county-recommendation.resolver';
import { ExpertReview } from './expert-reviews/expert-review.entity';
import { CityDesignation } from './designations/city-designation.entity';
import { ProvincialRecommendation } from './provincial-recommendations/provincial-recommendation.entity';
import { ProvincialRecommendationResolver, provincialRecommendationReference } from './provincial-recommendations/provincial-recommendation.resolver';
import { TaiyuanRecordResolver } from './taiyuan-record';
import { Migration20261123300000_taiyuan } from './migrations/Migration20261123300000_taiyuan';
import { Migration20261210000000_taiyuan_filter_indexes } from './migrations/Migration20261210000000_taiyuan_filter_indexes';
import { createLoaders, type Loaders } from './loaders';
import { taiyuanExportRoutes } from './exports/export-routes';

/**
 * The `taiyuan` subgraph (SPEC §5; 并工信字〔2023〕26号): city platform applications, the counties' surveys and
 * recommendations, expert reviews, city designations and recommendations to the province. This module only
 * describes it; `index.ts` serves it.
 */
export const taiyuan: SubgraphDefinition<Loaders> = {
  name: 'taiyuan',
  resolvers: [CampaignResolver, ApplicationResolver, CountyRecommendationResolver, ProvincialRecommendationResolver, TaiyuanRecordResolver],
  orphanedTypes: [InstitutionReference],
  referenceResolvers: {
    Institution: { __resolveReference: (reference: { id: string }) => ({ id: reference.id }) },
    ...provincialRecommendationReference,
  },
  entities: [Campaign, TaiyuanApplication, CountyRecommendation, ExpertReview, CityDesignation, ProvincialRecommendation, ...REGISTRY_MIRROR_ENTITIES],
  migrations: [
    { name: 'Migration20261123300000_taiyuan', class: Migration20261123300000_taiyuan },
    { name: 'Migration20261210000000_taiyuan_filter_indexes', class: Migration20261210000000_taiyuan_filter_indexes },
  ],
  createLoaders,
  // the institutions' names, credit codes and regions, for the forms and for routing to the right county
  eventHandlers: registryMirrorHandlers('taiyuan'),
  // 附件1 推荐表 and 附件3 汇总表 as .xlsx, at /exports/taiyuan/… on the gateway
  httpRoutes: taiyuanExportRoutes(),
};
