import type { EventHandler, ReferenceResolvers } from '@sme/kernel';
import type { InstitutionType } from './context';
import { ProvincialReview } from './provincial-review.entity';
import { ProvincialExpertReview } from './expert-review.entity';
import { ProvincialDesignation } from './provincial-designation.entity';
import { TaiyuanRecommendationReference, recommendationReferenceResolver } from './taiyuan-recommendation.reference';
import { createProvincialReviewResolver } from './provincial-review.resolver';
import { createProvincialPlatformResolver } from './provincial-platform.resolver';
import { createInstitutionPlatformResolver } from './institution-platform.resolver';
import { TaiyuanRecommendationResolver } from './taiyuan-recommendation.resolver';
import { provincialPlatformEventHandlers } from './recommendation-intake';
import { provincialPlatformMigration } from '../migrations/Migration20261123200000_provincial_platforms';
import { provincialFilterIndexesMigration } from '../migrations/Migration20261210000000_provincial_filter_indexes';

/**
 * The Shanxi provincial platform review (SPEC §3 last paragraph) as the parts of a subgraph definition that
 * server.ts merges into the resource library's: its resolvers, the federated recommendation it extends, its
 * tables and migration, and its handler of Taiyuan's recommendations.
 */
export function provincialPlatformParts(institutionType: InstitutionType) {
  return {
    resolvers: [
      createProvincialReviewResolver(institutionType),
      createProvincialPlatformResolver(institutionType),
      createInstitutionPlatformResolver(institutionType),
      TaiyuanRecommendationResolver,
    ],
    orphanedTypes: [TaiyuanRecommendationReference],
    referenceResolvers: { TaiyuanProvincialRecommendation: recommendationReferenceResolver } satisfies ReferenceResolvers,
    entities: [ProvincialReview, ProvincialExpertReview, ProvincialDesignation],
    migrations: [provincialPlatformMigration, provincialFilterIndexesMigration],
    eventHandlers: provincialPlatformEventHandlers() satisfies Record<string, EventHandler>,
  };
}

export { createPlatformLoaders, type PlatformLoaders } from './provincial-platform-loaders';
