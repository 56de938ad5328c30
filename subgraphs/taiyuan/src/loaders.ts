import type { EntityManager } from '@mikro-orm/postgresql';
import { auditTrailLoader, manyByKey, oneByKey, oneByValue, statusHistoryLoader } from '@sme/kernel';
import { TaiyuanApplication } from './applications/application.entity';
import { APPLICATION } from './applications/application-history';
import { CountyRecommendation } from './county-recommendations/county-recommendation.entity';
import { ExpertReview } from './expert-reviews/expert-review.entity';
import { CityDesignation } from './designations/city-designation.entity';
import { ProvincialRecommendation } from './provincial-recommendations/provincial-recommendation.entity';
import { Campaign } from './campaigns/campaign.entity';

/** Made per request on the request's EntityManager fork: the trace query's cost must not grow with the keys. */
export function createLoaders(em: EntityManager) {
  return {
    application: oneByKey(em, TaiyuanApplication, 'id'),
    provincialRecommendation: oneByKey(em, ProvincialRecommendation, 'id'),
    applicationsByInstitution: manyByKey(em, TaiyuanApplication, 'institutionId', { createdAt: 'desc', id: 'asc' }),
    designationsByInstitution: manyByKey(em, CityDesignation, 'institutionId', { designatedOn: 'desc', id: 'asc' }),
    provincialRecommendationsByInstitution: manyByKey(em, ProvincialRecommendation, 'institutionId', { recommendedOn: 'desc', id: 'asc' }),
    provincialRecommendationsByDesignation: manyByKey(em, ProvincialRecommendation, 'designationId', { recommendedOn: 'desc', id: 'asc' }),
    // one of each per application (unique in the tables)
    countyRecommendation: oneByKey(em, CountyRecommendation, 'applicationId'),
    expertReview: oneByKey(em, ExpertReview, 'applicationId'),
    designation: oneByKey(em, CityDesignation, 'applicationId'),
    statusHistory: statusHistoryLoader(em, [APPLICATION]),
    /** Campaigns by year (the eligibility check of every application on a page reads its own). */
    campaign: oneByValue<Campaign, number>(em, Campaign, 'year'),
    auditTrail: auditTrailLoader(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
