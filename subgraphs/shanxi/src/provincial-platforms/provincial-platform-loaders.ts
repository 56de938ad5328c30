import type { EntityManager } from '@mikro-orm/postgresql';
import { auditTrailLoader, manyByKey, oneByKey, statusHistoryLoader } from '@sme/kernel';
import { ProvincialReview } from './provincial-review.entity';
import { ProvincialExpertReview } from './expert-review.entity';
import { ProvincialDesignation } from './provincial-designation.entity';
import { PROVINCIAL_REVIEW } from './provincial-review-history';

/**
 * The provincial review's per-request loaders, merged with the library's in server.ts: a page of N reviews, or
 * `_entities` for N recommendations or institutions, costs the statements of one.
 */
export function createPlatformLoaders(em: EntityManager) {
  return {
    provincialReview: oneByKey(em, ProvincialReview, 'id'),
    provincialDesignation: oneByKey(em, ProvincialDesignation, 'id'),
    provincialReviewByRecommendation: oneByKey(em, ProvincialReview, 'recommendationId'),
    provincialExpertReview: oneByKey(em, ProvincialExpertReview, 'reviewId'),
    provincialDesignationByReview: oneByKey(em, ProvincialDesignation, 'reviewId'),
    /** The institution's provincial designations, latest first. */
    provincialDesignationsByInstitution: manyByKey(em, ProvincialDesignation, 'institutionId', { designatedOn: 'desc', createdAt: 'desc', id: 'asc' }),
    /** Status history of reviews, by the record type as well so that the (record_type, record_id, seq) index serves it. */
    provincialReviewHistory: statusHistoryLoader(em, [PROVINCIAL_REVIEW]),
    provincialReviewAuditTrail: auditTrailLoader(em),
  };
}

export type PlatformLoaders = ReturnType<typeof createPlatformLoaders>;
