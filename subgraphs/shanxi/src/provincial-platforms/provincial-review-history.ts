import type { EntityManager } from '@mikro-orm/postgresql';
import { recordTransition, type AuthUser } from '@sme/kernel';
import type { ProvincialReview } from './provincial-review.entity';

/** Record types of the status history and the audit trail. */
export const PROVINCIAL_REVIEW = 'ShanxiProvincialReview';
export const PROVINCIAL_PLATFORM = 'ShanxiProvincialPlatform';

/** The state of a review as audit entries carry it. */
export const reviewSnapshot = (r: ProvincialReview) => ({
  status: r.status,
  recommendationId: r.recommendationId,
  institutionId: r.institutionId,
  campaignYear: r.campaignYear,
  recommendedOn: r.recommendedOn,
  regionCode: r.regionCode,
  cityCode: r.cityCode,
  cityDesignationId: r.cityDesignationId,
  cityDesignatedOn: r.cityDesignatedOn,
  cityDesignationValidUntil: r.cityDesignationValidUntil,
  receivedOn: r.receivedOn,
  expertReviewedOn: r.expertReviewedOn,
  noticeStartsOn: r.noticeStartsOn,
  noticeEndsOn: r.noticeEndsOn,
  decidedOn: r.decidedOn,
  rejectionGround: r.rejectionGround,
  rejectionReason: r.rejectionReason,
  version: r.version,
});

/**
 * Every change of a review's status goes through here: one status-history row and one audit entry, in the
 * transaction of the change (SPEC §2 Audit trail).
 */
export function recordReviewTransition(
  em: EntityManager,
  actor: AuthUser,
  review: ProvincialReview,
  change: { from: string | null; to?: string; action: string; on: string; reason?: string | null; before: unknown; after?: unknown },
): void {
  recordTransition(em, actor, {
    ...change, recordType: PROVINCIAL_REVIEW, recordId: review.id, to: change.to ?? review.status, after: change.after ?? reviewSnapshot(review),
  });
}
